"""Browser journey: a coordinator takes one person from referral to an individual support plan."""

import pytest
from playwright.sync_api import expect

from muflon.accounts.models import Role
from muflon.people.models import Participant
from tests.browser.axe import assert_accessible
from tests.factories import days_ahead

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_coordinator_walks_a_person_from_referral_to_a_plan(page, log_in, cast, gmina, labour_office):
    """Register with a labour office referral, diagnose, move on the path and write the plan."""
    log_in(cast[Role.COORDINATOR])
    page.goto("/app/participants/new/")
    assert_accessible(page)
    page.fill("#id_first_name", "Halina")
    page.fill("#id_last_name", "Kaczmarek")
    page.fill("#id_pesel", "02211307589")
    page.fill("#id_phone", "600 200 300")
    page.select_option("#id_gmina", str(gmina.pk))
    page.select_option("#id_education", "isced2")
    page.select_option("#id_labour_status", "registered_unemployed")
    page.fill("#id_unemployed_since", "2024-06-01")
    page.fill("#id_joined_on", "2026-02-02")
    page.select_option("#id_referral-source", "labour_office")
    page.select_option("#id_referral-organisation", str(labour_office.pk))
    page.fill("#id_referral-referred_on", "2026-02-01")
    page.check("input[name='consent-purposes'][value='support']")
    page.select_option("#id_consent-method", "paper")
    page.locator("main form button[type=submit]").click()

    person = Participant.objects.get(pesel="02211307589")
    page.wait_for_url(f"**/app/participants/{person.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Halina Kaczmarek")
    assert_accessible(page)

    page.goto(f"/app/participants/{person.pk}/diagnosis/")
    for area in ["social_family", "finances", "psychological", "health", "care_duties", "housing", "skills"]:
        page.check(f"input[name='severity_{area}'][value='2']")
    page.fill("#id_business_idea", "Catering dla szkół")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/app/participants/{person.pk}/")

    page.select_option("#id_to_stage", "diagnosed")
    page.fill("#id_moved_on", "2026-02-10")
    page.locator("form[action$='/stage/'] button[type=submit]").click()
    page.wait_for_url(f"**/app/participants/{person.pk}/")

    page.goto(f"/app/participants/{person.pk}/plan/")
    assert_accessible(page)
    page.fill("#id_goals", "Przygotować się do założenia spółdzielni socjalnej.")
    page.select_option("#id_items-0-kind", "workshop")
    page.fill("#id_items-0-description", "Warsztaty motywacyjne")
    page.fill("#id_items-0-target_date", days_ahead())
    page.select_option("#id_items-0-responsible", str(cast[Role.TRAINER].pk))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/app/participants/{person.pk}/")

    expect(page.locator("#plan-heading + p")).to_contain_text("1")
    expect(page.get_by_text("Warsztaty motywacyjne")).to_be_visible()
    person.refresh_from_db()
    assert person.stage == "diagnosed"
    assert person.plans.get().items.get().description == "Warsztaty motywacyjne"
    assert person.referrals.get().organisation == labour_office


def test_participants_list_is_accessible_and_reflows(page, log_in, cast, participant):
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(cast[Role.COORDINATOR])
    page.goto("/app/participants/")
    expect(page.get_by_role("link", name="Nowak Anna")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
