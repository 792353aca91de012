"""The cooperatives part of a participant's copy of their own data: the founding groups they joined and left."""

from muflon.cooperatives.models import FoundingMember


def cooperatives_data(participant) -> dict:
    """Plain types, in the shape of the rest of people.data_export (added there from CooperativesConfig.ready())."""
    members = FoundingMember.objects.filter(participant=participant).select_related("group").order_by("joined_on")
    return {
        "founding_groups": [
            {
                "name": member.group.name,
                "business_idea": member.group.business_idea,
                "joined_on": member.joined_on,
                "left_on": member.left_on,
            }
            for member in members
        ]
    }
