"""Enrolment: places, the waiting list, clashes, capacity, attendance, completion and certificates."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from muflon.accounts.models import Role
from muflon.education import services
from muflon.education.models import Attendance, Certificate, Edition, Enrolment
from muflon.people.models import PlanItem
from tests.concurrency import in_threads
from tests.factories import after_the_meetings, make_edition, make_participant

# dates: Editions are built a month from now; a finished edition takes no enrolments.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def people(partnership, gmina, coordinator):
    return [
        make_participant(partnership, gmina, by=coordinator, last_name=f"Osoba{n:02}", document_number=f"E{n:08}")
        for n in range(4)
    ]


@pytest.fixture
def edition(partnership, gmina, cast):
    return make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]], capacity=2)


def test_a_full_edition_puts_new_people_on_the_waiting_list_in_order(edition, people, coordinator):
    statuses = [services.enrol(edition, person, by=coordinator).status for person in people]
    assert statuses == ["enrolled", "enrolled", "waiting", "waiting"]
    edition.refresh_from_db()
    assert edition.enrolled_count == 2 and edition.is_full()


def test_a_freed_place_goes_to_the_first_person_waiting(edition, people, coordinator):
    enrolments = [services.enrol(edition, person, by=coordinator) for person in people]
    moved_up = services.withdraw(enrolments[0], by=coordinator)
    assert moved_up.pk == enrolments[2].pk
    assert Enrolment.objects.get(pk=enrolments[3].pk).status == "waiting"
    assert Edition.objects.get(pk=edition.pk).enrolled_count == 2


@pytest.mark.parametrize("problem", ["closed", "finished", "twice", "clash", "other_partnership"])
def test_bad_enrolments_are_refused_and_save_nothing(
    problem, edition, people, coordinator, partnership, gmina, cast, other_partnership
):
    person = people[0]
    if problem == "closed":
        Edition.objects.filter(pk=edition.pk).update(enrolment_open=False)
    if problem == "finished":
        Edition.objects.filter(pk=edition.pk).update(ends_on=datetime.date(2020, 1, 1))
    if problem == "twice":
        services.enrol(edition, person, by=coordinator)
    if problem == "clash":
        other = make_edition(partnership, gmina, type_name="Komunikacja", capacity=5)
        services.enrol(other, person, by=coordinator)
    if problem == "other_partnership":
        edition = make_edition(other_partnership, gmina, type_name="Inne")
    before = Enrolment.objects.count()
    with pytest.raises(ValidationError):
        services.enrol(edition, person, by=coordinator)
    assert Enrolment.objects.count() == before


def test_capacity_cannot_fall_below_those_enrolled_and_a_rise_lets_people_in(edition, people, coordinator):
    for person in people:
        services.enrol(edition, person, by=coordinator)
    with pytest.raises(ValidationError):
        services.change_capacity(edition, 1, by=coordinator)
    services.change_capacity(edition, 3, by=coordinator)
    assert list(edition.enrolments.order_by("queued_at").values_list("status", flat=True)) == [
        "enrolled",
        "enrolled",
        "enrolled",
        "waiting",
    ]


def test_meetings_cannot_clash_for_a_trainer_or_a_room_and_must_end_after_they_start(
    edition, partnership, gmina, cast, coordinator
):
    other = make_edition(partnership, gmina, type_name="Przedsiębiorczość", meetings=0, trainers=[cast[Role.TRAINER]])
    first = edition.meetings.first()
    with pytest.raises(ValidationError):
        services.add_meeting(
            other,
            starts_at=first.starts_at + datetime.timedelta(hours=1),
            ends_at=first.ends_at + datetime.timedelta(hours=1),
            by=coordinator,
        )
    with pytest.raises(ValidationError):
        services.add_meeting(other, starts_at=first.ends_at, ends_at=first.starts_at, by=coordinator)
    later = first.starts_at + datetime.timedelta(days=30)
    assert services.add_meeting(other, starts_at=later, ends_at=later + datetime.timedelta(hours=3), by=coordinator)
    assert other.meetings.count() == 1


def test_attendance_only_for_enrolled_people_and_completion_follows_the_threshold(edition, people, coordinator, cast):
    """People enrolled now get their attendance once the meetings are held; completion follows the threshold."""
    trainer = cast[Role.TRAINER]
    came, missed, waiting = [services.enrol(edition, person, by=coordinator) for person in people[:3]]
    first, second = edition.meetings.all()
    with after_the_meetings(edition):
        with pytest.raises(ValidationError):
            services.mark_attendance(first, {waiting.pk: "present"}, by=trainer)
        services.mark_attendance(first, {came.pk: "present", missed.pk: "present"}, by=trainer)
        came.refresh_from_db()
        assert came.completed is None  # not every meeting marked yet
        services.mark_attendance(second, {came.pk: "present", missed.pk: "absent"}, by=trainer)
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.completed, missed.completed) == (True, False)
    assert came.certificate.number.startswith("MUF/")
    assert not hasattr(missed, "certificate")


def test_attendance_for_a_meeting_not_started_is_refused_with_its_local_start_and_nothing_is_saved(
    edition, people, coordinator, cast
):
    """Before a meeting starts nobody can be marked: the refusal names the start in local time (9:00 in Warsaw,
    stored as 7:00 or 8:00 UTC), and no attendance, completion or certificate follows."""
    enrolment = services.enrol(edition, people[0], by=coordinator)
    first = edition.meetings.first()
    assert timezone.localtime(first.starts_at).hour == 9
    with translation.override("pl"), pytest.raises(ValidationError) as refusal:
        services.mark_attendance(first, {enrolment.pk: "present"}, by=cast[Role.TRAINER])
    day = f"{timezone.localtime(first.starts_at):%d-%m-%Y}"
    assert refusal.value.messages == [f"Obecność można zapisać dopiero po rozpoczęciu zajęć ({day}, 09:00)."]
    assert refusal.value.code == "meeting_not_started"
    assert not Attendance.objects.exists()
    enrolment.refresh_from_db()
    assert enrolment.completed is None and not Certificate.objects.exists()


@pytest.mark.parametrize(("minutes_after_start", "accepted"), [(-1, False), (0, True), (1, True)])
def test_attendance_opens_at_the_minute_the_meeting_starts(
    minutes_after_start, accepted, edition, people, coordinator, cast
):
    """A minute before the start is refused; at the start and a minute after, the mark is saved."""
    enrolment = services.enrol(edition, people[0], by=coordinator)
    meeting = edition.meetings.first()
    moment = meeting.starts_at + datetime.timedelta(minutes=minutes_after_start)
    with time_machine.travel(moment, tick=False):
        assert meeting.has_started() is accepted
        if accepted:
            services.mark_attendance(meeting, {enrolment.pk: "present"}, by=cast[Role.TRAINER])
        else:
            with pytest.raises(ValidationError):
                services.mark_attendance(meeting, {enrolment.pk: "present"}, by=cast[Role.TRAINER])
    assert list(Attendance.objects.values_list("status", flat=True)) == (["present"] if accepted else [])


def test_marks_made_once_a_meeting_started_leave_completion_open_until_every_meeting_is_marked(
    edition, people, coordinator, cast
):
    """Attendance of the first meeting, recorded while the second is still ahead, decides no completion yet; the
    share counts every meeting of the edition, held or not."""
    enrolment = services.enrol(edition, people[0], by=coordinator)
    first, second = edition.meetings.all()
    with time_machine.travel(first.ends_at, tick=True):
        services.mark_attendance(first, {enrolment.pk: "present"}, by=cast[Role.TRAINER])
        with pytest.raises(ValidationError):
            services.mark_attendance(second, {enrolment.pk: "present"}, by=cast[Role.TRAINER])
    enrolment.refresh_from_db()
    assert enrolment.completed is None
    assert services.attendance_share(enrolment) == (1, 2)


def test_override_needs_a_reason_and_completion_fulfils_the_plan_item(edition, people, coordinator, cast):
    person = people[0]
    from muflon.people.services import revise_plan

    revise_plan(
        person,
        goals="Cel",
        items=[
            {
                "kind": "workshop",
                "workshop_type": edition.workshop_type,
                "description": "Motywacja",
                "target_date": datetime.date(2026, 12, 31),
                "responsible": cast[Role.TRAINER],
            }
        ],
        by=coordinator,
    )
    enrolment = services.enrol(edition, person, by=coordinator)
    with pytest.raises(ValidationError):
        services.override_completion(enrolment, completed=True, reason=" ", by=coordinator)
    services.override_completion(enrolment, completed=True, reason="Zaliczenie na podstawie egzaminu", by=coordinator)
    assert PlanItem.objects.get(plan__participant=person).status == "done"
    assert enrolment.certificate


def test_the_database_refuses_overbooking(edition):
    """Even code that skips the service cannot put more people in than there are places."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Edition.objects.filter(pk=edition.pk).update(enrolled_count=3)


@pytest.mark.slow  # fifty threads
@pytest.mark.django_db(transaction=True)
def test_fifty_people_enrolling_at_once_fill_ten_places_and_forty_wait_in_order(partnership, gmina, coordinator):
    edition = make_edition(partnership, gmina, capacity=10)
    people = [
        make_participant(partnership, gmina, by=coordinator, last_name=f"R{n:02}", document_number=f"R{n:08}")
        for n in range(50)
    ]
    errors = in_threads(lambda person: services.enrol(edition, person, by=coordinator), people)
    assert errors == []
    edition.refresh_from_db()
    enrolled = list(edition.enrolments.filter(status="enrolled"))
    waiting = list(edition.enrolments.filter(status="waiting").order_by("queued_at", "id"))
    assert (len(enrolled), len(waiting), edition.enrolled_count) == (10, 40, 10)
    assert max(e.queued_at for e in enrolled) <= min(w.queued_at for w in waiting)
    assert [w.pk for w in waiting] == sorted(w.pk for w in waiting)

    leaving = enrolled
    errors = in_threads(lambda enrolment: services.withdraw(enrolment, by=coordinator), leaving)
    assert errors == []
    edition.refresh_from_db()
    now_enrolled = set(edition.enrolments.filter(status="enrolled").values_list("pk", flat=True))
    assert now_enrolled == {w.pk for w in waiting[:10]}
    assert edition.enrolled_count == 10
    assert edition.enrolments.filter(status="waiting").count() == 30


def test_a_trainer_busy_at_a_meeting_cannot_be_added_to_the_edition(edition, partnership, gmina, cast, admin_user):
    from muflon.education.forms import EditionForm
    from tests.factories import UserFactory

    other_trainer = UserFactory(partnership=partnership, roles=[Role.TRAINER])
    first = edition.meetings.first()
    other = make_edition(
        partnership, gmina, type_name="Komunikacja", trainers=[other_trainer], meetings=1, start=first.starts_at
    )
    form = EditionForm(
        {
            "workshop_type": other.workshop_type_id,
            "trainers": [other_trainer.pk, cast[Role.TRAINER].pk],
            "place": other.place,
            "address": other.address,
            "gmina": gmina.pk,
            "capacity": 10,
        },
        instance=other,
        partnership=partnership,
    )
    assert "trainers" in form.errors
    assert list(other.trainers.all()) == [other_trainer]


def test_only_an_enrolled_person_can_be_declared_complete(edition, people, coordinator):
    enrolments = [services.enrol(edition, person, by=coordinator) for person in people[:3]]
    waiting = enrolments[2]
    assert waiting.status == "waiting"
    with pytest.raises(ValidationError):
        services.override_completion(waiting, completed=True, reason="Egzamin", by=coordinator)
    waiting.refresh_from_db()
    assert waiting.completed is None


def test_a_capacity_change_is_audited(edition, coordinator):
    from muflon.core.models import AuditEntry

    services.change_capacity(edition, 5, by=coordinator)
    entry = AuditEntry.objects.filter(object_id=str(edition.pk), content_type__model="edition").latest("id")
    assert entry.changes == {"capacity": {"old": 2, "new": 5}}
    assert entry.actor == coordinator
