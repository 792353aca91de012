"""The sessions list as CSV: that sessions took place, never anything of the notes."""

from django.utils import timezone
from django.utils.translation import gettext as _

from muflon.core.csv_export import csv_response


def columns():
    # Notes stay out of exports: only the client's counsellor may read them, and only on screen.
    return [
        (_("Date"), lambda s: s.held_on.strftime("%d.%m.%Y")),
        (_("Surname"), lambda s: s.client.participant.last_name),
        (_("First name"), lambda s: s.client.participant.first_name),
        (_("Counsellor"), lambda s: str(s.counsellor)),
        (_("Form"), lambda s: s.get_form_display()),
        (_("Minutes"), lambda s: s.minutes),
        (_("Summary"), lambda s: s.summary),
    ]


def export_sessions(sessions):
    response = csv_response(columns(), sessions, f"sesje-{timezone.localdate():%Y-%m-%d}.csv")
    response["Cache-Control"] = "no-store"
    return response
