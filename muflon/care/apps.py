"""App configuration of the care area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "muflon.care"
    verbose_name = _("Barrier support")

    def ready(self):
        from muflon.care import models
        from muflon.core import audit

        for model in (
            models.CounsellingClient,
            models.CounsellingSession,
            models.CounsellingHandover,
            models.SelfHelpGroup,
            models.GroupMember,
            models.GroupMeeting,
            models.GroupAttendance,
            models.CareArrangement,
        ):
            audit.track(model)
        # Care needs are often health data about a third person: the log says only that they changed.
        audit.track(models.Dependant, masked=["care_needs"])
        # The note's ciphertext never goes into the log: that a note was written, changed or deleted is enough.
        audit.track(models.ConfidentialNote, exclude=["ciphertext"])
