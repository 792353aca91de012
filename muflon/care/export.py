"""The sessions list as CSV: that sessions took place, never anything of the notes."""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _


class Echo:
    def write(self, value):
        return value


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
    cols = columns()
    writer = csv.writer(Echo(), delimiter=";")

    def rows():
        yield "\ufeff"  # a BOM so that spreadsheet programs read the Polish letters right
        yield writer.writerow([title for title, _value in cols])
        for session in sessions.iterator(chunk_size=2000):
            yield writer.writerow([value(session) for _title, value in cols])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sesje-{timezone.localdate():%Y-%m-%d}.csv"'
    response["Cache-Control"] = "no-store"
    return response
