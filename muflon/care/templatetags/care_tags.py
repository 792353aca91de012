"""Template tags of barrier support: the area's tabs and the barriers chart."""

from django import template

from muflon.care.access import manages_care

register = template.Library()


@register.inclusion_tag("care/tabs.html", takes_context=True)
def care_tabs(context):
    request = context["request"]
    return {"request": request, "manages_care": manages_care(request.user)}


@register.inclusion_tag("care/barrier_chart.html")
def barrier_chart(chart, table_id=""):
    """The chart of `charts.barriers_over_time`; `table_id` names the table that holds its numbers."""
    return {"chart": chart, "table_id": table_id}
