"""The e-mail reminder the day before each meeting, run by the background worker at the right time."""

import datetime

from django.conf import settings
from django.tasks import task
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from muflon.core.tasks import send_email

REMINDER_LEAD = datetime.timedelta(hours=24)


def schedule_reminders(meeting) -> None:
    """Queue the reminders for 24 hours before the meeting; at once when it is sooner, never after it began."""
    now = timezone.now()
    if meeting.starts_at <= now:
        return
    run_after = max(meeting.starts_at - REMINDER_LEAD, now)
    send_reminders_for_meeting.using(run_after=run_after).enqueue(
        meeting.pk, meeting.starts_at.isoformat(), partnership_id=meeting.edition.partnership_id
    )


@task()
def send_reminders_for_meeting(meeting_id: int, starts_at: str, *, partnership_id: int | None = None) -> int:
    """E-mail each enrolled person who agreed to e-mail contact, and each trainer; returns how many were queued.

    The meeting is read again when the task runs: nothing is sent for a meeting that was deleted, has
    started already, or was moved since (the reminder was for the old time; a move schedules a new one).
    Each message's key names the meeting, its time and the address, so a run again after the worker died (or a
    second job for the same meeting and time) sends nobody the reminder twice.
    """
    from muflon.education.models import Enrolment, Meeting
    from muflon.people.models import Consent

    meeting = Meeting.objects.select_related("edition__workshop_type", "edition__gmina").filter(pk=meeting_id).first()
    if meeting is None or meeting.starts_at != datetime.datetime.fromisoformat(starts_at):
        return 0
    if meeting.starts_at <= timezone.now():
        return 0
    enrolments = (
        Enrolment.objects.filter(edition=meeting.edition_id, status=Enrolment.Status.ENROLLED)
        .select_related("participant")
        .prefetch_related("participant__consents")
    )
    addresses = [
        enrolment.participant.email
        for enrolment in enrolments
        if enrolment.participant.email and enrolment.participant.consent_for(Consent.Purpose.EMAIL) is not None
    ]
    addresses += list(meeting.edition.trainers.filter(is_active=True).exclude(email="").values_list("email", flat=True))
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = reminder_text(meeting)
    # One message per person: nobody learns who else takes part.
    for address in dict.fromkeys(addresses):
        key = f"reminder:{meeting_id}:{starts_at}:{address}"
        send_email.enqueue([address], subject, body, key=key, partnership_id=partnership_id)
    return len(dict.fromkeys(addresses))


def reminder_text(meeting) -> tuple[str, str]:
    edition = meeting.edition
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    day = formats.date_format(starts, "j E Y")
    subject = _("Reminder: %(name)s on %(day)s") % {"name": edition.workshop_type.name, "day": day}
    place = ", ".join(part for part in (edition.place, meeting.room, edition.address, edition.gmina.name) if part)
    lines = [
        _("This is a reminder of the workshop %(name)s.") % {"name": edition.workshop_type.name},
        _("When: %(day)s, %(start)s–%(end)s.") % {"day": day, "start": f"{starts:%H:%M}", "end": f"{ends:%H:%M}"},
        _("Where: %(place)s.") % {"place": place},
        _("The place has step-free access.") if edition.step_free else _("The place has no step-free access."),
    ]
    return subject, "\n".join(lines)
