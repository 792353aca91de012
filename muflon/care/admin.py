"""Barrier support stays out of Django's admin site on purpose.

Counselling is special-category data and confidential notes are for the client's counsellor only; an
installation superuser has no need to see either, so no model of this area is registered here.
"""
