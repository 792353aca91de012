"""Browser journeys of the sign-up: a visitor signs up on /join/ and the coordinator finds the entry in the
recruitment queue; the pages pass axe-core, reflow at 320 px and work without JavaScript."""

import pytest
from playwright.sync_api import expect

from muflon.accounts.models import Role
from muflon.people.models import Candidate
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_waiting(settings):
    """The time check's minimum is a setting: a test fills the form faster than a person."""
    settings.MUFLON_JOIN_MIN_SECONDS = 0


def fill_sign_up(page, gmina, *, last_name):
    page.goto("/join/")
    page.fill("#id_first_name", "Halina")
    page.fill("#id_last_name", last_name)
    page.fill("#id_phone", "600 200 300")
    page.fill("#id_email", "halina@example.org")
    page.select_option("#id_gmina", str(gmina.pk))
    page.check("input[name='situation'][value='registered']")
    page.fill("#id_interests", "Gotowanie, catering dla szkół")
    page.check("#id_consent")
    page.locator("form.join-form button[type=submit]").click()
    page.wait_for_url("**/join/thanks/")


def test_a_visitor_signs_up_and_the_coordinator_finds_them_in_the_queue(page, log_in, cast, gmina):
    page.goto("/join/")
    assert_accessible(page)
    fill_sign_up(page, gmina, last_name="Sowa")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    assert Candidate.objects.get().source == Candidate.Source.PUBLIC_SITE

    log_in(cast[Role.COORDINATOR])
    page.goto("/app/recruitment/")
    expect(page.get_by_role("heading", name="Halina Sowa")).to_be_visible()


def test_sign_up_errors_are_shown_at_the_fields_accessibly(page, partnership, gmina):
    page.goto("/join/")
    page.locator("form.join-form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#id_phone_error")).to_be_visible()
    expect(page.locator("#id_consent_error")).to_be_visible()
    assert_accessible(page)
    assert Candidate.objects.count() == 0


def test_sign_up_pages_reflow_at_320_pixels(page, partnership, gmina):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/join/", "/join/thanks/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_a_sign_up_works_without_javascript(browser, live_server, partnership, gmina):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    fill_sign_up(page, gmina, last_name="Bez-Skryptu")
    assert Candidate.objects.get().last_name == "Bez-Skryptu"
    context.close()
