"""`{% query_with page=2 %}`: the request's query string with some names set anew, so that a pager's links keep the
filters (`{% query_with %}` alone: the query as it came). Built from the QueryDict itself: a template lookup such as
`request.GET.items` would find a parameter named `items` before the method, and `?items=1` broke every pager."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    query = context["request"].GET.copy()
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()
