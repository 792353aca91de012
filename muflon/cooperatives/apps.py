"""App configuration of the cooperatives area: founding groups and social cooperatives."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    name = "muflon.cooperatives"
    verbose_name = _("Social cooperatives")

    def ready(self):
        from muflon.cooperatives import models
        from muflon.core import audit

        for model in (models.FoundingGroup, models.FoundingMember):
            audit.track(model)
