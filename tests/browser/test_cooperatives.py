"""Browser journey: an advisor forms a founding group, people join it by typing their names, the page says in plain
words what the social cooperatives act still asks until nothing hard is missing, and the court's entry makes the
cooperative, whose founders move on along their path; axe checks each page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from muflon.accounts.models import Role
from muflon.cooperatives.models import FoundingGroup
from muflon.cooperatives.tests.test_groups import in_support
from muflon.people.models import Participant
from muflon.people.path import Stage
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

BOX = "#id_join-participant"


@pytest.fixture
def advisors_people(partnership, gmina, cast):
    from muflon.people.models import ExclusionCategory
    from muflon.people.reference import upsert_exclusion_categories

    # A live-server test runs after others have emptied the tables, migrated reference data too.
    upsert_exclusion_categories(ExclusionCategory)
    coordinator, advisor = cast[Role.COORDINATOR], cast[Role.ADVISOR]
    people = [in_support(partnership, gmina, coordinator, name) for name in ("Alicja", "Bożena", "Cecylia")]
    Participant.objects.filter(pk__in=[person.pk for person in people]).update(case_worker=advisor)
    return people


def test_an_advisor_forms_a_group_and_people_join_until_the_act_is_satisfied(
    page, log_in, cast, gmina, advisors_people
):
    page.context.set_extra_http_headers({"Accept-Language": "pl"})  # the users' language, whatever Chromium's
    log_in(cast[Role.ADVISOR])
    page.locator("nav.main-nav a[href='/app/cooperatives/groups/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grupy inicjatywne")
    page.get_by_role("link", name="Nowa grupa inicjatywna").click()
    assert_accessible(page)

    # A wrong PKD section comes back at its field, with what was typed kept.
    page.get_by_label("Nazwa robocza").fill("Smaki Doliny")
    page.get_by_label("Pomysł na działalność").fill("Catering dla szkół")
    page.get_by_label("Sekcja PKD").fill("Ż")
    page.get_by_label("Gmina").select_option(str(gmina.pk))
    page.get_by_role("button", name="Zapisz").click()
    expect(page.locator("#id_pkd_section_error")).to_be_visible()
    expect(page.get_by_label("Nazwa robocza")).to_have_value("Smaki Doliny")
    assert_accessible(page)
    page.get_by_label("Sekcja PKD").fill("I")
    page.get_by_role("button", name="Zapisz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Smaki Doliny")
    expect(page.locator("#rules-heading ~ ul")).to_contain_text("Brakuje:")
    assert_accessible(page)

    group = FoundingGroup.objects.get()
    joined = timezone.localdate().isoformat()
    for person in advisors_people:
        box = page.locator(BOX)
        box.press_sequentially(f"{person.last_name} {person.first_name[:3]}", delay=20)
        option = page.locator(f"{BOX}_listbox [role=option]").first
        expect(option).to_contain_text(person.first_name)
        box.press("ArrowDown")
        box.press("Enter")
        page.locator("#id_join-joined_on").fill(joined)
        page.get_by_role("button", name="Dodaj do grupy").first.click()
        expect(page.locator(".messages")).to_contain_text(person.first_name)

    expect(
        page.get_by_role("table", name="Członkowie grupy w kolejności przystąpienia").locator("tbody tr")
    ).to_have_count(3)
    findings = page.locator("#rules-heading ~ ul")
    expect(findings).not_to_contain_text("Brakuje:")
    expect(findings).to_contain_text("Pamiętaj:")
    assert_accessible(page)
    assert group.members.count() == 3
    assert set(Participant.objects.values_list("stage", flat=True)) == {Stage.FOUNDING_GROUP}

    # The court's entry: a name without "spółdzielnia socjalna" comes back at its field; then the cooperative.
    page.get_by_label("Nazwa w rejestrze").fill("Smaki Doliny")
    page.get_by_label("Numer KRS").fill("0000123456")
    page.get_by_role("button", name="Zapisz rejestrację").click()
    expect(page.locator("#id_register-name_error")).to_be_visible()
    expect(page.get_by_label("Numer KRS")).to_have_value("0000123456")
    assert_accessible(page)
    page.get_by_label("Nazwa w rejestrze").fill("Smaki Doliny spółdzielnia socjalna")
    page.get_by_role("button", name="Zapisz rejestrację").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Smaki Doliny spółdzielnia socjalna")
    expect(
        page.get_by_role("table", name="Członkowie spółdzielni w kolejności przystąpienia").locator("tbody tr")
    ).to_have_count(3)
    assert_accessible(page)
    assert set(Participant.objects.values_list("stage", flat=True)) == {Stage.COOPERATIVE_MEMBER}
