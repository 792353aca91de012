"""The first journey: logging in and out, and the accessibility, reflow and keyboard basics of the shell."""

import re

import pytest
from playwright.sync_api import expect

from muflon.accounts.models import Role
from tests.browser.axe import assert_accessible
from tests.browser.login import log_in_on

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_coordinator_logs_in_and_out(page, live_server, coordinator):
    """A coordinator logs in through the form to the dashboard, logs out with the header button and is then a
    stranger again."""
    log_in_on(page, coordinator)
    expect(page).to_have_url(f"{live_server.url}/app/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.locator(".account-nav form[action='/accounts/logout/'] button").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator(".account-nav a[href='/accounts/login/']")).to_be_visible()

    page.goto("/app/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/app/$"))


@pytest.mark.parametrize("path", ["/", "/accounts/login/"])
def test_public_pages_are_accessible(page, path):
    """The public pages have no WCAG 2.1 A/AA violations."""
    page.goto(path)
    assert_accessible(page)


def test_login_error_is_accessible(page, coordinator):
    """The login page showing a wrong-password error has no WCAG 2.1 A/AA violations."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(coordinator.username)
    page.locator("#id_password").fill("not-the-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".form-errors[role=alert]")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.COORDINATOR, "/app/"),
        (Role.ADMIN, "/app/"),
        (Role.ADMIN, "/app/audit/"),
        (Role.ADMIN, "/app/users/"),
        (Role.ADMIN, "/app/users/new/"),
    ],
)
def test_staff_pages_are_accessible(page, log_in, cast, role, path):
    """The dashboard, audit log and user pages have no WCAG 2.1 A/AA violations for the roles that see them."""
    log_in(cast[role])
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_home_page_reflows_at_320_px(page):
    """At 320 px wide the home page needs no horizontal scrolling."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_skip_link_is_first_and_moves_focus_to_main(page):
    """The first Tab focuses the skip link, and following it puts focus on the main content."""
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.locator("a[href='#main']")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


@pytest.mark.parametrize("path", ["/app/audit/", "/app/users/", "/app/organisations/", "/app/tasks/"])
def test_staff_tables_are_accessible_and_reflow_at_320_px(page, log_in, admin_user, path):
    """Wide tables scroll inside a focusable region, so the page itself never scrolls sideways."""
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(admin_user)
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
