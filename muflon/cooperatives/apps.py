"""App configuration of the cooperatives area: founding groups and social cooperatives."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativesConfig(AppConfig):
    name = "muflon.cooperatives"
    verbose_name = _("Social cooperatives")

    def ready(self):
        from muflon.accounts.models import COOPERATIVE_ROLES
        from muflon.cooperatives import dashboard, models, person_page, personal_data
        from muflon.cooperatives.access import members_of_advised_groups
        from muflon.core import audit
        from muflon.core.dashboard import add_panel
        from muflon.core.navigation import add_menu_item
        from muflon.people.data_export import add_section
        from muflon.people.person_page import add_section as add_person_section
        from muflon.people.visibility import add_visibility_rule

        for model in (
            models.FoundingGroup,
            models.FoundingMember,
            models.Cooperative,
            models.CooperativeMember,
            models.Job,
            models.QuarterlyReport,
        ):
            audit.track(model)
        add_menu_item(_("Founding groups"), "cooperatives:groups", roles=COOPERATIVE_ROLES, order=45)
        add_menu_item(_("Social cooperatives"), "cooperatives:cooperatives", roles=COOPERATIVE_ROLES, order=46)
        add_visibility_rule(members_of_advised_groups)
        add_section(personal_data.cooperatives_data, pdf_template="cooperatives/_me_data.pdf.html")
        add_person_section(
            "cooperatives/person_section.html", person_page.groups_on_person_page, slot="after_diagnosis", order=50
        )
        add_person_section(
            "cooperatives/own_section.html", person_page.own_group_and_cooperative, slot="own_after_path", order=50
        )
        add_panel("cooperatives/_dashboard.html", dashboard.cooperatives_panel, order=40)
