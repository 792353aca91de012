"""What barrier support adds to a participant's staff page (`people.person_page`): the barriers chart, whose
numbers are in the diagnosis table there, and, for those who work in barrier support, the way to the person's
support."""

from muflon.care.access import manages_care
from muflon.care.charts import barriers_over_time
from muflon.people.access import FULL


def barriers_on_person_page(request, participant, context):
    if context["level"] != FULL:
        return None
    return {
        "participant": participant,
        "chart": barriers_over_time(context["assessments"]),
        "show_link": manages_care(request.user),
    }
