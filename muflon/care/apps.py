"""App configuration of the care area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "muflon.care"
    verbose_name = _("Barrier support")
