"""Certificates and calendars outside the back office: public verification, secret calendar links, staff PDFs."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from muflon.accounts.access import role_required
from muflon.accounts.models import WORKSHOP_ROLES, Role
from muflon.core.next_page import redirect_to_next
from muflon.education import calendar, certificates
from muflon.education.access import certificate_for
from muflon.education.models import Certificate
from muflon.education.views_me import certificate_response
from muflon.partnership.sites import partnership_for


@require_safe
def verify(request, code):
    """Anyone with the code learns that the certificate exists: initials, workshop, date and number, no more."""
    # Looked up on the partnership of the site it is asked on: another partnership's host knows no such code.
    on_site = Certificate.objects.filter(enrolment__edition__partnership=partnership_for(request))
    certificate = certificates.with_related(on_site).filter(code=code).first()
    if certificate is None:
        response = render(request, "education/certificate_unknown.html", status=404)
        patch_cache_control(response, private=True, no_cache=True)
    else:
        person = certificate.enrolment.participant
        context = {
            "initials": certificates.initials(person.first_name, person.last_name),
            "workshop": certificate.enrolment.edition.workshop_type.name,
            "issued_on": certificate.issued_on,
            "number": certificate.number,
        }
        response = render(request, "education/certificate_verify.html", context)
        # A certificate does not change, but the page header may carry the visitor's own login: browsers only.
        patch_cache_control(response, private=True, max_age=3600)
    # The code is the only key: search engines must not collect it.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@role_required(*WORKSHOP_ROLES)
def certificate_pdf(request, pk):
    """Coordinators and administrators of the partnership, and trainers of the edition; others 403 or 404."""
    certificate = certificate_for(request, pk)
    return certificate_response(request, certificate)


@require_safe
def calendar_feed(request, token):
    """The personal feed behind the secret link (no login, since calendar apps cannot log in)."""
    owner = calendar.feed_owner(token)
    if owner is None:
        raise Http404
    response = HttpResponse(calendar.ics_for(owner).encode(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="muflon.ics"'
    # Private: the link is a secret, so no shared cache may keep the feed.
    patch_cache_control(response, private=True, max_age=900)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_POST
@role_required(Role.PARTICIPANT, Role.TRAINER)
def calendar_reset(request):
    """A new secret link; the old one stops working at once."""
    calendar.reset_token(calendar.feed_for(request.user))
    messages.success(
        request,
        _("Your calendar has a new address and the old one no longer works. Put the new address into your calendar."),
    )
    home = "me_workshops:home" if request.user.has_role(Role.PARTICIPANT) else "shell:dashboard"
    return redirect_to_next(request, home)
