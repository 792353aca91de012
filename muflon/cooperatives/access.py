"""Who sees founding groups, cooperatives and the people in them, and one access helper per model
(`<model>_for(request, pk)`)."""

from django.db.models import Q

from muflon.accounts.models import Role
from muflon.core.access import get_visible_or_404


def members_of_advised_groups(user, roles) -> Q | None:
    """An advisor sees the people in the groups they advise (added to Participant.objects.visible_to from
    CooperativesConfig.ready()), whoever their case worker is."""
    if Role.ADVISOR in roles:
        return Q(founding_memberships__group__advisor=user, founding_memberships__left_on__isnull=True)
    return None


def group_for(request, pk):
    from muflon.cooperatives.models import FoundingGroup

    return get_visible_or_404(FoundingGroup.objects.select_related("gmina", "advisor"), request.user, pk=pk)


def member_for(request, pk):
    """A member of a group the user sees."""
    from muflon.cooperatives.models import FoundingMember

    members = FoundingMember.objects.select_related("group", "participant", "organisation")
    return get_visible_or_404(members, request.user, pk=pk)


def cooperative_for(request, pk):
    from muflon.cooperatives.models import Cooperative

    return get_visible_or_404(Cooperative.objects.select_related("gmina", "group"), request.user, pk=pk)


def job_for(request, pk):
    """A job in a cooperative the user sees."""
    from muflon.cooperatives.models import Job

    return get_visible_or_404(Job.objects.select_related("participant", "cooperative"), request.user, pk=pk)


def cooperative_member_for(request, pk):
    """A member of a cooperative the user sees."""
    from muflon.cooperatives.models import CooperativeMember

    members = CooperativeMember.objects.select_related("cooperative", "participant", "organisation")
    return get_visible_or_404(members, request.user, pk=pk)
