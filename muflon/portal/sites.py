"""Which partnership's public site a request is for: its own host name, or the installation's default."""

from django.http import Http404

from muflon.partnership.models import Partnership


def partnership_for(request) -> Partnership:
    """The partnership whose host is the request's host; otherwise the default one; 404 when there is none."""
    host = request.get_host().rsplit(":", 1)[0].lower()
    partnership = Partnership.objects.filter(host=host).first() or Partnership.objects.filter(is_default=True).first()
    if partnership is None:
        raise Http404("No public site is configured.")
    return partnership
