"""App configuration of the people area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "muflon.people"
    verbose_name = _("Participants")

    def ready(self):
        from muflon.accounts.models import MANAGERS, PARTICIPANT_READERS, Role
        from muflon.core import audit
        from muflon.core.dashboard import add_panel
        from muflon.core.navigation import add_menu_item
        from muflon.people import dashboard, models

        for model in (
            models.Participant,
            models.EligibilityGround,
            models.Referral,
            models.Consent,
            models.Assessment,
            models.BarrierScore,
            models.SupportPlan,
            models.PlanItem,
            models.StageTransition,
            models.FollowUp,
            models.CaseNote,
            models.Task,
        ):
            audit.track(model)
        # The keyed hash of the sign-up's network address only serves the limit per address.
        audit.track(models.Candidate, exclude=["address_hmac"])
        audit.track(models.RepeatedSignUp, exclude=["address_hmac"])

        add_menu_item(_("Participants"), "people:list", roles=PARTICIPANT_READERS, order=10)
        add_menu_item(_("Recruitment queue"), "people:queue", roles=MANAGERS, order=20)
        add_menu_item(_("Follow-ups"), "people:follow_ups", roles=MANAGERS, order=30)
        add_menu_item(_("My path"), "me:home", roles={Role.PARTICIPANT}, order=110)
        add_panel("people/_dashboard_tasks.html", dashboard.open_tasks, order=10)
        add_panel("people/_dashboard_figures.html", dashboard.figures, order=20)
