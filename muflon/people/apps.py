"""App configuration of the people area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "muflon.people"
    verbose_name = _("Participants")

    def ready(self):
        from muflon.core import audit
        from muflon.people import dashboard, models  # noqa: F401 - dashboard connects its deletion signal

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
