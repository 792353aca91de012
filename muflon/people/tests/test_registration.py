"""Registering participants: PESEL rules, derived data, duplicates, eligibility, referral and consents."""

import datetime

import pytest
from django.urls import reverse

from muflon.people.models import ExclusionCategory, Participant
from muflon.people.path import Stage

# dates: No date in the future; only the legal grounds in force today can be chosen.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def registration(gmina, **overrides):
    form = {
        "first_name": "Jan",
        "last_name": "Kowalski",
        "pesel": "44051401359",
        "document_type": "",
        "document_number": "",
        "birth_date": "",
        "sex": "",
        "phone": "600 100 200",
        "email": "jan@example.org",
        "street": "Długa 1",
        "postal_code": "58-300",
        "city": "Wałbrzych",
        "gmina": gmina.pk,
        "education": "isced2",
        "labour_status": "registered_unemployed",
        "unemployed_since": "2024-02-01",
        "long_term_unemployed": "on",
        "joined_on": "2026-03-02",
        "case_worker": "",
        "referral-source": "own",
        "referral-organisation": "",
        "referral-referring_person": "",
        "referral-referred_on": "2026-03-01",
        "referral-reason": "",
        "consent-purposes": ["support", "email"],
        "consent-method": "paper",
    }
    form.update(overrides)
    return form


def test_coordinator_registers_a_person_with_data_read_from_pesel(client, coordinator, gmina):
    """Birth date and sex come from the PESEL; the path starts at 'recruited' with consents and referral."""
    client.force_login(coordinator)
    response = client.post(reverse("people:create"), registration(gmina))
    person = Participant.objects.get(pesel="44051401359")
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert (person.birth_date, person.sex) == (datetime.date(1944, 5, 14), "M")
    assert person.stage == Stage.RECRUITED
    assert person.partnership == coordinator.partnership
    assert set(person.consents.values_list("purpose", flat=True)) == {"support", "email"}
    assert person.referrals.get().source == "own"
    assert list(person.transitions.values_list("to_stage", flat=True)) == ["recruited"]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"pesel": "44051401358"}, "pesel", "cyfra kontrolna"),
        ({"pesel": "4405140135"}, "pesel", "11 cyfr"),
        ({"birth_date": "1944-05-15"}, "birth_date", "nie zgadza się z numerem PESEL"),
        ({"sex": "F"}, "sex", "nie zgadza się z numerem PESEL"),
        ({"pesel": "", "birth_date": "1980-01-01", "sex": "F"}, "pesel", "dokumentu"),
        ({"joined_on": "2099-01-01"}, "joined_on", "przyszłości"),
        ({"unemployed_since": ""}, "unemployed_since", "zarejestrowana"),
        ({"postal_code": "58300"}, "postal_code", "00-000"),
        ({"consent-purposes": ["email"]}, "purposes", "przetwarzanie"),
    ],
)
def test_bad_registration_gets_a_polish_message_at_the_field_and_saves_nothing(
    client, coordinator, gmina, overrides, field, message
):
    client.force_login(coordinator)
    response = client.post(reverse("people:create"), registration(gmina, **overrides))
    assert response.status_code == 200
    forms = [response.context["form"], response.context["consent_form"], response.context["referral_form"]]
    errors = {name: " ".join(text) for form in forms for name, text in form.errors.items()}
    assert field in errors
    assert message in errors[field].lower() or message in errors[field]
    assert not Participant.objects.exists()


def test_a_pesel_already_registered_is_refused(client, coordinator, gmina):
    client.force_login(coordinator)
    client.post(reverse("people:create"), registration(gmina))
    response = client.post(reverse("people:create"), registration(gmina, first_name="Inny"))
    assert "już zarejestrowan" in " ".join(response.context["form"].errors["pesel"])
    assert Participant.objects.count() == 1


def test_the_same_pesel_may_exist_in_another_partnership(client, coordinator, outsider, gmina):
    """Partnerships are separate tenants: each keeps its own register."""
    client.force_login(outsider)
    client.post(reverse("people:create"), registration(gmina))
    client.force_login(coordinator)
    client.post(reverse("people:create"), registration(gmina))
    assert Participant.objects.filter(pesel="44051401359").count() == 2


def test_eligibility_shows_the_legal_grounds_valid_on_a_day(participant):
    """A ground that ended in 2018 no longer counts; a 2018 one does not count before it began."""
    old = ExclusionCategory.objects.get(code="social_employment")
    new = ExclusionCategory.objects.get(code="job_seeker_not_employed")
    participant.eligibility_grounds.create(
        category=old, evidence="institution", evidence_date=datetime.date(2017, 5, 1)
    )
    participant.eligibility_grounds.create(
        category=new, evidence="labour_office", evidence_date=datetime.date(2025, 5, 1)
    )
    codes = lambda day: [g.category.code for g in participant.eligibility_on(day)]  # noqa: E731
    assert codes(datetime.date(2017, 6, 1)) == ["social_employment"]
    assert codes(datetime.date(2026, 6, 1)) == ["job_seeker_not_employed"]


def test_detail_page_says_on_which_ground_the_person_may_found_a_cooperative(client, coordinator, participant):
    participant.eligibility_grounds.create(
        category=ExclusionCategory.objects.get(code="unemployed"),
        evidence="labour_office",
        evidence_date=datetime.date(2026, 1, 2),
    )
    client.force_login(coordinator)
    page = client.get(reverse("people:detail", args=[participant.pk])).content.decode()
    assert "osoba bezrobotna" in page
    assert "art. 4 ust. 1 pkt 1" in page


def test_adding_the_same_ground_twice_is_refused(client, coordinator, participant):
    client.force_login(coordinator)
    url = reverse("people:eligibility", args=[participant.pk])
    category = ExclusionCategory.objects.get(code="unemployed")
    form = {"category": category.pk, "evidence": "labour_office", "evidence_date": "2026-01-02"}
    assert client.post(url, form).status_code == 302
    again = client.post(url, form)
    assert "category" in again.context["form"].errors
    assert participant.eligibility_grounds.count() == 1


def test_a_ground_no_longer_in_force_cannot_be_chosen(client, coordinator, participant):
    client.force_login(coordinator)
    ended = ExclusionCategory.objects.get(code="social_employment")
    response = client.post(
        reverse("people:eligibility", args=[participant.pk]),
        {"category": ended.pk, "evidence": "institution", "evidence_date": "2026-01-02"},
    )
    assert "category" in response.context["form"].errors


@pytest.mark.parametrize("pesel", ["44051401358", "4405140135", "abcdefghijk"])
def test_a_mistyped_pesel_is_the_only_error_not_a_missing_birth_date_or_sex(client, coordinator, gmina, pesel):
    client.force_login(coordinator)
    response = client.post(reverse("people:create"), registration(gmina, pesel=pesel))
    errors = response.context["form"].errors
    assert "pesel" in errors
    assert "birth_date" not in errors and "sex" not in errors


def test_a_duplicate_pesel_links_to_the_person_already_registered(client, coordinator, gmina):
    client.force_login(coordinator)
    client.post(reverse("people:create"), registration(gmina))
    existing = Participant.objects.get()
    response = client.post(reverse("people:create"), registration(gmina, first_name="Inny"))
    assert f'<a href="{existing.get_absolute_url()}">{existing}</a>' in response.content.decode()
    assert Participant.objects.count() == 1


def test_a_person_over_a_hundred_is_saved_only_once_the_date_is_confirmed(client, coordinator, gmina):
    client.force_login(coordinator)
    old = {"pesel": "", "document_type": "id_card", "document_number": "ABC000111", "sex": "F"}
    old["birth_date"] = "1920-01-01"  # 106 at the start of participation (2026-03-02)
    first = client.post(reverse("people:create"), registration(gmina, **old))
    assert "106" in " ".join(first.context["form"].errors["birth_date"])
    assert 'name="birth_date_confirmed"' in first.content.decode()
    assert not Participant.objects.exists()

    client.post(reverse("people:create"), registration(gmina, **old, birth_date_confirmed="on"))
    assert Participant.objects.get().birth_date == datetime.date(1920, 1, 1)


def test_a_person_of_exactly_a_hundred_needs_no_confirmation(client, coordinator, gmina):
    client.force_login(coordinator)
    old = {"pesel": "", "document_type": "id_card", "document_number": "ABC000112", "sex": "M"}
    client.post(reverse("people:create"), registration(gmina, **old, birth_date="1926-03-02"))
    assert Participant.objects.get().birth_date == datetime.date(1926, 3, 2)


def test_a_new_participant_starts_on_the_local_day_not_the_utc_one():
    """At 00:30 in Warsaw it is still yesterday in UTC: the default dates follow the partnership's day."""
    import datetime

    import time_machine

    from muflon.people.models import Participant

    half_past_midnight_in_warsaw = datetime.datetime(2027, 3, 10, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(half_past_midnight_in_warsaw, tick=False):
        person = Participant()
    assert person.joined_on == person.stage_since == datetime.date(2027, 3, 11)
