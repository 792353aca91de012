"""Counselling: referral and sessions need consent to health data; notes are the client's counsellor's only."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from muflon.accounts.models import Role
from muflon.care import services
from muflon.care.models import ConfidentialNote, CounsellingClient, CounsellingHandover, CounsellingSession
from muflon.core.models import AuditEntry
from muflon.people.services import withdraw_consent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def withdraw_health_consent(participant, by):
    consent = participant.consents.get(purpose="health_data", withdrawn_on=None)
    withdraw_consent(consent, on=consent.given_on, by=by)


def session_data(**overrides):
    data = {"held_on": "2026-03-02", "minutes": "50", "form": "individual", "summary": "Sesja odbyta"}
    data.update(overrides)
    return data


# Referral --------------------------------------------------------------------------------------------------


def test_referral_without_consent_to_health_data_is_refused_and_nothing_saved(
    english, participant, coordinator, counsellor
):
    english.force_login(coordinator)
    response = english.post(
        reverse("care:refer", args=[participant.pk]),
        {"counsellor": counsellor.pk, "kind": "psychological", "referred_on": "2026-02-01"},
    )
    assert response.status_code == 200
    assert "no consent in force to the processing of health data" in response.content.decode()
    assert not CounsellingClient.objects.exists()


def test_coordinator_refers_a_consenting_person_to_a_counsellor(english, consenting, coordinator, counsellor):
    english.force_login(coordinator)
    response = english.post(
        reverse("care:refer", args=[consenting.pk]),
        {"counsellor": counsellor.pk, "kind": "therapeutic", "referred_on": "2026-02-01"},
    )
    client = CounsellingClient.objects.get()
    assert response.status_code == 302 and response["Location"] == client.get_absolute_url()
    assert (client.counsellor, client.kind, client.referred_by) == (counsellor, "therapeutic", coordinator)


def test_a_person_is_in_one_open_counselling_at_a_time(care_client, coordinator, other_counsellor):
    with translation.override("en"), pytest.raises(ValidationError, match="already in counselling"):
        services.refer_to_counselling(
            care_client.participant,
            counsellor=other_counsellor,
            kind="psychological",
            referred_on=datetime.date(2026, 2, 1),
            by=coordinator,
        )


def test_only_a_counsellor_can_be_chosen(consenting, coordinator):
    with pytest.raises(ValidationError):
        services.refer_to_counselling(
            consenting,
            counsellor=coordinator,
            kind="psychological",
            referred_on=datetime.date(2026, 2, 1),
            by=coordinator,
        )


# Sessions --------------------------------------------------------------------------------------------------


def test_counsellor_records_a_session(english, care_client, counsellor):
    english.force_login(counsellor)
    response = english.post(reverse("care:session_create", args=[care_client.pk]), session_data())
    assert response.status_code == 302
    session = CounsellingSession.objects.get()
    assert (session.minutes, session.form, session.counsellor) == (50, "individual", counsellor)


@pytest.mark.parametrize("minutes", ["0", "-5", ""])
def test_a_session_needs_a_positive_length(english, care_client, counsellor, minutes):
    english.force_login(counsellor)
    response = english.post(reverse("care:session_create", args=[care_client.pk]), session_data(minutes=minutes))
    assert response.status_code == 200
    assert 'id="id_minutes_error"' in response.content.decode()
    assert not CounsellingSession.objects.exists()


def test_no_session_after_the_consent_is_withdrawn(english, care_client, counsellor, coordinator):
    withdraw_health_consent(care_client.participant, coordinator)
    english.force_login(counsellor)
    response = english.post(reverse("care:session_create", args=[care_client.pk]), session_data())
    assert response.status_code == 200
    assert "no consent in force to the processing of health data" in response.content.decode()
    assert not CounsellingSession.objects.exists()


def test_coordinator_cannot_record_a_session(english, care_client, coordinator):
    english.force_login(coordinator)
    response = english.post(reverse("care:session_create", args=[care_client.pk]), session_data(), follow=True)
    assert "Only the client&#x27;s counsellor records sessions." in response.content.decode()
    assert not CounsellingSession.objects.exists()


# Notes -----------------------------------------------------------------------------------------------------


def test_counsellor_writes_a_note_and_reads_it_back_and_the_read_is_audited(english, care_client, counsellor):
    english.force_login(counsellor)
    response = english.post(reverse("care:note_create", args=[care_client.pk]), {"text": "Rozmowa o lęku."})
    assert response.status_code == 302
    note = ConfidentialNote.objects.get()
    page = english.get(reverse("care:client", args=[care_client.pk])).content.decode()
    assert reverse("care:note", args=[note.pk]) in page
    response = english.get(reverse("care:note", args=[note.pk]))
    assert "Rozmowa o lęku." in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    read = AuditEntry.objects.get(action=AuditEntry.Action.READ)
    assert (read.actor, read.object_id) == (counsellor, str(note.pk))
    assert "lęku" not in str(read.changes) + read.object_repr


def test_note_by_a_coordinator_is_refused_with_a_message_and_nothing_saved(english, care_client, coordinator):
    english.force_login(coordinator)
    response = english.post(reverse("care:note_create", args=[care_client.pk]), {"text": "Notatka"}, follow=True)
    assert "Only the client&#x27;s counsellor can write confidential notes." in response.content.decode()
    assert not ConfidentialNote.objects.exists()


def test_the_service_refuses_a_note_by_anyone_but_the_clients_counsellor(care_client, coordinator, other_counsellor):
    for author in (coordinator, other_counsellor):
        with translation.override("en"), pytest.raises(ValidationError, match="Only the client's counsellor"):
            services.write_note(care_client, "Notatka", by=author)
    assert not ConfidentialNote.objects.exists()


def test_a_user_who_is_coordinator_and_counsellor_still_writes_only_for_own_clients(care_client, partnership):
    both = UserFactory(partnership=partnership, roles=[Role.COORDINATOR, Role.COUNSELLOR])
    with pytest.raises(ValidationError):
        services.write_note(care_client, "Notatka", by=both)
    services.write_note(care_client, "Notatka", by=care_client.counsellor)
    assert not ConfidentialNote.objects.visible_to(both).exists()


def test_no_note_after_the_consent_is_withdrawn(english, care_client, counsellor, coordinator):
    withdraw_health_consent(care_client.participant, coordinator)
    english.force_login(counsellor)
    response = english.post(reverse("care:note_create", args=[care_client.pk]), {"text": "Notatka"})
    assert response.status_code == 200
    assert "no consent in force to the processing of health data" in response.content.decode()
    assert not ConfidentialNote.objects.exists()


def test_an_empty_note_is_refused_at_the_field(english, care_client, counsellor):
    english.force_login(counsellor)
    response = english.post(reverse("care:note_create", args=[care_client.pk]), {"text": "  "})
    assert 'id="id_text_error"' in response.content.decode()
    assert not ConfidentialNote.objects.exists()


def same_page(response, pk) -> str:
    """The page without what differs between any two requests: the CSRF token, and the address asked for."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return html.replace(reverse("care:note", args=[pk]), "")


def test_a_note_asked_for_by_anyone_else_answers_like_a_missing_note_and_is_logged(
    client, care_client, counsellor, cast, other_counsellor, outsider
):
    note = services.write_note(care_client, "Tajne", by=counsellor)
    missing = note.pk + 1000
    for user in [cast[Role.ADMIN], cast[Role.COORDINATOR], cast[Role.TRAINER], other_counsellor, outsider]:
        client.force_login(user)
        existing = client.get(reverse("care:note", args=[note.pk]))
        absent = client.get(reverse("care:note", args=[missing]))
        assert existing.status_code == absent.status_code == 404
        assert same_page(existing, note.pk) == same_page(absent, missing)
        denied = AuditEntry.objects.filter(action=AuditEntry.Action.DENIED, actor=user)
        assert denied.count() == 2
        assert denied.filter(object_id=str(note.pk)).exists()
    assert "Tajne" not in str(list(AuditEntry.objects.values()))


def test_coordinator_sees_that_sessions_took_place_but_no_note(english, care_client, counsellor, coordinator):
    session = services.record_session(
        care_client, held_on=datetime.date(2026, 3, 2), minutes=45, form="crisis", summary="Sesja odbyta", by=counsellor
    )
    note = services.write_note(care_client, "Treść poufna", session=session, by=counsellor)
    english.force_login(coordinator)
    page = english.get(reverse("care:client", args=[care_client.pk])).content.decode()
    assert "02-03-2026" in page and "crisis intervention" in page and "<td>45</td>" in page
    assert "Notes kept by the counsellor: 1." in page
    assert reverse("care:note", args=[note.pk]) not in page
    assert "Treść poufna" not in page


# Hand-over -------------------------------------------------------------------------------------------------


def test_hand_over_moves_the_notes_to_the_new_counsellor_and_away_from_the_old(
    client, care_client, counsellor, other_counsellor, coordinator
):
    note = services.write_note(care_client, "Notatka pierwszej psycholożki", by=counsellor)
    client.force_login(counsellor)
    url = reverse("care:handover", args=[care_client.pk])
    data = {"to_counsellor": other_counsellor.pk, "on": "2026-03-01", "reason": "Zmiana terapeuty"}
    asked = client.post(url, data)
    assert asked.status_code == 200 and 'name="confirmed" value="yes"' in asked.content.decode()
    assert 'value="Zmiana terapeuty"' in asked.content.decode()  # what was typed goes along
    assert not CounsellingHandover.objects.exists()
    response = client.post(url, {**data, "confirmed": "yes"})
    assert response.status_code == 302
    handover = CounsellingHandover.objects.get()
    assert (handover.from_counsellor, handover.to_counsellor, handover.by) == (counsellor, other_counsellor, counsellor)
    assert client.get(reverse("care:note", args=[note.pk])).status_code == 404
    assert client.get(reverse("care:client", args=[care_client.pk])).status_code == 404
    client.force_login(other_counsellor)
    assert "Notatka pierwszej psycholożki" in client.get(reverse("care:note", args=[note.pk])).content.decode()
    change = AuditEntry.objects.get(action="update", object_id=str(care_client.pk), changes__has_key="counsellor_id")
    assert change.changes["counsellor_id"] == {"old": counsellor.pk, "new": other_counsellor.pk}


def test_administrator_cannot_hand_a_client_over(client, care_client, cast, other_counsellor):
    client.force_login(cast[Role.ADMIN])
    response = client.post(
        reverse("care:handover", args=[care_client.pk]),
        {"to_counsellor": other_counsellor.pk, "on": "2026-03-01", "reason": "x"},
    )
    assert response.status_code == 403
    assert not CounsellingHandover.objects.exists()


def test_hand_over_needs_a_reason_and_another_counsellor(care_client, counsellor, coordinator, other_counsellor):
    with pytest.raises(ValidationError):
        services.hand_over(care_client, other_counsellor, on=datetime.date(2026, 3, 1), reason=" ", by=coordinator)
    with pytest.raises(ValidationError):
        services.hand_over(care_client, coordinator, on=datetime.date(2026, 3, 1), reason="x", by=coordinator)
    assert not CounsellingHandover.objects.exists()


# Withdrawal ------------------------------------------------------------------------------------------------


def test_after_withdrawal_the_coordinator_sees_what_must_happen_and_can_erase_the_notes(
    english, care_client, counsellor, coordinator
):
    services.record_session(
        care_client, held_on=datetime.date(2026, 3, 2), minutes=50, form="individual", summary="x", by=counsellor
    )
    services.write_note(care_client, "Pierwsza", by=counsellor)
    services.write_note(care_client, "Druga", by=counsellor)
    withdraw_health_consent(care_client.participant, coordinator)
    english.force_login(coordinator)
    page = english.get(reverse("care:client", args=[care_client.pk])).content.decode()
    assert "The consent to processing health data was withdrawn" in page
    assert "Records held: 1 sessions and 2 confidential notes." in page
    assert "Erase the confidential notes" in page
    asked = english.post(reverse("care:erase_notes", args=[care_client.pk]))
    assert asked.status_code == 200 and ConfidentialNote.objects.filter(client=care_client).exists()
    response = english.post(reverse("care:erase_notes", args=[care_client.pk]), {"confirmed": "yes"}, follow=True)
    assert "Confidential notes erased: 2." in response.content.decode()
    assert not ConfidentialNote.objects.exists()
    assert CounsellingSession.objects.count() == 1
    assert AuditEntry.objects.filter(action="delete", content_type__model="confidentialnote").count() == 2


def test_notes_stay_while_the_consent_is_in_force(care_client, counsellor, coordinator):
    services.write_note(care_client, "Notatka", by=counsellor)
    with translation.override("en"), pytest.raises(ValidationError, match="in force"):
        services.erase_notes_after_withdrawal(care_client, by=coordinator)
    assert ConfidentialNote.objects.count() == 1


def test_ending_counselling_stops_new_records(care_client, counsellor):
    services.end_counselling(care_client, on=care_client.referred_on, by=counsellor)
    with translation.override("en"), pytest.raises(ValidationError, match="ended"):
        services.record_session(
            care_client, held_on=care_client.referred_on, minutes=50, form="individual", summary="x", by=counsellor
        )


# Lists -----------------------------------------------------------------------------------------------------


def test_client_and_session_lists_are_scoped(client, care_client, counsellor, other_counsellor, coordinator, outsider):
    services.record_session(
        care_client, held_on=datetime.date(2026, 3, 2), minutes=50, form="group", summary="Sesja", by=counsellor
    )
    name = str(care_client.participant)
    for user, sees in [(counsellor, True), (coordinator, True), (other_counsellor, False), (outsider, False)]:
        client.force_login(user)
        for url in (reverse("care:clients"), reverse("care:sessions")):
            assert (name in client.get(url).content.decode()) is sees, (user, url)


def test_session_export_lists_sessions_without_notes(client, care_client, counsellor, coordinator):
    services.record_session(
        care_client, held_on=datetime.date(2026, 3, 2), minutes=50, form="group", summary="Sesja", by=counsellor
    )
    services.write_note(care_client, "Notatka w eksporcie?", by=counsellor)
    client.force_login(coordinator)
    response = client.get(reverse("care:session_export"))
    body = b"".join(response.streaming_content).decode()
    assert "02.03.2026" in body and "Nowak" in body
    assert "Notatka" not in body
