"""Who may do what in barrier support: the two questions every scope asks and one access helper per model.

Counsellors work with their own clients, coordinators see all of the partnership's barrier support (never a
note), nobody else: administrators manage accounts and roles, not cases of health data."""

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from muflon.accounts.models import CARE_MANAGERS, Role
from muflon.core import audit
from muflon.core.access import get_visible_or_404

if TYPE_CHECKING:
    from muflon.care.models import (
        CareArrangement,
        ConfidentialNote,
        CounsellingClient,
        Dependant,
        GroupMember,
        SelfHelpGroup,
    )
    from muflon.people.models import Participant


def manages_care(user) -> bool:
    """Coordinators see all barrier support of their partnership, never the notes."""
    return user.is_authenticated and user.has_role(*CARE_MANAGERS)


def is_counsellor(user) -> bool:
    return user.is_authenticated and user.has_role(Role.COUNSELLOR)


def open_counselling_clients(user, roles) -> Q | None:
    """Counsellors see their open counselling clients among participants, basic data only
    (people.access.detail_level); added to Participant.objects.visible_to from CareConfig.ready()."""
    if Role.COUNSELLOR in roles:
        return Q(counselling__counsellor=user, counselling__ended_on__isnull=True)
    return None


# One access helper per model for the views: the row if the user may see it (the querysets' `visible_to`), 404
# for another partnership's or a hidden row. care.models asks this module who manages care, so the helpers
# import the models when they run.


def client_for(request, pk) -> "CounsellingClient":
    from muflon.care.models import CounsellingClient

    clients = CounsellingClient.objects.select_related("participant", "counsellor")
    return get_visible_or_404(clients, request.user, pk=pk)


def note_for(request, pk) -> "ConfidentialNote":
    """A note for its reader only. Anyone else logged in, whatever the role, gets the same 404 as for a note
    that does not exist, and the refusal is logged."""
    from muflon.care.models import ConfidentialNote

    try:
        notes = ConfidentialNote.objects.visible_to(request.user).select_related("client__participant", "author")
        return notes.get(pk=pk)
    except (ConfidentialNote.DoesNotExist, ValueError):
        existing = ConfidentialNote.objects.filter(pk=pk).select_related("client").first()
        audit.record_denied(existing, actor=request.user, what=f"confidential note {pk}")
        raise Http404 from None


def group_for(request, pk) -> "SelfHelpGroup":
    from muflon.care.models import SelfHelpGroup

    return get_visible_or_404(SelfHelpGroup.objects.select_related("facilitator"), request.user, pk=pk)


def member_for(request, pk) -> "GroupMember":
    """A membership in a group the user sees."""
    from muflon.care.models import GroupMember, SelfHelpGroup

    visible_groups = SelfHelpGroup.objects.visible_to(request.user)
    member = GroupMember.objects.filter(pk=pk, group__in=visible_groups).select_related("group", "participant").first()
    if member is None:
        raise Http404
    return member


def dependant_for(request, pk) -> "Dependant":
    from muflon.care.models import Dependant

    return get_visible_or_404(Dependant.objects.select_related("participant"), request.user, pk=pk)


def arrangement_for(request, pk) -> "CareArrangement":
    from muflon.care.models import CareArrangement

    arrangements = CareArrangement.objects.select_related("dependant__participant")
    return get_visible_or_404(arrangements, request.user, pk=pk)


def person_for(request, pk) -> "Participant":
    """A participant as barrier support sees them, for the care pages of a person: coordinators any participant of
    the partnership; a counsellor an open client only (a rule of its own, not people's `participant_for`)."""
    from muflon.care.models import CounsellingClient
    from muflon.people.models import Participant

    user = request.user
    people = Participant.objects.in_partnership_of(user)
    if not manages_care(user):
        clients = CounsellingClient.objects.visible_to(user).filter(ended_on__isnull=True)
        people = people.filter(pk__in=clients.values("participant"))
    participant = people.filter(pk=pk).first()
    if participant is None:
        raise Http404
    return participant
