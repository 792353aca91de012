"""The partnership (tenant) and the base of every model it owns."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Partnership(models.Model):
    """A three-sector local partnership: the tenant of the installation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    region_description = models.CharField(_("region"), max_length=300, blank=True)
    host = models.CharField(
        _("host name of the public site"),
        max_length=253,
        unique=True,
        null=True,
        blank=True,
        help_text=_("For example spoldzielnie.walbrzych.pl; empty when the site has no own host."),
    )
    is_default = models.BooleanField(
        _("default partnership"),
        default=False,
        help_text=_("Shown on host names that belong to no partnership."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="one_default_partnership"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def audit_partnership_id(self):
        return self.pk
