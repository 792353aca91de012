"""What the cooperatives area adds to a participant's staff page (`people.person_page`): the founding groups the
person is or was in, linked for those who may open them."""

from muflon.cooperatives.models import FoundingGroup, FoundingMember
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
