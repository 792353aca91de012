"""The participants list's table: its columns for each level of detail and its rows, written in Python.

Fifty rows of template tags (an `if` per cell, a URL, a label, a date) were most of the page's time; here a
row is one `format_html` call."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from muflon.people.access import BASIC, FULL, STAGE_ONLY
from muflon.people.path import Stage

PK_MARK = 987654321987


def columns(level) -> list[str]:
    """The column headings the user's level of detail allows (the name is always first)."""
    headings = [_("Name")]
    if level in (FULL, BASIC):
        headings.append(_("Gmina"))
    if level != STAGE_ONLY:
        headings.append(_("Phone"))
    headings += [_("Stage"), _("Since")]
    if level == FULL:
        headings.append(_("Staff member"))
    return headings


def rows(people, level) -> list[str]:
    """One escaped <tr> per person, with the cells of `columns(level)`."""
    stages = {value: str(label) for value, label in Stage.choices}
    # One reverse() for the page, not one per row: the pk is the only part that changes.
    detail_url = reverse("people:detail", args=[PK_MARK]).replace(str(PK_MARK), "{pk}")
    return [row(person, level, stages, detail_url) for person in people]


def row(person, level, stages, detail_url) -> str:
    link = format_html('<a href="{}">{} {}</a>', detail_url.format(pk=person.pk), person.last_name, person.first_name)
    cells = [link]
    if level in (FULL, BASIC):
        cells.append(person.gmina.name)
    if level != STAGE_ONLY:
        cells.append(person.phone)
    cells += [stages.get(person.stage, person.stage), date_format(person.stage_since, "SHORT_DATE_FORMAT")]
    if level == FULL:
        cells.append(str(person.case_worker) if person.case_worker_id else "—")
    return format_html("<tr>{}</tr>", format_html_join("", "<td>{}</td>", ((cell,) for cell in cells)))
