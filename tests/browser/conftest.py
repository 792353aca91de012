"""Browser fixtures: one system Chromium per session, a fresh page per test and logging in (with a session cookie;
the login form has tests of its own)."""

import os

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright

from tests.browser.login import log_in_with_session

# Playwright's sync API runs an event loop in the main thread, where the fixtures also touch the database.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """The system Chromium, started after the test database exists."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"No Chromium at {CHROMIUM}: run `bash scripts/ensure-system-packages.sh` first.")
    # With Playwright's loop marked as running, Django looks up connections per async context and would
    # open new ones that lack the test database's serialized data: keep using the ones set up for it.
    test_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in test_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh context whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def log_in(page, live_server):
    """Log a user in on the test's page (a session of theirs in a cookie) and wait for the dashboard (or the page
    the dashboard sends them on to: `expect_path`)."""

    def log_in(user, expect_path="**/app/"):
        log_in_with_session(page, live_server.url, user, expect_path)

    return log_in
