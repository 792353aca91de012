"""Writing the audit log: tracked models, logins, confidential reads, the request's actor."""

import contextvars
import datetime
import decimal
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

MASK = "***"


@dataclass(frozen=True)
class AuditContext:
    user: object | None
    ip_address: str | None


_context: contextvars.ContextVar[AuditContext | None] = contextvars.ContextVar("audit_context", default=None)
_tracked: dict[type[models.Model], dict] = {}


def set_context(user, ip_address):
    return _context.set(AuditContext(user=user, ip_address=ip_address))


def reset_context(token):
    _context.reset(token)


def current_actor():
    context = _context.get()
    if context is None or context.user is None or not getattr(context.user, "is_authenticated", False):
        return None
    return context.user


def record(action, *, obj=None, actor=None, actor_label="", partnership_id=None, changes=None, ip_address=None):
    """Write one audit entry; the actor and address default to the current request's."""
    from muflon.core.models import AuditEntry

    context = _context.get()
    actor = actor if actor is not None else current_actor()
    if ip_address is None and context is not None:
        ip_address = context.ip_address
    if partnership_id is None:
        partnership_id = partnership_of(obj) or getattr(actor, "partnership_id", None)
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_label=(actor.get_username() if actor is not None else actor_label)[:150],
        partnership_id=partnership_id,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
        ip_address=ip_address,
    )


def record_read(obj, *, actor=None, what=""):
    """A read of confidential data: call it from every view that shows such data."""
    from muflon.core.models import AuditEntry

    return record(AuditEntry.Action.READ, obj=obj, actor=actor, changes={"read": what} if what else None)


def record_denied(obj, *, actor=None, what=""):
    """A refused request for confidential data: logged, though the answer reveals nothing."""
    from muflon.core.models import AuditEntry

    return record(AuditEntry.Action.DENIED, obj=obj, actor=actor, changes={"requested": what} if what else None)


def partnership_of(obj):
    if obj is None:
        return None
    return getattr(obj, "audit_partnership_id", None) or getattr(obj, "partnership_id", None)


def track(model, *, exclude=(), masked=()):
    """Record every create, update and delete of `model`; `masked` fields show only that they changed."""
    _tracked[model] = {"exclude": set(exclude), "masked": set(masked)}
    uid = f"audit-{model._meta.label}"
    pre_save.connect(_remember_old_values, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_record_save, sender=model, dispatch_uid=uid + "-post")
    post_delete.connect(_record_delete, sender=model, dispatch_uid=uid + "-delete")


def _audited_fields(model):
    options = _tracked[model]
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in options["exclude"] and field.name not in {"created_at", "updated_at"}
    ]


def _snapshot(instance):
    return {field.attname: getattr(instance, field.attname) for field in _audited_fields(type(instance))}


def _remember_old_values(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance._state.adding:
        instance._audit_old = None
        return
    old = sender._default_manager.filter(pk=instance.pk).values(*[field.attname for field in _audited_fields(sender)])
    instance._audit_old = old[0] if old else None


def _record_save(sender, instance, created, raw=False, **kwargs):
    from muflon.core.models import AuditEntry

    if raw:
        return
    new = _snapshot(instance)
    old = getattr(instance, "_audit_old", None) or {}
    masked = _tracked[sender]["masked"]
    changes = {}
    for name, value in new.items():
        before = old.get(name) if not created else None
        if created or before != value:
            if created and value in (None, ""):
                continue
            changes[name] = _describe(name, before, value, masked, created)
    if not created and not changes:
        return
    record(AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE, obj=instance, changes=changes)


def _record_delete(sender, instance, **kwargs):
    from muflon.core.models import AuditEntry

    record(AuditEntry.Action.DELETE, obj=instance)


def _describe(name, before, after, masked, created):
    if name in masked:
        return {"changed": True}
    if created:
        return {"new": _plain(after)}
    return {"old": _plain(before), "new": _plain(after)}


def _plain(value):
    """A JSON-safe form of a field value."""
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return MASK
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def tracked_models():
    return list(_tracked)
