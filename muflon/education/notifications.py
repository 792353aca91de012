"""E-mails of the educational path, sent by the background worker."""

from django.utils import translation
from django.utils.translation import gettext as _

from muflon.core.tasks import send_email


def notify_enrolment(enrolment_id: int) -> None:
    """Tell the person (if they have an e-mail and agreed to e-mail contact) where they stand."""
    from muflon.education.models import Enrolment
    from muflon.people.models import Consent

    enrolment = Enrolment.objects.select_related("participant", "edition__workshop_type").get(pk=enrolment_id)
    person = enrolment.participant
    if not person.email or person.consent_for(Consent.Purpose.EMAIL) is None:
        return
    with translation.override("pl"):
        subject = _("Workshop: %(name)s") % {"name": enrolment.edition.workshop_type.name}
        body = {
            Enrolment.Status.ENROLLED: _("You have a place in the workshop %(edition)s."),
            Enrolment.Status.WAITING: _("The workshop %(edition)s is full: you are on the waiting list."),
            Enrolment.Status.WITHDRAWN: _("You are no longer enrolled in the workshop %(edition)s."),
        }[enrolment.status] % {"edition": enrolment.edition}
    send_email.enqueue([person.email], subject, body, partnership_id=enrolment.edition.partnership_id)
