"""Bounds on every number and date a form accepts, so that no input reaches a query out of the database's range
(a 20-digit integer overflowed SQLite; year 1 overflowed the conversion to a moment in time)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
# A 32-bit integer: no count, capacity or number of minutes in this system comes near it.
LARGEST_NUMBER = 2**31 - 1


def sensible_date(value) -> None:
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s.") % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            code="date_range",
        )


def bound_form_fields() -> None:
    """Put the bounds on Django's form fields (called once from CoreConfig.ready())."""
    from django import forms

    forms.DateField.default_validators = [sensible_date]
    forms.DateTimeField.default_validators = [sensible_date]
    forms.IntegerField.default_validators = [MinValueValidator(-LARGEST_NUMBER), MaxValueValidator(LARGEST_NUMBER)]
