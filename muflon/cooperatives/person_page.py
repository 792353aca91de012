"""What the cooperatives area adds to a participant's pages (`people.person_page`): on the staff page the founding
groups the person is or was in, linked for those who may open them; on their own home page their group, what it
still needs, their cooperative and their job."""

from muflon.cooperatives.models import CooperativeMember, FoundingGroup, FoundingMember, Job
from muflon.cooperatives.services import composition
from muflon.people.access import FULL
from muflon.people.path import Stage


def groups_on_person_page(request, participant, context):
    if context["level"] != FULL:
        return None
    # The page has read the person's path already: someone never in a founding group costs no query.
    if all(move.to_stage != Stage.FOUNDING_GROUP for move in participant.transitions.all()):
        return None
    members = list(FoundingMember.objects.filter(participant=participant).select_related("group").order_by("joined_on"))
    if not members:
        return None
    openable = set(
        FoundingGroup.objects.visible_to(request.user)
        .filter(pk__in=[member.group_id for member in members])
        .values_list("pk", flat=True)
    )
    return {"founding_members": members, "openable": openable}


def own_group_and_cooperative(request, participant, context):
    """On the participant's own home page (/me/): the group they are in and the cooperative they belong to, with
    what the group still needs, in plain words."""
    member = (
        FoundingMember.objects.filter(participant=participant, left_on__isnull=True).select_related("group").first()
    )
    membership = (
        CooperativeMember.objects.filter(participant=participant, left_on__isnull=True)
        .select_related("cooperative")
        .first()
    )
    if member is None and membership is None:
        return None
    return {
        "own_group": member.group if member else None,
        "own_findings": composition(member.group) if member else [],
        "own_cooperative": membership.cooperative if membership else None,
        "own_jobs": list(
            Job.objects.filter(participant=participant, ends_on__isnull=True).select_related("cooperative")
        ),
    }
