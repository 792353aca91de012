"""Which partnership's public site a request is for: its own host name, or the installation's default."""

from django.db import connection
from django.http import Http404
from django.http.request import split_domain_port

from muflon.partnership.models import Partnership


def site_query() -> str:
    """The partnership of a host, else the default one, with its public site's cache token, in one cheap query
    (built by hand: on every public request the ORM's query compilation cost more than the query itself)."""
    from muflon.portal.models import PublicSite

    quote = connection.ops.quote_name
    return (
        "SELECT p.*, s.cache_token AS portal_cache_token, "  # noqa: S608 - table names from the models, values bound
        "CASE WHEN p.host = %s THEN 1 ELSE 0 END AS portal_is_host "
        f"FROM {quote(Partnership._meta.db_table)} p "
        f"LEFT JOIN {quote(PublicSite._meta.db_table)} s ON s.partnership_id = p.id "
        "WHERE p.host = %s OR p.is_default = %s ORDER BY portal_is_host DESC, p.id LIMIT 1"
    )


def partnership_for(request) -> Partnership:
    """The partnership whose host is the request's host; otherwise the default one; 404 when there is none.

    Remembered on the request; the partnership carries its public site's cache token (`portal_cache_token`, None
    before the site was first visited)."""
    if hasattr(request, "_portal_partnership"):
        return request._portal_partnership
    host, _port = split_domain_port(request.get_host())
    found = list(Partnership.objects.raw(site_query(), [host, host, True]))
    if not found:
        raise Http404("No public site is configured.")
    request._portal_partnership = found[0]
    return found[0]
