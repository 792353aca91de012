"""Reading the audit log: an entry's changes in words (labels, choice labels, names, local dates)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext


def field_of(model, name: str):
    """The field an entry's key names (a column's attname, or a many-to-many field's name), or None."""
    if model is None:
        return None
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == name or (field.many_to_many and field.name == name):
            return field
    return None


@dataclass
class ShownChange:
    """One change of an entry as a person reads it: the field's label, and the values in words."""

    label: str
    old: str = ""
    new: str = ""
    has_old: bool = False
    masked: bool = False


def shown_changes(entries) -> None:
    """Give each entry `shown_changes`: labels instead of keys, choice labels instead of codes, names instead
    of ids (looked up together for the whole page), dates in the local format."""
    wanted = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        for name, change in entry.changes.items():
            field = field_of(model, name)
            if field is not None and field.many_to_one and isinstance(change, dict):
                wanted[field.related_model].update(v for v in (change.get("old"), change.get("new")) if v is not None)
    names = {model: model._base_manager.in_bulk(list(ids)) for model, ids in wanted.items()}
    for entry in entries:
        model = entry.content_type.model_class() if entry.content_type_id else None
        entry.shown_changes = [_shown(model, name, change, names) for name, change in entry.changes.items()]


def _shown(model, name, change, names) -> ShownChange:
    field = field_of(model, name)
    # Keys that are no field were written by code with gettext_noop; translated here.
    label = capfirst(str(field.verbose_name)) if field is not None else gettext(name)
    if not isinstance(change, dict):
        return ShownChange(label, new=_in_words(None, change, names))
    if change.get("changed"):
        return ShownChange(label, masked=True)
    return ShownChange(
        label,
        old=_in_words(field, change.get("old"), names),
        new=_in_words(field, change.get("new"), names),
        has_old="old" in change,
    )


def _in_words(field, value, names) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(_in_words(field, item, names) for item in value) or "—"
    if field is not None and field.many_to_one:
        found = names.get(field.related_model, {}).get(value)
        return str(found) if found is not None else f"#{value}"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(field, models.DateField) and isinstance(value, str):
        day = parse_date(value)
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
    if isinstance(field, models.DecimalField | models.FloatField) and isinstance(value, str | float):
        return formats.number_format(value)
    return str(value)
