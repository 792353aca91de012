"""Named actions of the educational path: enrolment with a waiting list, meetings, attendance, completion.

Seats are counted in `Edition.enrolled_count`, changed only here, under a lock on the edition row, with a
check constraint behind it: many people enrolling at once never get more places than there are.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from muflon.core import audit
from muflon.core.meetings import not_started_message
from muflon.core.models import AuditEntry
from muflon.education.models import Attendance, Certificate, Edition, Enrolment, Meeting
from muflon.education.notifications import notify_enrolment
from muflon.education.plans import fulfil_plan_items
from muflon.education.reminders import schedule_reminders

LIVE = [Enrolment.Status.ENROLLED, Enrolment.Status.WAITING]
# What `edit_edition` writes directly; the capacity goes through `change_capacity`, trainers through the relation.
EDITION_DETAILS = ["workshop_type", "organisation", "place", "address", "gmina", "step_free", "enrolment_open"]


def locked(edition) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition.pk)


@transaction.atomic
def enrol(edition, participant, *, by) -> Enrolment:
    """Give the participant a place, or the next place on the waiting list when the edition is full."""
    edition = locked(edition)
    if edition.partnership_id != participant.partnership_id:
        raise ValidationError(_("This edition belongs to another partnership."))
    if not edition.enrolment_open:
        raise ValidationError(_("Enrolment to this edition is closed."))
    if edition.ends_on and edition.ends_on < timezone.localdate():
        raise ValidationError(_("This edition has already finished."))
    if Enrolment.objects.filter(edition=edition, participant=participant, status__in=LIVE).exists():
        raise ValidationError(_("This person is already enrolled in this edition or waiting for a place."))
    clash = clashing_meeting(edition, participant)
    if clash is not None:
        raise ValidationError(_("This person is already booked at that time: %(meeting)s.") % {"meeting": clash})
    has_place = Edition.objects.filter(pk=edition.pk, enrolled_count__lt=F("capacity")).update(
        enrolled_count=F("enrolled_count") + 1
    )
    status = Enrolment.Status.ENROLLED if has_place else Enrolment.Status.WAITING
    enrolment = Enrolment.objects.create(edition=edition, participant=participant, status=status)
    transaction.on_commit(lambda: notify_enrolment(enrolment.pk))
    return enrolment


def clashing_meeting(edition, participant) -> Meeting | None:
    """A meeting of another live booking of the person that overlaps a meeting of this edition."""
    booked = Meeting.objects.filter(
        edition__enrolments__participant=participant, edition__enrolments__status__in=LIVE
    ).exclude(edition=edition)
    for meeting in edition.meetings.all():
        clash = booked.filter(starts_at__lt=meeting.ends_at, ends_at__gt=meeting.starts_at).first()
        if clash is not None:
            return clash
    return None


@transaction.atomic
def withdraw(enrolment, *, by) -> Enrolment | None:
    """Take the person off the edition; a freed place goes to the first person waiting. Returns who moved up."""
    edition = locked(enrolment.edition)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        raise ValidationError(_("This enrolment was already withdrawn."))
    had_place = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawn_at = timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at", "updated_at"])
    transaction.on_commit(lambda: notify_enrolment(enrolment.pk))
    if not had_place:
        return None
    Edition.objects.filter(pk=edition.pk).update(enrolled_count=F("enrolled_count") - 1)
    return promote_first_waiting(edition)


def promote_first_waiting(edition) -> Enrolment | None:
    """Inside the edition's lock: the longest-waiting person takes a free place, if there is one."""
    first = (
        Enrolment.objects.select_for_update()
        .filter(edition=edition, status=Enrolment.Status.WAITING)
        .order_by("queued_at", "id")
        .first()
    )
    if first is None:
        return None
    if not Edition.objects.filter(pk=edition.pk, enrolled_count__lt=F("capacity")).update(
        enrolled_count=F("enrolled_count") + 1
    ):
        return None
    first.status = Enrolment.Status.ENROLLED
    first.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: notify_enrolment(first.pk))
    return first


@transaction.atomic
def change_capacity(edition, capacity: int, *, by) -> Edition:
    """A larger capacity lets people in from the waiting list; it can never fall below those enrolled."""
    edition = locked(edition)
    if capacity < 1:
        raise ValidationError(_("An edition needs at least one place."))
    if capacity < edition.enrolled_count:
        raise ValidationError(
            _("%(enrolled)s people are already enrolled: the capacity cannot be lower.")
            % {"enrolled": edition.enrolled_count}
        )
    Edition.objects.filter(pk=edition.pk).update(capacity=capacity)
    audit.record(
        AuditEntry.Action.UPDATE,
        obj=edition,
        actor=by,
        changes={"capacity": {"old": edition.capacity, "new": capacity}},
    )
    edition.refresh_from_db()
    while promote_first_waiting(edition) is not None:
        edition.refresh_from_db()
    return edition


@transaction.atomic
def create_edition(
    partnership,
    *,
    workshop_type,
    organisation,
    place,
    address,
    gmina,
    step_free,
    capacity: int,
    enrolment_open,
    trainers,
    by,
) -> Edition:
    """A new edition with its trainers, still without meetings (so without dates)."""
    if capacity < 1:
        raise ValidationError({"capacity": _("An edition needs at least one place.")})
    edition = Edition.objects.create(
        partnership=partnership,
        workshop_type=workshop_type,
        organisation=organisation,
        place=place,
        address=address,
        gmina=gmina,
        step_free=step_free,
        capacity=capacity,
        enrolment_open=enrolment_open,
    )
    edition.trainers.set(trainers)
    return edition


@transaction.atomic
def edit_edition(
    edition,
    *,
    workshop_type,
    organisation,
    place,
    address,
    gmina,
    step_free,
    capacity: int,
    enrolment_open,
    trainers,
    by,
) -> Edition:
    """Save an edition's details and trainers. A new capacity goes through `change_capacity` (never below those
    enrolled; a larger one lets people in from the waiting list); the seat counter and the dates stay as the
    other services left them."""
    edition = locked(edition)
    if capacity != edition.capacity:
        change_capacity(edition, capacity, by=by)
        edition.refresh_from_db()
    edition.workshop_type = workshop_type
    edition.organisation = organisation
    edition.place = place
    edition.address = address
    edition.gmina = gmina
    edition.step_free = step_free
    edition.enrolment_open = enrolment_open
    edition.save(update_fields=[*EDITION_DETAILS, "updated_at"])
    before = sorted(edition.trainers.values_list("username", flat=True))
    edition.trainers.set(trainers)
    after = sorted(edition.trainers.values_list("username", flat=True))
    if before != after:
        # Many-to-many changes bypass the model signals: the audit entry is written here.
        audit.record(
            AuditEntry.Action.UPDATE, obj=edition, actor=by, changes={"trainers": {"old": before, "new": after}}
        )
    return edition


@transaction.atomic
def add_meeting(edition, *, starts_at, ends_at, room="", by) -> Meeting:
    """Add a date to an edition unless its trainer or room is busy then."""
    edition = locked(edition)
    if ends_at <= starts_at:
        raise ValidationError(_("A meeting must end after it starts."))
    overlapping = Meeting.objects.filter(
        starts_at__lt=ends_at, ends_at__gt=starts_at, edition__partnership=edition.partnership_id
    )
    trainer_busy = overlapping.filter(edition__trainers__in=edition.trainers.all()).first()
    if trainer_busy is not None:
        raise ValidationError(_("A trainer of this edition is busy then: %(meeting)s.") % {"meeting": trainer_busy})
    if room:
        room_busy = overlapping.filter(room=room, edition__place=edition.place).first()
        if room_busy is not None:
            raise ValidationError(_("The room is taken then: %(meeting)s.") % {"meeting": room_busy})
    meeting = Meeting(edition=edition, starts_at=starts_at, ends_at=ends_at, room=room)
    meeting.full_clean()
    meeting.save()
    transaction.on_commit(lambda: schedule_reminders(meeting))
    refresh_dates(edition)
    return meeting


def busy_trainer_meeting(edition, trainers) -> Meeting | None:
    """A meeting of another edition that one of `trainers` runs at the same time as one of this edition's."""
    if edition.pk is None:
        return None
    others = Meeting.objects.filter(edition__trainers__in=trainers).exclude(edition=edition)
    for meeting in edition.meetings.all():
        clash = others.filter(starts_at__lt=meeting.ends_at, ends_at__gt=meeting.starts_at).first()
        if clash is not None:
            return clash
    return None


def refresh_dates(edition) -> None:
    days = [timezone.localtime(m.starts_at).date() for m in edition.meetings.all()]
    Edition.objects.filter(pk=edition.pk).update(starts_on=min(days, default=None), ends_on=max(days, default=None))


@transaction.atomic
def mark_attendance(meeting, marks: dict[int, str], *, by) -> None:
    """Record present / absent / excused for enrolled people of the meeting's edition, then completion.

    Attendance says who came: a meeting that has not started yet takes none, and nothing is saved."""
    if not meeting.has_started():
        raise ValidationError(not_started_message(meeting.starts_at), code="meeting_not_started")
    if not marks:
        raise ValidationError(_("Choose present, absent or excused for at least one person."))
    enrolled = {e.pk: e for e in Enrolment.objects.filter(edition=meeting.edition_id, status=Enrolment.Status.ENROLLED)}
    strangers = set(marks) - set(enrolled)
    if strangers:
        raise ValidationError(_("Attendance can be marked only for people enrolled in this edition."))
    if any(status not in Attendance.Status.values for status in marks.values()):
        raise ValidationError(_("Choose present, absent or excused."))
    for enrolment_id, status in marks.items():
        Attendance.objects.update_or_create(
            meeting=meeting, enrolment_id=enrolment_id, defaults={"status": status, "marked_by": by}
        )
    for enrolment_id in marks:
        settle_completion(enrolled[enrolment_id], by=by)


def attendance_share(enrolment) -> tuple[int, int]:
    """(meetings attended, meetings in all) for an enrolment."""
    total = enrolment.edition.meetings.count()
    present = enrolment.attendance.filter(status=Attendance.Status.PRESENT).count()
    return present, total


def settle_completion(enrolment, *, by) -> None:
    """Completion follows from attendance once every meeting is marked, unless staff decided otherwise."""
    if enrolment.completion_overridden:
        return
    present, total = attendance_share(enrolment)
    marked = enrolment.attendance.count()
    if total == 0 or marked < total:
        completed = None
    else:
        completed = present * 100 >= enrolment.edition.workshop_type.completion_threshold * total
    if completed != enrolment.completed:
        enrolment.completed = completed
        enrolment.save(update_fields=["completed", "updated_at"])
    if completed:
        on_completion(enrolment, by=by)


@transaction.atomic
def override_completion(enrolment, *, completed: bool, reason: str, by) -> Enrolment:
    """Staff decide completion by hand, with a reason that is kept; only for people with a place."""
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(_("Only a person enrolled in the edition can complete it."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for deciding the completion by hand."))
    enrolment.completed = completed
    enrolment.completion_overridden = True
    enrolment.override_reason = reason.strip()
    enrolment.save(update_fields=["completed", "completion_overridden", "override_reason", "updated_at"])
    if completed:
        on_completion(enrolment, by=by)
    return enrolment


def on_completion(enrolment, *, by) -> None:
    """A completed edition earns its certificate and marks done the plan items it fulfils."""
    from muflon.people.services import current_plan

    workshop_type = enrolment.edition.workshop_type
    if workshop_type.issues_certificate and not hasattr(enrolment, "certificate"):
        issue_certificate(enrolment)
    plan = current_plan(enrolment.participant)
    if plan is not None:
        fulfil_plan_items(plan, workshop_type)


def issue_certificate(enrolment) -> Certificate:
    day = enrolment.edition.ends_on or timezone.localdate()
    certificate = Certificate.objects.create(enrolment=enrolment, number=f"tmp-{enrolment.pk}", issued_on=day)
    # The number follows the row id, so two certificates issued at once never share one.
    certificate.number = f"MUF/{day.year}/{certificate.pk:06d}"
    certificate.save(update_fields=["number", "updated_at"])
    return certificate


def finished_without_feedback(participant):
    return Enrolment.objects.filter(
        participant=participant, status=Enrolment.Status.ENROLLED, edition__ends_on__lt=timezone.localdate()
    ).filter(Q(feedback__isnull=True))
