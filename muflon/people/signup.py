"""Signing up on the public site: into the partnership's recruitment queue, with the consent given, a limit per
network address and a confirmation e-mail."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muflon.core.addresses import address_hmac
from muflon.core.tasks import send_email
from muflon.people.models import Candidate

SIGN_UP_WINDOW = datetime.timedelta(hours=1)


class TooManySignUps(Exception):
    """More sign-ups came from one network address in the last hour than the settings allow."""


@transaction.atomic
def sign_up(candidate: Candidate, *, situation: str, consent_text: str, partnership, address: str) -> Candidate:
    """Put the person in the partnership's recruitment queue with the consent they gave (`consent_text`, as shown
    to them), and confirm by e-mail."""
    now = timezone.now()
    address_key = address_hmac(address, purpose="join")
    recent = Candidate.objects.filter(address_hmac=address_key, signed_up_at__gt=now - SIGN_UP_WINDOW).count()
    if recent >= settings.MUFLON_JOIN_SIGNUPS_PER_ADDRESS:
        raise TooManySignUps
    candidate.partnership = partnership
    candidate.situation = situation
    candidate.source = Candidate.Source.PUBLIC_SITE
    candidate.signed_up_at = now
    candidate.consent_given_at = now
    candidate.consent_text = consent_text
    candidate.address_hmac = address_key
    candidate.save()
    if candidate.email:
        confirm_by_email(candidate)
    return candidate


def confirm_by_email(candidate: Candidate) -> None:
    """A plain confirmation in Polish, queued for the worker; it repeats no data beyond the first name."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your sign-up: %(partnership)s") % {"partnership": candidate.partnership.name}
        body = _(
            "Hello %(name)s,\n\n"
            "thank you for signing up. We have received your request for support in founding or joining a "
            "social cooperative. A coordinator of %(partnership)s will contact you within a few working days.\n\n"
            "If it was not you who signed up, reply to this message and we will delete the data."
        ) % {"name": candidate.first_name, "partnership": candidate.partnership.name}
    send_email.enqueue([candidate.email], subject, body, partnership_id=candidate.partnership_id)
