"""App configuration of the education area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "muflon.education"
    verbose_name = _("Educational path")

    def ready(self):
        from muflon.core import audit
        from muflon.education import models

        for model in (
            models.WorkshopType,
            models.Edition,
            models.Meeting,
            models.Enrolment,
            models.Attendance,
            models.Certificate,
            models.Feedback,
        ):
            audit.track(model)
