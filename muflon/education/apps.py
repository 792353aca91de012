"""App configuration of the education area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "muflon.education"
    verbose_name = _("Educational path")

    def ready(self):
        from muflon.accounts.models import WORKSHOP_ROLES, Role
        from muflon.core import audit
        from muflon.core.navigation import add_menu_item
        from muflon.education import models, person_page
        from muflon.education.access import people_in_own_workshops
        from muflon.education.plans import PLAN_ITEM_WORKSHOP
        from muflon.people.person_page import add_section as add_person_section
        from muflon.people.plan_links import add_plan_item_link
        from muflon.people.visibility import add_visibility_rule

        for model in (
            models.WorkshopType,
            models.Edition,
            models.Meeting,
            models.Enrolment,
            models.Attendance,
            models.Certificate,
            models.Feedback,
            models.PlanItemWorkshop,
        ):
            audit.track(model)

        add_menu_item(_("Workshops"), "education:list", roles=WORKSHOP_ROLES, order=40)
        add_menu_item(_("My workshops"), "me_workshops:home", roles={Role.PARTICIPANT}, order=120)
        add_visibility_rule(people_in_own_workshops)
        add_plan_item_link(PLAN_ITEM_WORKSHOP)
        add_person_section("education/path_progress.html", person_page.staff_page_path, slot="after_personal_data")
        add_person_section("education/own_path_section.html", person_page.own_page_path, slot="own_after_path")
