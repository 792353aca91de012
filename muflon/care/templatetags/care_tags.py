"""Template tags of barrier support: the area's tabs, the barriers chart, and the section on a person's page."""

from django import template

from muflon.care.access import manages_care
from muflon.care.charts import barriers_over_time

register = template.Library()


@register.inclusion_tag("care/tabs.html", takes_context=True)
def care_tabs(context):
    request = context["request"]
    return {"request": request, "manages_care": manages_care(request.user)}


@register.inclusion_tag("care/barrier_chart.html")
def barrier_chart(chart, table_id=""):
    """The chart of `charts.barriers_over_time`; `table_id` names the table that holds its numbers."""
    return {"chart": chart, "table_id": table_id}


@register.inclusion_tag("care/person_section.html", takes_context=True)
def care_on_person_page(context, participant, assessments):
    """For the participant's page: the barriers chart (its numbers are in the diagnosis table there) and,
    for those who work in barrier support, the way to the person's support."""
    user = context["request"].user
    return {
        "participant": participant,
        "chart": barriers_over_time(assessments),
        "show_link": manages_care(user),
    }
