"""A form sent with mistakes keeps what was typed and opens with an error summary that has the focus and links
to each field; the page title starts with "Błąd:"; the page stays accessible."""

import re

import pytest
from playwright.sync_api import expect

from muflon.accounts.models import Role
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_registration_with_mistakes_opens_on_the_error_summary(page, log_in, cast, gmina):
    page.set_extra_http_headers({"Accept-Language": "pl"})
    log_in(cast[Role.COORDINATOR])
    page.goto("/app/participants/new/")
    page.fill("#id_first_name", "Jolanta")
    page.fill("#id_last_name", "Zielińska")
    page.fill("#id_pesel", "44051401358")  # wrong check digit
    page.fill("#id_postal_code", "58300")
    page.locator("main form button[type=submit]").first.click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.title().startswith("Błąd:")
    expect(page.locator("#id_first_name")).to_have_value("Jolanta")
    expect(page.locator("#id_last_name")).to_have_value("Zielińska")

    expect(summary.locator("a[href='#id_postal_code']")).to_have_text(re.compile("Kod pocztowy"))
    expect(summary.locator("a[href='#id_pesel']")).to_be_visible()
    expect(page.locator("#id_postal_code")).to_have_value("58300")
    assert_accessible(page)


def test_a_page_without_mistakes_has_no_summary_and_a_plain_title(page, log_in, cast):
    page.set_extra_http_headers({"Accept-Language": "pl"})
    log_in(cast[Role.COORDINATOR])
    page.goto("/app/participants/new/")
    expect(page.locator(".error-summary")).to_have_count(0)
    assert not page.title().startswith("Błąd:")
