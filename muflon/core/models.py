"""The audit log (an append-only record of changes, logins and confidential reads) and the record of e-mails that
background tasks sent, which makes a task safe to run again."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.core.access import ScopedQuerySet


class AuditEntryQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Partnership administrators (`user.reads_audit_log`) read their partnership's log; nobody else does."""
        if not user.is_authenticated or not user.reads_audit_log:
            return self.none()
        return self.in_partnership_of(user)


class AuditEntry(models.Model):
    """Who did what to which record, and when. Never changed once written."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        LOGIN = "login", _("logged in")
        LOGIN_FAILED = "login_failed", _("failed login")
        LOGOUT = "logout", _("logged out")
        READ = "read", _("read confidential data")
        DENIED = "denied", _("access refused")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    partnership = models.ForeignKey(
        "partnership.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partnership"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    actor_label = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("record type")
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["partnership", "-at"], name="audit_partnership_at"),
            models.Index(fields=["content_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]

    def __str__(self):
        when = timezone.localtime(self.at)
        return f"{when:%Y-%m-%d %H:%M} {self.actor_label} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are never deleted.")


class SentMessage(models.Model):
    """An e-mail that a background task sent (or began to send): a task run again finds it and sends nothing.

    Only a digest of the message's key is kept, so the table holds no address or other personal data. Like an audit
    entry it is written once, so its one time is when it was sent; there is nothing to update.
    """

    key_digest = models.CharField(_("key digest"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")

    def __str__(self):
        return f"{self.sent_at:%Y-%m-%d %H:%M} {self.key_digest[:12]}"
