"""Creating and editing an edition: one action each, in one transaction, with its audit entries."""

import pytest
from django.core.exceptions import ValidationError

from muflon.accounts.models import Role
from muflon.core.models import AuditEntry
from muflon.education import services
from muflon.education.models import Edition, Enrolment
from tests.factories import UserFactory, make_edition, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(partnership, gmina, cast):
    return make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]], capacity=2)


@pytest.fixture
def colleague(partnership):
    return UserFactory(username="trener2", partnership=partnership, roles=[Role.TRAINER])


def details(edition, **overrides):
    """The values of an edition as the edition form gives them, with `overrides`."""
    values = {
        "workshop_type": edition.workshop_type,
        "organisation": edition.organisation,
        "place": edition.place,
        "address": edition.address,
        "gmina": edition.gmina,
        "step_free": edition.step_free,
        "capacity": edition.capacity,
        "enrolment_open": edition.enrolment_open,
        "trainers": list(edition.trainers.all()),
    }
    values.update(overrides)
    return values


def trainer_changes(edition):
    return list(
        AuditEntry.objects.filter(
            action=AuditEntry.Action.UPDATE, object_id=str(edition.pk), changes__has_key="trainers"
        ).values_list("changes", flat=True)
    )


def test_a_new_edition_has_its_trainers_and_no_dates_yet(edition, partnership, coordinator, colleague):
    values = details(edition, place="Sala nowa", capacity=5, trainers=[colleague])
    created = services.create_edition(partnership, **values, by=coordinator)
    created.refresh_from_db()
    assert (created.partnership, created.place, created.capacity, created.enrolled_count) == (
        partnership,
        "Sala nowa",
        5,
        0,
    )
    assert list(created.trainers.all()) == [colleague]
    assert (created.starts_on, created.ends_on) == (None, None)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_id=str(created.pk)).exists()


def test_an_edition_without_a_place_for_anyone_is_refused_and_nothing_is_saved(edition, partnership, coordinator):
    before = Edition.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.create_edition(partnership, **details(edition, capacity=0), by=coordinator)
    assert "capacity" in refused.value.message_dict
    assert Edition.objects.count() == before


def test_editing_saves_the_details_and_the_trainers_with_an_audit_entry_for_the_trainers(
    edition, coordinator, cast, colleague
):
    services.edit_edition(
        edition, **details(edition, place="Nowa sala", step_free=True, trainers=[colleague]), by=coordinator
    )
    edition.refresh_from_db()
    assert (edition.place, edition.step_free, edition.capacity) == ("Nowa sala", True, 2)
    assert list(edition.trainers.all()) == [colleague]
    assert trainer_changes(edition) == [{"trainers": {"old": [cast[Role.TRAINER].username], "new": ["trener2"]}}]
    place_change = AuditEntry.objects.get(
        action=AuditEntry.Action.UPDATE, object_id=str(edition.pk), changes__has_key="place"
    )
    assert place_change.changes["place"]["new"] == "Nowa sala"
    assert AuditEntry.objects.get(changes__has_key="trainers", object_id=str(edition.pk)).actor == coordinator


def test_unchanged_trainers_write_no_audit_entry_for_them(edition, coordinator):
    services.edit_edition(edition, **details(edition, place="Nowa sala"), by=coordinator)
    assert trainer_changes(edition) == []


def test_a_larger_capacity_lets_the_first_waiting_person_in_and_keeps_the_seat_counter(
    edition, partnership, gmina, coordinator
):
    people = [
        make_participant(partnership, gmina, by=coordinator, last_name=f"Osoba{n}", document_number=f"K{n:08}")
        for n in range(3)
    ]
    enrolments = [services.enrol(edition, person, by=coordinator) for person in people]
    services.edit_edition(edition, **details(edition, capacity=3), by=coordinator)
    edition.refresh_from_db()
    assert (edition.capacity, edition.enrolled_count) == (3, 3)
    assert Enrolment.objects.get(pk=enrolments[2].pk).status == Enrolment.Status.ENROLLED


def test_a_capacity_below_those_enrolled_is_refused_and_nothing_of_the_edit_is_saved(
    edition, partnership, gmina, coordinator, cast, colleague
):
    for n in range(2):
        person = make_participant(partnership, gmina, by=coordinator, last_name=f"Osoba{n}", document_number=f"K{n:08}")
        services.enrol(edition, person, by=coordinator)
    with pytest.raises(ValidationError):
        services.edit_edition(
            edition, **details(edition, capacity=1, place="Nowa sala", trainers=[colleague]), by=coordinator
        )
    edition.refresh_from_db()
    assert (edition.capacity, edition.place) == (2, "Centrum Szkoleń")
    assert list(edition.trainers.all()) == [cast[Role.TRAINER]]
    assert trainer_changes(edition) == []
