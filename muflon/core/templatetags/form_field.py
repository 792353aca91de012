"""`{% form_field field %}`: one visible field as core/form_field.html writes it (label or legend, the widget,
help and errors tied to it), built in Python because forms are on most pages and the template engine spent more
on these few lines than on the rest of a form. core/form_field.html stays the reference the tests compare with."""

from django import template
from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def form_field(field):
    required = f' <span class="required">({escape(gettext("required"))})</span>' if field.field.required else ""
    if field.use_fieldset:
        described = f' aria-describedby="{escape(field.aria_describedby)}"' if field.aria_describedby else ""
        legend = f"<legend>{escape(field.label)}{required}</legend>"
        control = f"<fieldset{described}>\n      {legend}\n      {field}\n    </fieldset>"
    else:
        control = f'<label for="{escape(field.id_for_label)}">{escape(field.label)}{required}</label>\n    {field}'
    parts = [f'\n<div class="field{" has-error" if field.errors else ""}">\n  \n    {control}\n  \n  ']
    if field.help_text:
        parts.append(f'<p class="help" id="{escape(field.auto_id)}_helptext">{escape(field.help_text)}</p>')
    parts.append("\n  ")
    if field.errors:
        errors = "".join(f"{escape(error)} " for error in field.errors)
        parts.append(f'<p class="error" id="{escape(field.auto_id)}_error">{errors}</p>')
    parts.append("\n</div>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above or is the widget's own HTML
