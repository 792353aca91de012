"""Faster forms on busy pages. The form renderer: Django's templates, except <select>, <input> and <textarea>,
which are built in Python with the same HTML; and a choice field for short lists that reads its options with one
plain query.

Django renders one template per <option>; on pages with several selects (a participant's page has a few
hundred options) that was a fifth of the page's time."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
TEXTAREA_TEMPLATE = "django/forms/widgets/textarea.html"
# The widgets whose template is Django's input.html and nothing else.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "number",
        "date",
        "datetime",
        "time",
        "tel",
        "url",
        "password",
        "hidden",
        "search",
        "color",
    )
)

# The browser's own pickers (a calendar on a phone), with the ISO values they send and expect.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        if template_name in INPUT_TEMPLATES:
            return render_input(context["widget"])
        if template_name == TEXTAREA_TEMPLATE:
            return render_textarea(context["widget"])
        return super().render(template_name, context, request)


def render_select(widget):
    parts = [f'<select name="{escape(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'<optgroup label="{escape(group_name)}">')
        parts.extend(render_option(option) for option in options)
        if group_name:
            parts.append("</optgroup>")
    parts.append("</select>")
    # Plain joins of escaped parts: format_html per option was most of a select's time.
    return mark_safe("".join(parts))  # noqa: S308 - every name, value and label is escaped above


def render_input(widget):
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    html = (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{attributes(widget["attrs"])}>'
    )
    return mark_safe(html)  # noqa: S308 - escaped above


def render_textarea(widget):
    text = escape(widget["value"]) if widget["value"] else ""
    return mark_safe(f'<textarea name="{escape(widget["name"])}"{attributes(widget["attrs"])}>\n{text}</textarea>')  # noqa: S308


def render_option(option):
    return f'<option value="{escape(option["value"])}"{attributes(option["attrs"])}>{escape(option["label"])}</option>'


def attributes(attrs):
    """Attributes in the order Django's attrs.html writes them: True as a bare name, False left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def escape(value) -> str:
    """Escaped unless already safe, as the templates do."""
    return str(conditional_escape(value))


class FetchedChoiceIterator(ModelChoiceIterator):
    """The options in one plain query: Django's `iterator()` opens a server-side cursor on PostgreSQL, three
    round trips instead of one, which is a loss for a list of a few dozen rows.

    A model that names its rows from a few columns says so with `CHOICE_FIELDS` and a `choice_label(values)`
    static method (which its `__str__` uses too); its options are then read as plain values, not as model
    instances, in a third of the time."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        model = self.queryset.model
        fields = getattr(model, "CHOICE_FIELDS", None)
        if fields is None:
            for obj in self.queryset.all():
                yield self.choice(obj)
            return
        for row in self.queryset.values("pk", *fields):
            yield (row["pk"], model.choice_label(row))


class ShortModelChoiceField(forms.ModelChoiceField):
    """A choice of one among a few dozen rows (gminas, legal grounds, staff)."""

    iterator = FetchedChoiceIterator
