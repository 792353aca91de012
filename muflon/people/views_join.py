"""The public sign-up at /join/: the form and the thank-you page; the rules are in people.signup."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe

from muflon.core.addresses import client_address
from muflon.partnership.sites import partnership_for
from muflon.people.forms_join import JoinForm
from muflon.people.signup import TooManySignUps, sign_up


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def join(request):
    partnership = partnership_for(request)
    form = JoinForm(request.POST or None, partnership=partnership)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            sign_up(
                form.save(commit=False),
                situation=form.situation_text(),
                consent_text=str(form.fields["consent"].label),
                partnership=partnership,
                address=client_address(request),
            )
        except TooManySignUps:
            form.add_error(
                None,
                _("Too many sign-ups came from your network in the last hour. Please try again later or call us."),
            )
            status = 429
        else:
            return redirect("join:thanks")
    if form.is_bound:
        form.refresh_for_display()
    return render(request, "people/join_form.html", {"form": form, "partnership": partnership}, status=status)


@cache_control(private=True, max_age=600)
@require_safe
def thanks(request):
    return render(request, "people/join_thanks.html", {"partnership": partnership_for(request)})
