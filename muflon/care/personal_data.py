"""The care part of a participant's copy of their own data: sessions (never the confidential notes), self-help
groups, dependants and their care arrangements."""

from muflon.care.models import CareArrangement, CounsellingSession, Dependant, GroupMember
from muflon.people.data_export import choice, staff_name


def care_data(participant) -> dict:
    """Plain types, in the shape of the rest of people.data_export (added there from CareConfig.ready()).

    The counsellor's confidential notes are left out: they are the counsellor's working notes, kept encrypted
    and readable by the counsellor only."""
    sessions = CounsellingSession.objects.filter(client__participant=participant).select_related("counsellor")
    members = GroupMember.objects.filter(participant=participant).select_related("group")
    dependants = Dependant.objects.filter(participant=participant).prefetch_related("arrangements")
    return {
        "counselling_sessions": [
            {
                "held_on": session.held_on,
                "minutes": session.minutes,
                "form": choice(session, "form"),
                "counsellor": staff_name(session.counsellor),
            }
            for session in sessions.order_by("held_on", "id")
        ],
        "self_help_groups": [
            {"topic": member.group.topic, "joined_on": member.joined_on, "left_on": member.left_on}
            for member in members
        ],
        "dependants": [
            {
                "kind": choice(dependant, "kind"),
                "care_needs": dependant.care_needs,
                "care_arrangements": [arrangement_data(a, choice) for a in dependant.arrangements.all()],
            }
            for dependant in dependants
        ],
    }


def arrangement_data(arrangement: CareArrangement, choice) -> dict:
    return {
        "provider": choice(arrangement, "provider"),
        "provider_name": arrangement.provider_name,
        "from": arrangement.starts_on,
        "until": arrangement.ends_on,
        "hours_per_week": arrangement.hours_per_week,
        "monthly_cost_pln": arrangement.monthly_cost,
        "paid_by": choice(arrangement, "paid_by"),
    }
