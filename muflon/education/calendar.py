"""Personal iCalendar feeds (RFC 5545) behind a secret link: a participant's meetings or a trainer's."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from muflon.accounts.models import Role
from muflon.education.models import CalendarFeed, Edition, Enrolment, Meeting, calendar_token

CRLF = "\r\n"
LINE_OCTETS = 75


def feed_for(user) -> CalendarFeed:
    """The user's feed; the secret token is made on the first visit of a page that shows the link."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def reset_token(feed: CalendarFeed) -> CalendarFeed:
    """A new secret: the old link stops working at once (for a link that leaked)."""
    feed.token = calendar_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed


def feed_owner(token: str):
    """The active user a token belongs to who may have a feed (participant or trainer), or None."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active or not feed.user.has_role(Role.PARTICIPANT, Role.TRAINER):
        return None
    return feed.user


def meetings_for(user):
    """Meetings of the editions the user holds a place in (as a participant) or trains, in their partnership."""
    from muflon.people.models import Participant

    editions = Edition.objects.visible_to(user)
    wanted = Q(pk__in=[])
    if user.has_role(Role.TRAINER):
        wanted |= Q(pk__in=editions.filter(trainers=user).values("pk"))
    if user.has_role(Role.PARTICIPANT):
        own = Participant.objects.visible_to(user).filter(user=user)
        places = Enrolment.objects.filter(participant__in=own, status=Enrolment.Status.ENROLLED)
        wanted |= Q(pk__in=places.values("edition_id"))
    return Meeting.objects.filter(edition__in=editions.filter(wanted)).select_related(
        "edition__workshop_type", "edition__gmina"
    )


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (RFC 5545, 3.1), never inside a character."""
    parts, current, size = [], "", 0
    for character in line:
        octets = len(character.encode())
        if size + octets > LINE_OCTETS:
            parts.append(current)
            current, size = "", 1  # the continuation line's leading space counts
        current += character
        size += octets
    parts.append(current)
    return (CRLF + " ").join(parts)


def utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_event(meeting: Meeting) -> list[str]:
    edition = meeting.edition
    where = [edition.place, meeting.room, edition.address, edition.gmina.name]
    access = _("step-free access") if edition.step_free else _("no step-free access")
    return [
        "BEGIN:VEVENT",
        # The row id never changes, so calendars update a moved meeting instead of adding a copy.
        f"UID:meeting-{meeting.pk}@muflon",
        f"DTSTAMP:{utc(meeting.updated_at)}",
        f"DTSTART:{utc(meeting.starts_at)}",
        f"DTEND:{utc(meeting.ends_at)}",
        f"SUMMARY:{escape_text(edition.workshop_type.name)}",
        f"LOCATION:{escape_text(', '.join(part for part in where if part))}",
        f"DESCRIPTION:{escape_text(access)}",
        "END:VEVENT",
    ]


def ics_for(user) -> str:
    """The whole feed, with CRLF line ends; only meetings, never the names of other people."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Muflon//Educational path//PL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(_('Muflon: my workshops'))}",
    ]
    for meeting in meetings_for(user):
        lines.extend(meeting_event(meeting))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
