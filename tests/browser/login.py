"""Logging in through the real login form, on the test's page or on a second browser context's."""

from tests.factories import TEST_PASSWORD


def log_in_on(page, user, password=TEST_PASSWORD, expect_path="**/app/"):
    """Log `user` in on `page` (any browser context) through the real login form and wait for where it leads."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(expect_path)
