"""Faster forms on busy pages. The form renderer: Django's templates, except <select>, which is built in Python
with the same HTML; and a choice field for short lists that reads its options with one plain query.

Django renders one template per <option>; on pages with several selects (a participant's page has a few
hundred options) that was a fifth of the page's time."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"

# The browser's own pickers (a calendar on a phone), with the ISO values they send and expect.
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        return super().render(template_name, context, request)


def render_select(widget):
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = format_html_join("", "{}", ((render_option(option),) for option in options))
        if group_name:
            rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
        groups.append((rendered,))
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        attributes(widget["attrs"]),
        format_html_join("", "{}", groups),
    )


def render_option(option):
    return format_html(
        '<option value="{}"{}>{}</option>', option["value"], attributes(option["attrs"]), option["label"]
    )


def attributes(attrs):
    """Attributes in the order Django's attrs.html writes them: True as a bare name, False left out."""
    return mark_safe(  # noqa: S308 - every name and value is escaped here
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


class FetchedChoiceIterator(ModelChoiceIterator):
    """The options in one plain query: Django's `iterator()` opens a server-side cursor on PostgreSQL, three
    round trips instead of one, which is a loss for a list of a few dozen rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ShortModelChoiceField(forms.ModelChoiceField):
    """A choice of one among a few dozen rows (gminas, legal grounds, staff)."""

    iterator = FetchedChoiceIterator
