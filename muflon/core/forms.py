"""Forms of the core area: the audit log filter, how a service's refusal reaches a form, and a number field that
reads numbers as Polish users write them."""

import datetime

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.core import audit
from muflon.core.models import AuditEntry


def add_validation_error(form, error: ValidationError, *, field: str | None = None) -> None:
    """Show a service's refusal on the form that asked for the action.

    An error naming fields lands at each field the form has, above the form for a field it does not show; a
    plain message lands at `field` (the one the refusal is about), or above the form when no field is given."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error)


class PolishDecimalField(forms.DecimalField):
    """A decimal typed the Polish way or the plain one: "120 000,50", "0,5", "120000.50". Django's own parsing
    accepts the comma only with localization on and refuses the spaces between thousands."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace(",", ".")
        return super().to_python(value)


def tracked_content_types():
    return ContentType.objects.filter(
        pk__in=[ContentType.objects.get_for_model(model).pk for model in audit.tracked_models()]
    ).order_by("model")


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("any"))] + AuditEntry.Action.choices)
    who = forms.CharField(label=_("User name"), required=False, max_length=150)
    record_type = forms.ModelChoiceField(
        label=_("Record type"), required=False, queryset=ContentType.objects.none(), empty_label=_("any")
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_type"].queryset = tracked_content_types()
        self.fields["record_type"].label_from_instance = lambda ct: ct.model_class()._meta.verbose_name

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filter(self, entries):
        data = self.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["who"]:
            entries = entries.filter(actor_label__icontains=data["who"])
        if data["record_type"]:
            entries = entries.filter(content_type=data["record_type"])
        if data["date_from"]:
            entries = entries.filter(at__gte=start_of(data["date_from"]))
        if data["date_to"]:
            entries = entries.filter(at__lt=start_of(data["date_to"] + datetime.timedelta(days=1)))
        return entries


def start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
