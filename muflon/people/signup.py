"""Signing up on the public site: into the partnership's recruitment queue, with the consent given, a limit per
network address, one queue entry for a sign-up repeated within a day, and a confirmation e-mail."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muflon.core.addresses import address_hmac
from muflon.core.tasks import send_email
from muflon.partnership.models import Partnership
from muflon.people.identity import email_key, name_key, phone_key
from muflon.people.models import Candidate, RepeatedSignUp

SIGN_UP_WINDOW = datetime.timedelta(hours=1)
# A sign-up this soon after a waiting one of the same person joins it; a later one is a new entry, so that a
# person who comes back days later is seen anew.
REPEAT_WINDOW = datetime.timedelta(days=1)


class TooManySignUps(Exception):
    """More sign-ups came from one network address in the last hour than the settings allow."""


@transaction.atomic
def sign_up(candidate: Candidate, *, situation: str, consent_text: str, partnership, address: str) -> Candidate:
    """Put the person in the partnership's recruitment queue with the consent they gave (`consent_text`, as shown
    to them), and confirm by e-mail.

    The same person signing up again within a day (`waiting_entry_of`) makes no second entry: the repeat is noted
    on the waiting one, which keeps the data first given and is returned. The visitor is answered as for a first
    sign-up, so that nobody learns from it whether that person had signed up already; the e-mail goes only to an
    address that has not had this entry's confirmation yet."""
    now = timezone.now()
    # One sign-up of a partnership at a time, so that two identical ones sent at the same moment still find each
    # other and the limit per address holds. PostgreSQL locks the partnership's row (NO KEY UPDATE: rows that
    # refer to it may still be written meanwhile); SQLite's IMMEDIATE transactions hold the write lock already.
    Partnership.objects.select_for_update(no_key=True).only("pk").get(pk=partnership.pk)
    address_key = address_hmac(address, purpose="join")
    since = now - SIGN_UP_WINDOW
    recent = (
        Candidate.objects.filter(address_hmac=address_key, signed_up_at__gt=since).count()
        + RepeatedSignUp.objects.filter(address_hmac=address_key, signed_up_at__gt=since).count()
    )
    if recent >= settings.MUFLON_JOIN_SIGNUPS_PER_ADDRESS:
        raise TooManySignUps
    candidate.partnership = partnership
    waiting = waiting_entry_of(candidate, since=now - REPEAT_WINDOW)
    if waiting is not None:
        RepeatedSignUp.objects.create(candidate=waiting, signed_up_at=now, address_hmac=address_key)
        if candidate.email and email_key(candidate.email) != email_key(waiting.email):
            confirm_by_email(candidate)
        return waiting
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


def waiting_entry_of(candidate: Candidate, *, since: datetime.datetime) -> Candidate | None:
    """The partnership's waiting public sign-up, made since `since`, of the same person as `candidate`: the same
    name without regard to case or Polish letters, and the same e-mail address or phone number."""
    name = name_key(candidate.last_name, candidate.first_name)
    email, phone = email_key(candidate.email), phone_key(candidate.phone)
    entries = Candidate.objects.filter(
        partnership=candidate.partnership,
        status=Candidate.Status.NEW,
        source=Candidate.Source.PUBLIC_SITE,
        signed_up_at__gte=since,
    )
    # A day's sign-ups of one partnership are few; names and numbers are compared as normalised here.
    for entry in entries:
        if name_key(entry.last_name, entry.first_name) != name:
            continue
        if (email and email_key(entry.email) == email) or (phone and phone_key(entry.phone) == phone):
            return entry
    return None


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
