"""Named actions of barrier support; each runs in one transaction and leaves an audit trail."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from muflon.accounts.models import Role
from muflon.care.access import manages_care
from muflon.care.models import (
    CareArrangement,
    ConfidentialNote,
    CounsellingClient,
    CounsellingHandover,
    CounsellingSession,
    Dependant,
    GroupAttendance,
    GroupMeeting,
    GroupMember,
    SelfHelpGroup,
)
from muflon.core import audit
from muflon.core.meetings import not_started_message
from muflon.education.models import Enrolment, Meeting
from muflon.people.models import Consent, Participant

# Consent ---------------------------------------------------------------------------------------------------


def active_consent(participant, purpose) -> Consent | None:
    return participant.consents.filter(purpose=purpose, withdrawn_on__isnull=True).first()


def require_health_consent(participant) -> None:
    """Nothing is recorded in counselling without the person's consent to the processing of health data."""
    if active_consent(participant, Consent.Purpose.HEALTH_DATA) is None:
        raise ValidationError(
            _(
                "%(name)s has no consent in force to the processing of health data for psychological support: "
                "nothing can be recorded in counselling. Record the consent first (on the person's consents page)."
            )
            % {"name": participant}
        )


@dataclass
class WithdrawalNotice:
    """What the coordinator must do with a client's records once the health-data consent is withdrawn."""

    withdrawn_on: datetime.date | None
    sessions: int
    notes: int


def withdrawal_notice(client: CounsellingClient) -> WithdrawalNotice | None:
    """None while the consent stands; otherwise the records that are held and must be dealt with."""
    participant = client.participant
    if active_consent(participant, Consent.Purpose.HEALTH_DATA) is not None:
        return None
    last = participant.consents.filter(purpose=Consent.Purpose.HEALTH_DATA).order_by("-withdrawn_on").first()
    counts = CounsellingClient.objects.filter(pk=client.pk).aggregate(
        sessions=Count("sessions", distinct=True), notes=Count("notes", distinct=True)
    )
    return WithdrawalNotice(
        withdrawn_on=last.withdrawn_on if last else None, sessions=counts["sessions"], notes=counts["notes"]
    )


# Counselling -----------------------------------------------------------------------------------------------


def _check_counsellor(counsellor, partnership_id, field_name="counsellor"):
    if (
        counsellor is None
        or counsellor.partnership_id != partnership_id
        or not counsellor.is_active
        or not counsellor.has_role(Role.COUNSELLOR)
    ):
        raise ValidationError({field_name: _("Choose an active counsellor of the partnership.")})


@transaction.atomic
def refer_to_counselling(participant, *, counsellor, kind, referred_on, by) -> CounsellingClient:
    """Open counselling for a participant who consented to the processing of health data."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    require_health_consent(participant)
    _check_counsellor(counsellor, participant.partnership_id)
    if referred_on > timezone.localdate():
        raise ValidationError({"referred_on": _("The date of referral cannot be in the future.")})
    if CounsellingClient.objects.filter(participant=participant, ended_on__isnull=True).exists():
        raise ValidationError({"participant": _("This person is already in counselling.")})
    return CounsellingClient.objects.create(
        partnership_id=participant.partnership_id,
        participant=participant,
        counsellor=counsellor,
        kind=kind,
        referred_on=referred_on,
        referred_by=by,
    )


def _open_client_for_update(client) -> CounsellingClient:
    client = CounsellingClient.objects.select_for_update().select_related("participant").get(pk=client.pk)
    if not client.is_open:
        raise ValidationError(_("This counselling has ended: nothing more can be recorded in it."))
    return client


def _require_own_client(client, by, message):
    if client.counsellor_id != by.pk or not by.has_role(Role.COUNSELLOR):
        raise ValidationError(message)


@transaction.atomic
def record_session(client, *, held_on, minutes, form, summary, by) -> CounsellingSession:
    """A session held by the client's counsellor, while the consent stands."""
    client = _open_client_for_update(client)
    _require_own_client(client, by, _("Only the client's counsellor records sessions."))
    require_health_consent(client.participant)
    session = CounsellingSession(
        client=client, counsellor=by, held_on=held_on, minutes=minutes, form=form, summary=summary.strip()
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def write_note(client, text: str, *, by, session=None) -> ConfidentialNote:
    """A confidential note, encrypted before it reaches the database; only the client's counsellor writes one."""
    client = _open_client_for_update(client)
    _require_own_client(client, by, _("Only the client's counsellor can write confidential notes."))
    require_health_consent(client.participant)
    if not text.strip():
        raise ValidationError({"text": _("The note is empty.")})
    if session is not None and session.client_id != client.pk:
        raise ValidationError({"session": _("Choose a session of this client.")})
    note = ConfidentialNote(client=client, author=by, session=session)
    note.set_text(text.strip())
    note.save()
    return note


def read_note(note: ConfidentialNote, *, by) -> str:
    """The note's text for its reader, who has been let in by `ConfidentialNote.objects.visible_to`; audited."""
    audit.record_read(note, actor=by, what="confidential note")
    return note.read_text()


@transaction.atomic
def hand_over(client, to_counsellor, *, on, reason, by) -> CounsellingHandover:
    """Move the client to another counsellor, who reads the notes from now on; the previous one no longer does."""
    client = _open_client_for_update(client)
    if not (
        client.counsellor_id == by.pk or (by.has_role(Role.COORDINATOR) and by.partnership_id == client.partnership_id)
    ):
        raise ValidationError(_("Only the client's counsellor or a coordinator can hand the client over."))
    _check_counsellor(to_counsellor, client.partnership_id, field_name="to_counsellor")
    if to_counsellor.pk == client.counsellor_id:
        raise ValidationError({"to_counsellor": _("The client is already with this counsellor.")})
    if on > timezone.localdate() or on < client.referred_on:
        raise ValidationError({"on": _("The date must be between the referral and today.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the hand-over.")})
    handover = CounsellingHandover.objects.create(
        client=client,
        from_counsellor_id=client.counsellor_id,
        to_counsellor=to_counsellor,
        handed_over_on=on,
        reason=reason.strip(),
        by=by,
    )
    client.counsellor = to_counsellor
    client.save(update_fields=["counsellor", "updated_at"])
    return handover


@transaction.atomic
def end_counselling(client, *, on, by) -> CounsellingClient:
    client = _open_client_for_update(client)
    if not (client.counsellor_id == by.pk or manages_care(by)):
        raise ValidationError(_("Only the client's counsellor or a coordinator can end the counselling."))
    if on > timezone.localdate() or on < client.referred_on:
        raise ValidationError({"on": _("The date must be between the referral and today.")})
    client.ended_on = on
    client.save(update_fields=["ended_on", "updated_at"])
    return client


@transaction.atomic
def erase_notes_after_withdrawal(client, *, by) -> int:
    """Delete the confidential notes of a client who withdrew the consent; each deletion is audited."""
    client = CounsellingClient.objects.select_for_update().select_related("participant").get(pk=client.pk)
    if not manages_care(by):
        raise ValidationError(_("Only a coordinator can erase the notes after a withdrawal."))
    if active_consent(client.participant, Consent.Purpose.HEALTH_DATA) is not None:
        raise ValidationError(_("The consent is in force: the notes stay."))
    erased = 0
    for note in ConfidentialNote.objects.filter(client=client).select_related("client"):
        note.delete()
        erased += 1
    return erased


class NotesUnreadable(Exception):
    """Some notes fit none of the configured keys: rotating now would leave them unreadable for good."""

    def __init__(self, note_ids):
        self.note_ids = note_ids
        shown = ", ".join(str(pk) for pk in note_ids[:10]) + (", ..." if len(note_ids) > 10 else "")
        super().__init__(
            f"{len(note_ids)} confidential notes (ids {shown}) cannot be read with any key in MUFLON_FIELD_KEY, "
            "so nothing was changed. Keep the new key first and put the key these notes were written with after "
            "it (comma-separated), then run rotate_field_key again."
        )


@transaction.atomic
def rotate_note_keys() -> int:
    """Encrypt every note again with the current key (the first of MUFLON_FIELD_KEY); returns how many.
    All or nothing: NotesUnreadable when any note fits no key, encryption.KeyProblem for a malformed key."""
    from muflon.care import encryption

    notes = list(ConfidentialNote.objects.select_for_update().only("pk", "ciphertext").order_by("pk"))
    unreadable = []
    for note in notes:
        try:
            note.ciphertext = encryption.rotate(note.ciphertext)
        except encryption.InvalidToken:
            unreadable.append(note.pk)
    if unreadable:
        raise NotesUnreadable(unreadable)
    ConfidentialNote.objects.bulk_update(notes, ["ciphertext"], batch_size=500)
    # bulk_update bypasses the audit signals: one entry says what happened.
    from muflon.core.models import AuditEntry

    audit.record(
        AuditEntry.Action.UPDATE,
        actor_label="rotate_field_key",
        changes={gettext_noop("notes re-encrypted"): len(notes)},
    )
    return len(notes)


# Self-help groups ------------------------------------------------------------------------------------------


@transaction.atomic
def add_member(group, participant, *, on, by) -> GroupMember:
    """A participant joins a group; membership needs the consent to processing for support."""
    group = SelfHelpGroup.objects.select_for_update().get(pk=group.pk)
    if group.status == SelfHelpGroup.Status.CLOSED:
        raise ValidationError(_("The group is closed."))
    if participant.partnership_id != group.partnership_id:
        raise ValidationError({"participant": _("Choose a participant of the partnership.")})
    if active_consent(participant, Consent.Purpose.SUPPORT) is None:
        raise ValidationError(
            {"participant": _("%(name)s has no consent in force to processing for support.") % {"name": participant}}
        )
    if group.members.filter(participant=participant, left_on__isnull=True).exists():
        raise ValidationError({"participant": _("%(name)s is already a member.") % {"name": participant}})
    if on > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError({"joined_on": _("The date is too far ahead.")})
    return GroupMember.objects.create(group=group, participant=participant, joined_on=on)


@transaction.atomic
def remove_member(member, *, on, by) -> GroupMember:
    member = GroupMember.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise ValidationError(_("This person has already left the group."))
    if on < member.joined_on:
        raise ValidationError(_("The date of leaving is before the date of joining."))
    member.left_on = on
    member.save(update_fields=["left_on", "updated_at"])
    return member


def add_group_meeting(group, *, starts_at, ends_at, topic="", by) -> GroupMeeting:
    if group.status == SelfHelpGroup.Status.CLOSED:
        raise ValidationError(_("The group is closed."))
    meeting = GroupMeeting(group=group, starts_at=starts_at, ends_at=ends_at, topic=topic)
    meeting.full_clean()
    meeting.save()
    return meeting


def members_on(meeting: GroupMeeting):
    """The members of the group on the meeting's day."""
    day = timezone.localtime(meeting.starts_at).date()
    return (
        meeting.group.members.filter(joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=day))
        .select_related("participant")
    )


@transaction.atomic
def mark_group_attendance(meeting: GroupMeeting, present_member_ids, *, by) -> int:
    """Present for the chosen members, absent for the others; returns how many were marked.

    Attendance says who came: a meeting that has not started yet takes none, and nothing is saved."""
    if not meeting.has_started():
        raise ValidationError(not_started_message(meeting.starts_at), code="meeting_not_started")
    members = list(members_on(meeting))
    present = {int(pk) for pk in present_member_ids}
    unknown = present - {member.pk for member in members}
    if unknown:
        raise ValidationError(_("Only members of the group on the meeting's day can be marked."))
    for member in members:
        GroupAttendance.objects.update_or_create(
            meeting=meeting, member=member, defaults={"present": member.pk in present}
        )
    return len(members)


# Care for dependants ---------------------------------------------------------------------------------------


@transaction.atomic
def save_arrangement(arrangement: CareArrangement, *, editions=(), groups=(), by) -> CareArrangement:
    """Save a care arrangement unless it overlaps another of the same dependant.

    The dependant's row is locked so that two arrangements saved at once cannot both pass the check; the
    database's own guard (trigger or exclusion constraint) stands behind it.
    """
    Dependant.objects.select_for_update().get(pk=arrangement.dependant_id)
    arrangement.full_clean(exclude=["editions", "groups"])
    try:
        with transaction.atomic():
            arrangement.save()
    except IntegrityError:
        raise ValidationError(
            {"starts_on": _("This period overlaps another arrangement for the same person.")}
        ) from None
    arrangement.editions.set(editions)
    arrangement.groups.set(groups)
    return arrangement


@dataclass
class CareGap:
    """An activity of a participant at a time when a dependant who needs care has none arranged."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    participant: Participant
    activity: str
    url: str
    dependants: list = field(default_factory=list)


def care_gaps(partnership_id, *, start: datetime.date, end: datetime.date) -> list[CareGap]:
    """Upcoming workshop and self-help group meetings, from `start` to `end`, of participants with a dependant
    who needs care and has no arrangement covering that day.

    It starts from the meetings in the window (joined in the database to the people who need care), so the
    work grows with the activities of those weeks, not with everyone the partnership has ever supported."""
    needing_care = Dependant.objects.filter(participant__partnership_id=partnership_id, needs_care=True)
    people = needing_care.values("participant_id")
    window = _window(start, end)
    activities = _workshop_activities(partnership_id, people, window) + _group_activities(
        partnership_id, people, window
    )
    if not activities:
        return []
    by_person: dict[int, list[Dependant]] = {}
    found = needing_care.filter(participant_id__in={activity[0] for activity in activities}).select_related(
        "participant"
    )
    for dependant in found:
        by_person.setdefault(dependant.participant_id, []).append(dependant)
    arrangements: dict[int, list[CareArrangement]] = {}
    for arrangement in CareArrangement.objects.filter(dependant__in=found, starts_on__lte=end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start)
    ):
        arrangements.setdefault(arrangement.dependant_id, []).append(arrangement)
    gaps = []
    for participant_id, starts_at, ends_at, label, url in activities:
        day = timezone.localtime(starts_at).date()
        uncovered = [
            dependant
            for dependant in by_person[participant_id]
            if not any(arrangement.covers(day) for arrangement in arrangements.get(dependant.pk, []))
        ]
        if uncovered:
            participant = uncovered[0].participant
            gaps.append(CareGap(starts_at, ends_at, participant, label, url, uncovered))
    gaps.sort(key=lambda gap: (gap.starts_at, gap.participant.last_name, gap.participant.pk))
    return gaps


def _window(start, end):
    begins = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
    ends = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min))
    return begins, ends


def _workshop_activities(partnership_id, people, window):
    """(participant, start, end, workshop, address) for each meeting in the window of each enrolled person."""
    meetings = Meeting.objects.filter(
        edition__partnership_id=partnership_id,
        starts_at__gte=window[0],
        starts_at__lt=window[1],
        edition__enrolments__status=Enrolment.Status.ENROLLED,
        edition__enrolments__participant_id__in=people,
    ).values_list(
        "edition__enrolments__participant_id", "starts_at", "ends_at", "edition__workshop_type__name", "edition_id"
    )
    return [
        (person, starts_at, ends_at, name, reverse("education:edition", args=[edition]))
        for person, starts_at, ends_at, name, edition in meetings
    ]


def _group_activities(partnership_id, people, window):
    """The same for self-help group meetings, for those who were members on the meeting's day."""
    meetings = GroupMeeting.objects.filter(
        group__partnership_id=partnership_id,
        starts_at__gte=window[0],
        starts_at__lt=window[1],
        group__members__participant_id__in=people,
    ).values_list(
        "group__members__participant_id",
        "group__members__joined_on",
        "group__members__left_on",
        "starts_at",
        "ends_at",
        "group__topic",
        "group_id",
    )
    rows = []
    for person, joined_on, left_on, starts_at, ends_at, topic, group in meetings:
        day = timezone.localtime(starts_at).date()
        if joined_on <= day and (left_on is None or day <= left_on):
            rows.append((person, starts_at, ends_at, topic, reverse("care:group", args=[group])))
    return rows
