"""App configuration of the region area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionConfig(AppConfig):
    name = "muflon.region"
    verbose_name = _("Region")
