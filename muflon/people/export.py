"""The filtered participants list as CSV or XLSX, streamed row by row so size does not matter."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from muflon.core.csv_export import csv_response


def columns():
    return [
        (_("Surname"), lambda p: p.last_name),
        (_("First name"), lambda p: p.first_name),
        (_("PESEL"), lambda p: p.pesel),
        (_("Date of birth"), lambda p: p.birth_date.strftime("%d.%m.%Y")),
        (_("Sex"), lambda p: p.get_sex_display()),
        (_("Gmina"), lambda p: p.gmina.name),
        (_("Phone"), lambda p: p.phone),
        (_("E-mail"), lambda p: p.email),
        (_("Stage"), lambda p: p.get_stage_display()),
        (_("In this stage since"), lambda p: p.stage_since.strftime("%d.%m.%Y")),
        (_("Staff member responsible"), lambda p: str(p.case_worker or "")),
    ]


def export_participants(people, file_format):
    cols = columns()
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
