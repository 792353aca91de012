"""Accounts: users, organisations of the partnership, roles and login."""
