"""Gminas: reference data shared by every partnership of the installation."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Gmina(models.Model):
    """A Polish gmina (commune), identified by its TERC code from the TERYT register."""

    class Kind(models.TextChoices):
        URBAN = "urban", _("urban gmina")
        RURAL = "rural", _("rural gmina")
        URBAN_RURAL = "urban-rural", _("urban-rural gmina")

    terc = models.CharField(
        _("TERC code"),
        max_length=7,
        unique=True,
        validators=[RegexValidator(r"^\d{7}$", _("A TERC code has exactly 7 digits."))],
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    county_terc = models.CharField(_("county TERC code"), max_length=4)
    county_name = models.CharField(_("county"), max_length=100)
    voivodeship = models.CharField(_("voivodeship"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "terc"]
        verbose_name = _("gmina")
        verbose_name_plural = _("gminas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["urban", "rural", "urban-rural"]), name="gmina_kind_valid"
            ),
        ]

    # How an option names a gmina (`core.widgets.FetchedChoiceIterator`), read as plain values.
    CHOICE_FIELDS = ("name", "kind")

    def __str__(self):
        return self.choice_label({"name": self.name, "kind": self.kind})

    @classmethod
    def choice_label(cls, values) -> str:
        return f"{values['name']} ({cls.Kind(values['kind']).label})"
