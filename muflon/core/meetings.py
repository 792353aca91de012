"""What the meetings of every area share: attendance is recorded only once a meeting has started, and a refusal
says from when, in local time."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def not_started_message(starts_at) -> str:
    """Why a meeting starting at `starts_at` (aware) takes no attendance yet, with its start in local time as the
    meeting's page shows it."""
    start = timezone.localtime(starts_at)
    return _("Attendance can be recorded only once the meeting has started (%(day)s, %(time)s).") % {
        "day": formats.date_format(start, "SHORT_DATE_FORMAT"),
        "time": formats.time_format(start, "H:i"),
    }
