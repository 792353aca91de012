"""Where a form goes after its action: back to the page it was sent from (`next`), but only to a path of this site."""

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_to_next(request, default, *args, **kwargs):
    """The path in POST `next` when it is one of this site's; else `default` (a URL name or an object). Any other
    value (another site's address, a word that is no path) is ignored rather than followed or looked up as a name."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(default, *args, **kwargs)
