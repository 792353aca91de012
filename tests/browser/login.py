"""Logging in: through the real login form, or (for journeys about something else) with a session made on the server
and handed to the browser as its cookie, which is what the form's success leaves behind."""

from django.conf import settings
from django.test import Client

from tests.factories import TEST_PASSWORD


def log_in_on(page, user, password=TEST_PASSWORD, expect_path="**/app/"):
    """Log `user` in on `page` (any browser context) through the real login form and wait for where it leads."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(expect_path)


def log_in_with_session(page, base_url, user, expect_path="**/app/"):
    """Give `page`'s browser context a logged-in session of `user` (Django's login, as the form's success runs it:
    the signal, the audit entry) and open the dashboard, as the form's redirect does; wait for where it leads.

    The login form itself is tested on its own (tests/browser/test_foundation.py, tests/test_login.py); this saves
    the three steps of filling it in every journey that only needs someone logged in."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": session.key, "value": session.value, "url": base_url, "httpOnly": True}])
    page.goto("/app/")
    page.wait_for_url(expect_path)
