"""App configuration of the partnership area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "muflon.partnership"
    verbose_name = _("Partnership")

    def ready(self):
        from muflon.core import audit
        from muflon.partnership.models import Partnership

        audit.track(Partnership)
