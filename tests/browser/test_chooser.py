"""Browser journeys: a coordinator enrols one of two namesakes by typing, with JavaScript (the list as you type,
picked with the keyboard) and without it (the server offers the namesakes as radios)."""

import datetime

import pytest
from playwright.sync_api import expect

from muflon.accounts.models import Role
from muflon.education.models import Enrolment
from tests.browser.axe import assert_accessible
from tests.factories import TEST_PASSWORD, make_edition, make_participant

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BOX = "#id_enrol-participant"


@pytest.fixture
def namesakes(partnership, gmina, cast):
    """Two Anna Nowaks (born 1970 and 1995) and an Anna Nowicka, among the people to enrol."""
    coordinator = cast[Role.COORDINATOR]
    older, younger = (
        make_participant(
            partnership, gmina, by=coordinator, birth_date=datetime.date(year, 1, 5), document_number=f"N{year}"
        )
        for year in (1970, 1995)
    )
    make_participant(partnership, gmina, by=coordinator, last_name="Nowicka", document_number="N1")
    return older, younger


@pytest.fixture
def edition(partnership, gmina, cast):
    return make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]], capacity=5)


def submit_enrol_form(page, edition):
    page.locator(f"form[action^='/app/workshops/{edition.pk}/enrol/'] button[type=submit]").click()


def test_with_javascript_people_appear_as_you_type_and_the_keyboard_picks_one(page, log_in, cast, namesakes, edition):
    older, younger = namesakes
    log_in(cast[Role.COORDINATOR])
    page.goto(f"/app/workshops/{edition.pk}/")
    box = page.locator(BOX)
    expect(box).to_have_attribute("role", "combobox")
    box.press_sequentially("nowak", delay=30)
    options = page.locator(f"{BOX}_listbox [role=option]")
    expect(options).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(options.nth(0)).to_contain_text("1970")
    expect(options.nth(1)).to_contain_text("1995")
    expect(page.locator("[data-chooser-status]")).to_contain_text("2")
    assert_accessible(page)  # with the list open

    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", f"{BOX[1:]}_listbox_1")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    box.press("Enter")  # picks; the form is not sent yet
    expect(page.locator(f"{BOX}_listbox")).to_be_hidden()
    expect(page.locator("input[type=hidden][name='enrol-participant']")).to_have_value(str(younger.pk))
    expect(box).to_have_value("Nowak Anna")
    expect(page.locator("[data-chooser-chosen]")).to_contain_text("1995")
    assert not Enrolment.objects.exists()

    box.press("Enter")  # sends the form
    expect(page.locator(".messages")).to_be_visible()
    assert [e.participant for e in Enrolment.objects.all()] == [younger]
    assert_accessible(page)

    # Typing again forgets the choice; Escape closes the list.
    page.goto(f"/app/workshops/{edition.pk}/")
    box.press_sequentially("nowi", delay=30)
    expect(options).to_have_count(1)
    box.press("Escape")
    expect(page.locator(f"{BOX}_listbox")).to_be_hidden()
    expect(page.locator("input[type=hidden][name='enrol-participant']")).to_have_value("")


def test_without_javascript_namesakes_come_back_as_radios_and_the_chosen_one_is_enrolled(
    browser, live_server, cast, namesakes, edition
):
    older, younger = namesakes
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.fill("#id_username", cast[Role.COORDINATOR].username)
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/app/")

    page.goto(f"/app/workshops/{edition.pk}/")
    box = page.locator(BOX)
    expect(box).not_to_have_attribute("role", "combobox")
    box.fill("Nowak Anna")
    submit_enrol_form(page, edition)
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(BOX)).to_have_value("Nowak Anna")
    radios = page.locator("input[type=radio][name='enrol-participant']")
    expect(radios).to_have_count(2)
    # (axe needs JavaScript: this state is checked by the next test in a browser with it)
    assert "1970" in page.locator(f"label[for='{BOX[1:]}_0']").inner_text()
    assert "1995" in page.locator(f"label[for='{BOX[1:]}_1']").inner_text()
    assert not Enrolment.objects.exists()

    page.locator(f"{BOX}_1").check()
    submit_enrol_form(page, edition)
    expect(page.locator(".messages")).to_be_visible()
    assert [e.participant for e in Enrolment.objects.all()] == [younger]
    context.close()


def test_the_form_without_javascript_passes_axe_with_the_namesakes_to_choose_from(
    page, log_in, cast, namesakes, edition
):
    """The state only a browser without JavaScript reaches (the server's radios), checked by axe in this one."""
    log_in(cast[Role.COORDINATOR])
    page.goto(f"/app/workshops/{edition.pk}/")
    page.locator(BOX).fill("Nowak Anna")
    page.locator(BOX).press("Escape")
    submit_enrol_form(page, edition)
    expect(page.locator("input[type=radio][name='enrol-participant']")).to_have_count(2)
    assert_accessible(page)
