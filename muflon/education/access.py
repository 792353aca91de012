"""Who reaches which rows of the educational path: one access helper per model for the views.

Each returns the row if the user may see it, and 404 for another partnership's or a hidden row (the
querysets' `visible_to` says who sees what); `within` narrows the lookup further, with the same 404."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from muflon.accounts.models import Role
from muflon.core.access import get_visible_or_404
from muflon.education.certificates import visible_certificates, with_related
from muflon.education.models import Certificate, Edition, Enrolment, WorkshopType


def workshop_type_for(request, pk) -> WorkshopType:
    return get_visible_or_404(WorkshopType.objects, request.user, pk=pk)


def edition_for(request, pk) -> Edition:
    """The edition if the user may see it; another partnership's or another trainer's edition is not found."""
    return get_visible_or_404(
        Edition.objects.select_related("workshop_type", "gmina", "organisation"), request.user, pk=pk
    )


def planned_edition_for(request, pk) -> Edition:
    """The edition if the user may plan it: seen but planned by others is refused (403), unseen not found."""
    edition = edition_for(request, pk)
    if not edition.is_planned_by(request.user):
        raise PermissionDenied
    return edition


def enrolment_for(request, pk, **within) -> Enrolment:
    """An enrolment the user may see, e.g. `within` an edition or of a participant."""
    enrolments = Enrolment.objects.select_related("participant", "edition__workshop_type")
    return get_visible_or_404(enrolments, request.user, pk=pk, **within)


def certificate_for(request, pk, **within) -> Certificate:
    """A certificate of an enrolment the user may see, with what its PDF shows."""
    return get_object_or_404(with_related(visible_certificates(request.user)), pk=pk, **within)


def people_in_own_workshops(user, roles) -> Q | None:
    """Trainers see the people with a place in the editions they run, or that their training firm organises:
    name and contact only (people.access.detail_level); added to Participant.objects.visible_to from
    EducationConfig.ready()."""
    if Role.TRAINER not in roles:
        return None
    allowed = Q(enrolments__edition__trainers=user, enrolments__status="enrolled")
    if user.training_firm_id:
        allowed |= Q(enrolments__edition__organisation_id=user.training_firm_id, enrolments__status="enrolled")
    return allowed
