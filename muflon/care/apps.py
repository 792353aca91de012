"""App configuration of the care area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "muflon.care"
    verbose_name = _("Barrier support")

    def ready(self):
        from django.core import checks

        from muflon.accounts.models import CARE_ROLES
        from muflon.care import models, personal_data
        from muflon.care.access import open_counselling_clients
        from muflon.care.checks import check_field_keys
        from muflon.care.person_page import barriers_on_person_page
        from muflon.core import audit
        from muflon.core.navigation import add_menu_item
        from muflon.people.data_export import add_section
        from muflon.people.person_page import add_section as add_person_section
        from muflon.people.visibility import add_visibility_rule

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

        add_menu_item(_("Barrier support"), "care:clients", roles=CARE_ROLES, order=50)
        add_section(personal_data.care_data, pdf_template="care/_me_data.pdf.html")
        checks.register(check_field_keys)
        add_visibility_rule(open_counselling_clients)
        add_person_section("care/person_section.html", barriers_on_person_page, slot="after_diagnosis")
