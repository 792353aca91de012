"""The participants list's table: its columns for each level of detail and its rows, written in Python.

Fifty rows of template tags (an `if` per cell, a URL, a label, a date) were most of the page's time; here a
row is one string of escaped cells, and the page's query reads only the columns the cells show."""

from html import escape  # Django's escape is this, behind a wrapper for lazy strings: a third of a row's time

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from muflon.accounts.models import User
from muflon.core.formats import short_date
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


# What the cells read, as plain values: model instances for 50 rows (and their gminas and staff) cost more than
# the rest of the list.
ROW_FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "phone",
    "stage",
    "stage_since",
    "gmina__name",
    "case_worker_id",
    "case_worker__first_name",
    "case_worker__last_name",
    "case_worker__username",
)


def for_rows(people):
    """`people` as the values `rows` reads, and nothing more."""
    return people.values(*ROW_FIELDS)


def rows(people, level) -> list[str]:
    """One escaped <tr> per person (a dict of ROW_FIELDS), with the cells of `columns(level)`."""
    stages = {value: str(label) for value, label in Stage.choices}
    # One reverse() for the page, not one per row: the pk is the only part that changes.
    detail_url = reverse("people:detail", args=[PK_MARK]).replace(str(PK_MARK), "{pk}")
    return [row(person, level, stages, detail_url) for person in people]


def row(person, level, stages, detail_url) -> str:
    url = detail_url.format(pk=person["pk"])
    cells = [f'<a href="{escape(url)}">{escape(person["last_name"])} {escape(person["first_name"])}</a>']
    if level in (FULL, BASIC):
        cells.append(escape(person["gmina__name"]))
    if level != STAGE_ONLY:
        cells.append(escape(person["phone"]))
    stage = stages.get(person["stage"], person["stage"])
    cells += [escape(stage), escape(short_date(person["stage_since"]))]
    if level == FULL:
        cells.append(escape(staff_name(person)) if person["case_worker_id"] else "—")
    return mark_safe("<tr><td>" + "</td><td>".join(cells) + "</td></tr>")  # noqa: S308 - every cell is escaped


def staff_name(person) -> str:
    return User.name_of(
        person["case_worker__first_name"], person["case_worker__last_name"], person["case_worker__username"]
    )
