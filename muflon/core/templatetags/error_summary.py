"""`{% error_summary form other_form formset %}`: one summary of every mistake on the page, each a link to its field
(GOV.UK's pattern); a form included with `no_summary=True` leaves its errors to it."""

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()


def field_anchor(bound_field) -> str:
    # A group of radios or checkboxes has no element of the field's own id: its first option stands for it.
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"


def mistakes(form) -> list[tuple[str, str]]:
    """(anchor or "", text) for each error of a form or formset, in the order of the page."""
    if isinstance(form, forms.BaseFormSet):
        found = [("", str(error)) for error in form.non_form_errors()]
        for member in form.forms:
            found += mistakes(member)
        return found
    if not isinstance(form, forms.BaseForm) or not form.errors:
        return []
    found = [("", str(error)) for error in form.non_field_errors()]
    for bound_field in form:
        if not bound_field.is_hidden:
            found += [(field_anchor(bound_field), f"{bound_field.label}: {error}") for error in bound_field.errors]
    return found


@register.simple_tag
def error_summary(*forms_on_page):
    # A simple tag, not an inclusion tag: most forms come without mistakes, and then no template is rendered.
    found = [item for form in forms_on_page for item in mistakes(form)]
    return render_to_string("core/error_summary.html", {"mistakes": found}) if found else ""


def has_errors(value) -> bool:
    # type(), not isinstance(): isinstance would wake lazy values (the user, the CSRF token) and so touch the
    # session, and a public page that touches it can no longer be kept for everyone.
    kind = type(value)
    if issubclass(kind, forms.BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    return issubclass(kind, forms.BaseForm) and value.is_bound and bool(value.errors)


@register.simple_tag(takes_context=True)
def page_has_errors(context) -> bool:
    """Whether any form on the page (whatever its name in the context) came back with mistakes: the page title
    then starts with "Error:"."""
    return any(has_errors(value) for layer in context.dicts for value in layer.values())
