"""What a role learns from the participants list: it searches and filters only over what it is shown.

Two people visible to every role that reaches the list differ in everything a filter narrows on (sex, gmina,
legal ground, staff member, referral source, PESEL). A filter a role is not shown narrows nothing, offered or
typed into the web address; a PESEL finds a person only for the roles shown PESEL."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from muflon.accounts.models import PARTICIPANT_READERS, Role
from muflon.people.access import BASIC, CONTACT, FULL, STAGE_ONLY, detail_level
from muflon.people.export import columns
from muflon.people.models import EligibilityGround, ExclusionCategory, PlanItem, Referral
from muflon.people.services import revise_plan
from muflon.region.models import Gmina
from tests.factories import make_participant

pytestmark = pytest.mark.django_db

READERS = sorted(PARTICIPANT_READERS)
PESEL_OF_ANNA = "02211307589"  # born 13.01.2002, a woman
PESEL_OF_NOBODY = "44051401359"  # valid, but no participant has it
FILTERS = ["sex", "gmina", "category", "staff", "source"]
OFFERED = {
    FULL: {"q", "stage", "gmina", "sex", "category", "staff", "source"},
    BASIC: {"q", "stage", "gmina"},
    CONTACT: {"q", "stage"},
    STAGE_ONLY: {"q", "stage"},
}
# The filter each level narrows on: FULL shows every attribute, counsellors the gmina, others none of them.
NARROWS = {FULL: set(FILTERS), BASIC: {"gmina"}, CONTACT: set(), STAGE_ONLY: set()}


@pytest.fixture
def world(cast, partnership, gmina, labour_office):
    """Anna and Bogdan, both referred by the labour office (progress shared), in a plan with the advisor and the
    counsellor, and in the trainer's workshop; they differ in sex, gmina, legal ground, staff member, referral
    source and PESEL."""
    from muflon.education.services import enrol
    from tests.factories import make_edition

    coordinator = cast[Role.COORDINATOR]
    other_gmina = Gmina.objects.exclude(pk=gmina.pk).order_by("terc").first()
    people = {}
    for key, first_name, sex, home, case_worker, pesel, birth_date in [
        ("anna", "Anna", "F", gmina, cast[Role.ADVISOR], PESEL_OF_ANNA, datetime.date(2002, 1, 13)),
        ("bogdan", "Bogdan", "M", other_gmina, coordinator, "", datetime.date(1980, 3, 15)),
    ]:
        referral = Referral(source="labour_office", organisation=labour_office, referred_on=datetime.date(2026, 1, 2))
        person = make_participant(
            partnership,
            home,
            by=coordinator,
            referral=referral,
            consents=("support", "share_with_referrer"),
            first_name=first_name,
            last_name="Kowal",
            sex=sex,
            pesel=pesel,
            birth_date=birth_date,
            document_type="" if pesel else "id_card",
            document_number="" if pesel else f"ABC{first_name[:3].upper()}123",
            case_worker=case_worker,
        )
        items = [
            {"kind": PlanItem.Kind.COUNSELLING, "description": "Wsparcie", "target_date": datetime.date(2026, 6, 30)}
            | {"responsible": cast[role]}
            for role in (Role.ADVISOR, Role.COUNSELLOR)
        ]
        revise_plan(person, goals="Praca", items=items, by=coordinator)
        people[key] = person
    category = ExclusionCategory.objects.order_by("sort").first()
    EligibilityGround.objects.create(
        participant=people["anna"], category=category, evidence="declaration", evidence_date=datetime.date(2026, 1, 5)
    )
    Referral.objects.create(
        participant=people["bogdan"], source="social_welfare", referred_on=datetime.date(2026, 1, 3)
    )
    edition = make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]])
    for person in people.values():
        enrol(edition, person, by=coordinator)
    # Each filter's value that only one of the two matches, and who that is.
    people["narrowing"] = {
        "sex": ({"sex": "F"}, "anna"),
        "gmina": ({"gmina": gmina.pk}, "anna"),
        "category": ({"category": category.pk}, "anna"),
        "staff": ({"staff": cast[Role.ADVISOR].pk}, "anna"),
        "source": ({"source": "social_welfare"}, "bogdan"),
    }
    return people


def listed(response):
    return {person["first_name"] for person in response.context["page"].rows}


@pytest.mark.parametrize("role", READERS)
def test_the_list_offers_only_the_filters_over_what_the_role_is_shown(client, cast, world, role):
    client.force_login(cast[role])
    form = client.get(reverse("people:list")).context["form"]
    assert set(form.fields) == OFFERED[detail_level(cast[role])]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", READERS)
def test_no_filter_narrows_the_list_on_an_attribute_the_role_is_not_shown(client, cast, world, role, method):
    """Offered or typed by hand, by GET or by POST: a hidden attribute's filter leaves both people listed, while
    the roles shown it get the one person it matches (so the test would see a leak)."""
    client.force_login(cast[role])
    level = detail_level(cast[role])
    send = getattr(client, method)
    assert listed(send(reverse("people:list"))) == {"Anna", "Bogdan"}
    for name in FILTERS:
        params, match = world["narrowing"][name]
        expected = {world[match].first_name} if name in NARROWS[level] else {"Anna", "Bogdan"}
        assert listed(send(reverse("people:list"), params)) == expected, name
    # Every hidden filter at once, with the offered stage filter: the stage is shown to all and still narrows.
    every_filter = {key: value for params, _ in world["narrowing"].values() for key, value in params.items()}
    if level in (CONTACT, STAGE_ONLY):
        assert listed(send(reverse("people:list"), every_filter)) == {"Anna", "Bogdan"}
        assert listed(send(reverse("people:list"), every_filter | {"stage": "diagnosed"})) == set()


@pytest.mark.parametrize("role", [role for role in READERS if role in (Role.ADMIN, Role.COORDINATOR, Role.ADVISOR)])
def test_roles_shown_pesel_find_a_person_by_the_whole_number_only(client, cast, world, role):
    client.force_login(cast[role])
    assert detail_level(cast[role]) == FULL
    search = lambda q: listed(client.post(reverse("people:list"), {"q": q}))  # noqa: E731
    assert search(PESEL_OF_ANNA) == {"Anna"}
    assert search("022113 07589") == {"Anna"}
    assert search(PESEL_OF_NOBODY) == set()
    for part in (PESEL_OF_ANNA[:6], PESEL_OF_ANNA[-5:], PESEL_OF_ANNA[:10]):
        assert search(part) == set()
    assert client.get(reverse("people:list"), {"q": PESEL_OF_ANNA}).status_code == 302


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.TRAINER, Role.PARTNER])
def test_roles_not_shown_pesel_cannot_search_by_it_and_learn_nothing_from_trying(client, cast, world, role):
    """Any number in the search is refused with a message at the field, the same for a PESEL that belongs to a
    person they see, one nobody has and a part of one; nothing is narrowed by it."""
    client.force_login(cast[role])
    assert detail_level(cast[role]) != FULL
    answers = []
    for query in (PESEL_OF_ANNA, "022113 07589", PESEL_OF_NOBODY, PESEL_OF_ANNA[:6], PESEL_OF_ANNA[-5:], "Kowal 0221"):
        for method in (client.post, client.get):
            response = method(reverse("people:list"), {"q": query})
            assert response.status_code == 200
            assert response.context["form"].has_error("q", "pesel_not_shown")
            assert 'id="id_q_error"' in response.content.decode()
            answers.append(listed(response))
    assert all(answer == {"Anna", "Bogdan"} for answer in answers)


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.TRAINER, Role.PARTNER])
def test_roles_not_shown_pesel_still_search_by_name(client, cast, world, role):
    client.force_login(cast[role])
    response = client.post(reverse("people:list"), {"q": "kowal anna"})
    assert listed(response) == {"Anna"}
    assert "PESEL" not in str(response.context["form"].fields["q"].label)


def test_the_export_holds_only_the_columns_of_the_level_of_detail():
    with translation.override("en"):
        titles = {level: [title for title, _ in columns(level)] for level in (FULL, BASIC, CONTACT, STAGE_ONLY)}
    assert "PESEL" in titles[FULL] and len(titles[FULL]) == 11
    assert titles[BASIC] == ["Surname", "First name", "Gmina", "Phone", "E-mail", "Stage", "In this stage since"]
    assert titles[CONTACT] == ["Surname", "First name", "Phone", "E-mail", "Stage", "In this stage since"]
    assert titles[STAGE_ONLY] == ["Surname", "First name", "Stage", "In this stage since"]


@pytest.mark.parametrize("role", READERS)
def test_only_managers_export_and_their_export_applies_the_filters(client, cast, world, role):
    client.force_login(cast[role])
    response = client.get(reverse("people:export", args=["csv"]), {"sex": "F"})
    if role not in (Role.ADMIN, Role.COORDINATOR):
        assert response.status_code == 403
        return
    lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "Anna" in lines[1] and PESEL_OF_ANNA in lines[1]
