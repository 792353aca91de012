"""The filtered participants list as CSV or XLSX, streamed row by row so size does not matter."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from muflon.core.csv_export import csv_response
from muflon.people.access import shows


def columns(level):
    """The columns the level of detail shows (managers, the only ones who export today, see them all)."""
    every_column = [
        ("name", _("Surname"), lambda p: p.last_name),
        ("name", _("First name"), lambda p: p.first_name),
        ("pesel", _("PESEL"), lambda p: p.pesel),
        ("birth_date", _("Date of birth"), lambda p: p.birth_date.strftime("%d.%m.%Y")),
        ("sex", _("Sex"), lambda p: p.get_sex_display()),
        ("gmina", _("Gmina"), lambda p: p.gmina.name),
        ("phone", _("Phone"), lambda p: p.phone),
        ("email", _("E-mail"), lambda p: p.email),
        ("stage", _("Stage"), lambda p: p.get_stage_display()),
        ("stage", _("In this stage since"), lambda p: p.stage_since.strftime("%d.%m.%Y")),
        ("case_worker", _("Staff member responsible"), lambda p: str(p.case_worker or "")),
    ]
    return [(title, value) for attribute, title, value in every_column if shows(level, attribute)]


def export_participants(people, file_format, *, level):
    cols = columns(level)
    filename = f"uczestnicy-{timezone.localdate():%Y-%m-%d}"
    if file_format == "csv":
        return csv_response(cols, people, f"{filename}.csv")
    if file_format == "xlsx":
        return xlsx_response(people, cols, filename)
    raise Http404


def xlsx_response(people, cols, filename):
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    # Text stays text: a cell typed as "=..." must never become a formula when the file is opened.
    options = {"constant_memory": True, "in_memory": False, "strings_to_formulas": False}
    workbook = xlsxwriter.Workbook(buffer, options)
    sheet = workbook.add_worksheet(_("Participants")[:31])
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, [title for title, _ in cols], bold)
    for row, person in enumerate(people.iterator(chunk_size=2000), start=1):
        sheet.write_row(row, 0, [value(person) for _, value in cols])
    workbook.close()
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
