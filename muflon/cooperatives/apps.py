"""App configuration of the cooperatives area: founding groups and social cooperatives."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    name = "muflon.cooperatives"
    verbose_name = _("Social cooperatives")

    def ready(self):
        from muflon.accounts.models import COOPERATIVE_ROLES
        from muflon.cooperatives import models
        from muflon.cooperatives.access import members_of_advised_groups
        from muflon.core import audit
        from muflon.core.navigation import add_menu_item
        from muflon.people.visibility import add_visibility_rule

        for model in (models.FoundingGroup, models.FoundingMember):
            audit.track(model)
        add_menu_item(_("Founding groups"), "cooperatives:groups", roles=COOPERATIVE_ROLES, order=45)
        add_visibility_rule(members_of_advised_groups)
