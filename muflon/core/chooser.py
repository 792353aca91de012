"""Choosing one row among hundreds by typing. A posted id (hidden input or radio) counts only if it is in the field's
queryset and the text typed with it, if any, finds it; otherwise the text decides, so old forms that post an id work.

Without JavaScript the field is a text box: one match picks the row, several come back as radios to choose from,
none is an error at the field; what was typed is kept. With JavaScript (static/core/chooser.js) the rows that
match appear below the box as you type (a listbox: arrow keys, Enter, Escape; announced in a live region) and
picking one fills the hidden id. The form that holds the field owns the queryset (already scoped to the user),
the search (its rules for what this user may search by) and the labels (which tell namesakes apart by what this
user may see); the search endpoint builds the same form and answers with `chooser_options`, so the page and the
endpoint can never offer different rows.
"""

from typing import NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

# At most this many rows are offered at once, and nobody is looked for below this many characters.
LIMIT = 20
MIN_LENGTH = 2
MAX_LENGTH = 100
# The name of the typed text in a request: the field's own name carries the chosen id.
TEXT_SUFFIX = "_text"


class Typed(NamedTuple):
    """What a request carried for a chooser: the text typed and the id chosen (hidden input or radio), if any."""

    text: str
    chosen: str


class ChooserWidget(forms.Widget):
    template_name = "core/chooser.html"
    use_fieldset = False

    class Media:
        js = ["core/chooser.js"]

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.field = None  # The ChooserField this widget belongs to (set by the field).

    def value_from_datadict(self, data, files, name):
        text = data.get(name + TEXT_SUFFIX) or ""
        chosen = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        # The hidden input comes first and radios after it: the last value given is the one chosen.
        chosen = [str(value) for value in chosen if value not in (None, "")]
        return Typed(str(text), chosen[-1] if chosen else "")

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + TEXT_SUFFIX not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        field = self.field
        text, chosen = field.typed_of(value)
        chosen_row = field.chosen_row(chosen) if chosen else None
        if chosen_row is not None and text and not field.agrees(chosen_row, text):
            chosen_row = None  # chosen for an earlier text: the text decides
        matches = []
        if text and chosen_row is None:
            try:
                found, more = field.find(text)
            except ValidationError:
                found, more = [], False
            if len(found) > 1 or more:
                matches = [(row.pk, field.label_from_instance(row)) for row in found]
        context["widget"].update(
            text=text,
            chosen=chosen_row.pk if chosen_row else "",
            chosen_label=field.label_from_instance(chosen_row) if chosen_row else "",
            matches=matches,
            search_url=field.search_url or "",
            min_length=MIN_LENGTH,
            max_length=MAX_LENGTH,
            text_name=name + TEXT_SUFFIX,
        )
        return context

    def id_for_label(self, id_):
        return id_


class ChooserField(forms.ModelChoiceField):
    """One row of `queryset`, found by `search(queryset, text)` (which may raise ValidationError for text this user
    may not search by), labelled by `label_of(row)` and put back into the box as `text_of(row)` (a text the search
    finds the row by). `search_url` answers as you type (a view that returns `chooser_options`)."""

    widget = ChooserWidget
    default_error_messages = {
        "required": _("Type a name and choose a person."),
        "too_short": ngettext_lazy("Type at least %(min)s character.", "Type at least %(min)s characters.", "min"),
        "no_match": _("Nobody matches “%(text)s”. Check the spelling, or type less of the name."),
        "several": ngettext_lazy(
            "%(count)s person matches “%(text)s”: choose them below.",
            "%(count)s people match “%(text)s”: choose one of them below.",
            "count",
        ),
        "too_many": _(
            "More than %(limit)s people match “%(text)s”: type more of the name, or choose one of the first %(limit)s "
            "below."
        ),
        "invalid_choice": _("This person cannot be chosen here. Type the name again and choose from what is found."),
    }

    def __init__(self, queryset, *, search, label_of=str, text_of=str, search_url=None, **kwargs):
        kwargs.setdefault("empty_label", None)
        super().__init__(queryset, **kwargs)
        self.search = search
        self.label_from_instance = label_of
        self.text_of = text_of
        self.search_url = search_url
        self.widget.field = self
        self._found = {}

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        result._found = {}
        return result

    def typed_of(self, value) -> Typed:
        """(text, chosen id) from what the request carried, or from an initial row or id."""
        if isinstance(value, Typed):
            return Typed(value.text, value.chosen)
        if value in self.empty_values:
            return Typed("", "")
        row = self.chosen_row(value.pk if isinstance(value, self.queryset.model) else value)
        return Typed(self.text_of(row), str(row.pk)) if row else Typed("", "")

    def chosen_row(self, chosen):
        try:
            return super().to_python(chosen)
        except ValidationError:
            return None

    def find(self, text) -> tuple[list, bool]:
        """The first LIMIT rows that match `text`, and whether there are more. Refuses text too short, too long, with
        a null character or that the search refuses."""
        text = self.searchable(text)
        if text not in self._found:
            rows = list(self.search(self.queryset, text)[: LIMIT + 1])
            self._found[text] = (rows[:LIMIT], len(rows) > LIMIT)
        return self._found[text]

    def searchable(self, text) -> str:
        """The text with its spaces tidied, or ValidationError for text too short, too long or with a null character
        (which PostgreSQL refuses)."""
        text = " ".join(str(text).split())
        if len(text) < MIN_LENGTH:
            raise ValidationError(self.error_messages["too_short"], code="too_short", params={"min": MIN_LENGTH})
        return forms.CharField(max_length=MAX_LENGTH).clean(text)  # refuses a null character too

    def agrees(self, row, text) -> bool:
        """Whether the chosen row is one that the text finds: a choice made before the text was changed is not."""
        try:
            return self.search(self.queryset, self.searchable(text)).filter(pk=row.pk).exists()
        except ValidationError:
            return False

    def to_python(self, value):
        text, chosen = self.typed_of(value)
        text = " ".join(text.split())
        if chosen:
            row = super().to_python(chosen)  # An id outside the queryset is refused, whatever was typed.
            if not text or self.agrees(row, text):
                return row
        if not text:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        found, more = self.find(text)
        if len(found) == 1 and not more:
            return found[0]
        if not found:
            raise ValidationError(self.error_messages["no_match"], code="no_match", params={"text": text})
        if more:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"text": text, "limit": LIMIT}
            )
        raise ValidationError(
            self.error_messages["several"], code="several", params={"text": text, "count": len(found)}
        )

    def validate(self, value):
        forms.Field.validate(self, value)

    def has_changed(self, initial, data):
        initial_id = "" if initial in self.empty_values else str(getattr(initial, "pk", initial))
        row = None if self.disabled else self.chosen_row(self.typed_of(data).chosen)
        return initial_id != (str(row.pk) if row else "")


def chooser_options(request, bound_field):
    """The rows that match `?q=` for the chooser's script: at most LIMIT, nothing below MIN_LENGTH characters, and
    the reason instead of rows for text the field refuses (never an error page)."""
    field = bound_field.field
    text = " ".join(request.GET.get("q", "").split())
    options, message = [], ""
    if text:
        try:
            found, more = field.find(text)
        except ValidationError as error:
            message = " ".join(error.messages)
        else:
            options = [(row.pk, field.label_from_instance(row), field.text_of(row)) for row in found]
            if not found:
                message = field.error_messages["no_match"] % {"text": text}
            elif more:
                message = gettext("The first %(limit)s people found; type more of the name to find others.") % {
                    "limit": LIMIT
                }
            else:
                message = ngettext("%(count)s person found.", "%(count)s people found.", len(found)) % {
                    "count": len(found)
                }
    return render(request, "core/chooser_options.html", {"options": options, "message": message})
