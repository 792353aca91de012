"""Staff pages of the participant import: upload a file, preview its rows, confirm to register them all.

The checked rows wait in the session (stored in the database, so any application server can
finish the import) under a random token that the preview's form sends back: a commit always
registers exactly the rows the user saw, never anything the browser sends.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache

from muflon.accounts.access import role_required
from muflon.accounts.models import MANAGERS, Organisation
from muflon.people import importer

SESSION_KEY = "people_import"
PREVIEW_PAGE_SIZE = 200
SHOWN_ERRORS = 5


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File with the referred people"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Referring labour office"), queryset=Organisation.objects.none()
    )
    consents_held = forms.BooleanField(
        label=gettext_lazy(
            "The labour office holds the signed consents to processing for support of every person in the file"
        ),
        error_messages={"required": gettext_lazy("Without these consents nobody can be registered.")},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Organisation.objects.filter(partnership=partnership, kind=Organisation.Kind.LABOUR_OFFICE)
        self.fields["organisation"].queryset = offices
        self.fields["file"].help_text = _(
            "CSV (UTF-8, separated by ; or ,) or XLSX, at most 10 MB and %(rows)s rows, with a header in the "
            "first row. Columns: nazwisko, imie, pesel, gmina (TERC code or name), wyksztalcenie (isced0–isced4, "
            "isced5_8 or 0–4, 5-8), status (e.g. bezrobotny), bezrobotny_od (required for the unemployed); "
            "optional: data_urodzenia and plec (read from the PESEL when empty), telefon, email, "
            "data_skierowania (today when empty), powod. Dates as DD.MM.YYYY or YYYY-MM-DD; "
            "English column names work too."
        ) % {"rows": importer.MAX_ROWS}
        if len(offices) == 1:
            self.fields["organisation"].initial = offices[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.table = importer.read_table(upload)
        except importer.FileRefused as refused:
            raise forms.ValidationError(refused.message) from None
        return upload


@never_cache
@role_required(*MANAGERS)
def import_upload(request):
    partnership = request.user.partnership
    form = ImportForm(request.POST or None, request.FILES or None, partnership=partnership)
    if request.method == "POST":
        request.session.pop(SESSION_KEY, None)  # a new upload replaces the one waiting
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            pending = importer.prepare(form.table, partnership=partnership, organisation=organisation)
            pending.update(user=request.user.pk, file_name=form.cleaned_data["file"].name[:200])
            request.session[SESSION_KEY] = pending
            return redirect("people:import_confirm")
    context = {
        "form": form,
        "has_office": form.fields["organisation"].queryset.exists(),
        "waiting": pending_import(request),
    }
    return render(request, "people/import_upload.html", context)


@never_cache
@role_required(*MANAGERS)
def import_confirm(request):
    """GET shows the preview of the file waiting in the session; POST registers it or discards it."""
    pending = pending_import(request)
    if pending is None:
        messages.info(request, _("No file is waiting for confirmation. Upload one."))
        return redirect("people:import")
    if request.method != "POST":
        return preview(request, pending)
    if "discard" in request.POST:
        del request.session[SESSION_KEY]
        messages.success(request, _("The file was discarded; nothing was saved."))
        return redirect("people:import")
    return commit(request, pending)


def pending_import(request):
    pending = request.session.get(SESSION_KEY)
    if pending is None or pending.get("user") != request.user.pk:
        return None
    return pending


def labour_office(request, pending):
    return Organisation.objects.filter(
        partnership=request.user.partnership, kind=Organisation.Kind.LABOUR_OFFICE, pk=pending["organisation"]
    ).first()


def preview(request, pending):
    only_errors = request.GET.get("show") == "errors"
    rows = [row for row in pending["rows"] if row["errors"]] if only_errors else pending["rows"]
    page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    bad = sum(1 for row in pending["rows"] if row["errors"])
    context = {
        "pending": pending,
        "organisation": labour_office(request, pending),
        "page": page,
        "rows": [described(row, pending["columns"]) for row in page.object_list],
        "total": len(pending["rows"]),
        "bad": bad,
        "good": len(pending["rows"]) - bad,
        "only_errors": only_errors,
    }
    return render(request, "people/import_preview.html", context)


def described(row, columns):
    """A row for the preview: what it holds and its errors, each naming its column."""
    return {"number": row["number"], "shown": row["shown"], "errors": [error_text(e, columns) for e in row["errors"]]}


def error_text(error, columns, row_number=None):
    name, message = error
    column = importer.column_of(name, columns)
    if row_number is None:
        return message if column is None else _("%(column)s: %(message)s") % {"column": column, "message": message}
    if column is None:
        return _("Row %(row)s: %(message)s") % {"row": row_number, "message": message}
    return _("Row %(row)s, column “%(column)s”: %(message)s") % {
        "row": row_number,
        "column": column,
        "message": message,
    }


def commit(request, pending):
    if request.POST.get("token") != pending["token"]:
        messages.error(request, _("Another file was uploaded after this preview. Check it before confirming."))
        return redirect("people:import_confirm")
    if any(row["errors"] for row in pending["rows"]):
        messages.error(request, _("Some rows have errors, so nothing was saved. Correct the file and upload it again."))
        return redirect("people:import_confirm")
    organisation = labour_office(request, pending)
    if organisation is None:
        del request.session[SESSION_KEY]
        messages.error(request, _("The labour office chosen for this file no longer exists. Upload the file again."))
        return redirect("people:import")
    try:
        count = importer.commit(
            pending, partnership=request.user.partnership, organisation=organisation, by=request.user
        )
    except importer.CommitRefused as refused:
        pending["rows"] = refused.rows
        request.session[SESSION_KEY] = pending
        messages.error(request, refusal_text(refused.rows, pending["columns"]))
        return redirect("people:import_confirm")
    del request.session[SESSION_KEY]
    messages.success(
        request,
        ngettext("%(count)s participant was registered.", "%(count)s participants were registered.", count)
        % {"count": count},
    )
    return redirect("people:list")


def refusal_text(rows, columns):
    errors = [error_text(error, columns, row["number"]) for row in rows for error in row["errors"]]
    more = len(errors) - SHOWN_ERRORS
    text = _("Nothing was saved. %(errors)s") % {"errors": " ".join(errors[:SHOWN_ERRORS])}
    if more > 0:
        text += " " + ngettext("And %(count)s more error.", "And %(count)s more errors.", more) % {"count": more}
    return text
