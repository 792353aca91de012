"""Which partnership's public site a request is for: its own host name, or the installation's default."""

from functools import cache

from django.db import connection
from django.http import Http404
from django.http.request import split_domain_port

from muflon.partnership.models import Partnership

# Areas that need one value per site on every public request (the portal's cache token) have it fetched in the
# same query: (attribute name on the partnership, model with a `partnership` one-to-one, column), added from
# their AppConfig.ready().
_site_columns: list[tuple[str, type, str]] = []


def add_site_column(attribute: str, model, column: str) -> None:
    if all(known != attribute for known, *_ in _site_columns):
        _site_columns.append((attribute, model, column))
        site_query.cache_clear()


@cache
def site_query() -> str:
    """The partnership of a host, else the default one, in one cheap query (built by hand: on every public
    request the ORM's query compilation cost more than the query itself)."""
    quote = connection.ops.quote_name
    columns = joins = ""
    for number, (attribute, model, column) in enumerate(_site_columns):
        columns += f", j{number}.{quote(column)} AS {quote(attribute)}"
        joins += f" LEFT JOIN {quote(model._meta.db_table)} j{number} ON j{number}.partnership_id = p.id"
    return (
        f"SELECT p.*{columns}, CASE WHEN p.host = %s THEN 1 ELSE 0 END AS is_host "  # noqa: S608 - names from models
        f"FROM {quote(Partnership._meta.db_table)} p{joins} "
        "WHERE p.host = %s OR p.is_default = %s ORDER BY is_host DESC, p.id LIMIT 1"
    )


def partnership_for(request) -> Partnership:
    """The partnership whose host is the request's host; otherwise the default one; 404 when there is none.
    Remembered on the request."""
    if hasattr(request, "_site_partnership"):
        return request._site_partnership
    host, _port = split_domain_port(request.get_host())
    found = list(Partnership.objects.raw(site_query(), [host, host, True]))
    if not found:
        raise Http404("No public site is configured.")
    request._site_partnership = found[0]
    return found[0]
