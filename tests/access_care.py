"""The access matrix lines of barrier support (care); merged into tests/test_access_matrix.py."""

from muflon.accounts.models import Role
from tests.access_common import Expect, everyone

CARE = [Role.COORDINATOR, Role.COUNSELLOR]
MANAGERS = [Role.COORDINATOR]


def client_args(world):
    return [world["care_client"].pk]


def person_args(world):
    return [world["participant"].pk]


# url name -> Expect for GET; see tests/access_common.py. The world's counsellor is the client's counsellor and
# the facilitator of the group; another partnership's administrator and coordinator find nothing (404).
MATRIX = {
    "care:clients": Expect(allowed=CARE, outsider=200),
    "care:client": Expect(allowed=CARE, args=client_args, outsider=404),
    # Only the client's counsellor records sessions and notes; a coordinator is sent back with a message.
    "care:session_create": Expect(
        allowed=[Role.COUNSELLOR], args=client_args, outsider=404, overrides={r: 302 for r in MANAGERS}
    ),
    "care:note_create": Expect(
        allowed=[Role.COUNSELLOR], args=client_args, outsider=404, overrides={r: 302 for r in MANAGERS}
    ),
    # The coordinator or the client's counsellor hands over; the administrator does not.
    "care:handover": Expect(allowed=[Role.COORDINATOR, Role.COUNSELLOR], args=client_args, outsider=404),
    # A note: its counsellor reads it; everyone else logged in gets the 404 of a note that does not exist.
    "care:note": Expect(
        allowed=[Role.COUNSELLOR], args=lambda world: [world["care_note"].pk], denied=404, outsider=404
    ),
    "care:sessions": Expect(allowed=CARE, outsider=200),
    "care:session_export": Expect(allowed=MANAGERS, outsider=200),
    "care:groups": Expect(allowed=CARE, outsider=200),
    "care:group_create": Expect(allowed=MANAGERS, outsider=200),
    "care:group": Expect(allowed=CARE, args=lambda world: [world["care_group"].pk], outsider=404),
    "care:group_edit": Expect(allowed=MANAGERS, args=lambda world: [world["care_group"].pk], outsider=404),
    "care:group_attendance": Expect(
        allowed=CARE, args=lambda world: [world["care_group"].pk, world["care_group_meeting"].pk], outsider=404
    ),
    "care:arrangements": Expect(allowed=CARE, outsider=200),
    "care:gaps": Expect(allowed=MANAGERS, outsider=200),
    "care:person": Expect(allowed=CARE, args=person_args, outsider=404),
    "care:refer": Expect(allowed=MANAGERS, args=person_args, outsider=404),
    "care:dependant_create": Expect(allowed=CARE, args=person_args, outsider=404),
    "care:dependant_edit": Expect(allowed=CARE, args=lambda world: [world["care_dependant"].pk], outsider=404),
    "care:arrangement_create": Expect(allowed=CARE, args=lambda world: [world["care_dependant"].pk], outsider=404),
    "care:arrangement_edit": Expect(allowed=CARE, args=lambda world: [world["care_arrangement"].pk], outsider=404),
    # Actions: a GET is refused; who may POST is declared in POST_MATRIX.
    "care:end": everyone(405, args=client_args),
    "care:erase_notes": everyone(405, args=client_args),
    "care:group_meeting": everyone(405, args=lambda world: [world["care_group"].pk]),
    "care:member_leave": everyone(405, args=lambda world: [world["care_member"].pk]),
    "care:member_add": everyone(405, args=person_args),
}

# url name -> Expect for an empty POST: refused forms go back to the page with a message (302) or show their
# errors (200); nothing is saved.
POST_MATRIX = {
    "care:end": Expect(allowed=CARE, status=302, outsider=404),
    # The consent stands, so the notes stay: the coordinator is told so.
    "care:erase_notes": Expect(allowed=MANAGERS, status=200, outsider=404),  # asks to confirm first
    "care:group_meeting": Expect(allowed=CARE, outsider=404),
    # Nobody ticked is an answer ("all absent"): saved for the meeting held, back to the group.
    "care:group_attendance": Expect(allowed=CARE, status=302, outsider=404),
    "care:member_leave": Expect(allowed=CARE, status=302, outsider=404),
    "care:member_add": Expect(allowed=CARE, status=302, outsider=404),
}


def extend_world(world):
    """A counselling client (the world's participant, with consent to health data) of the cast's counsellor,
    with a session and a note; a group the counsellor facilitates; a dependant with care arranged."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from muflon.care import services
    from muflon.care.models import CareArrangement, Dependant, SelfHelpGroup
    from muflon.people.services import give_consent
    from tests.factories import at_nine

    cast, participant = world["cast"], world["participant"]
    coordinator, counsellor = cast[Role.COORDINATOR], cast[Role.COUNSELLOR]
    today = timezone.localdate()
    give_consent(participant, "health_data", on=participant.joined_on, method="paper", by=coordinator)
    client = services.refer_to_counselling(
        participant, counsellor=counsellor, kind="psychological", referred_on=participant.joined_on, by=coordinator
    )
    session = services.record_session(
        client, held_on=today, minutes=50, form="individual", summary="Sesja odbyta", by=counsellor
    )
    note = services.write_note(client, "Notatka testowa", session=session, by=counsellor)
    group = SelfHelpGroup.objects.create(
        partnership=participant.partnership,
        topic="Grupa wsparcia",
        facilitator=counsellor,
        place="Świetlica",
        schedule="wtorki 17:00",
        status="facilitated",
        started_on=today - datetime.timedelta(days=7),
    )
    member = services.add_member(group, participant, on=group.started_on, by=coordinator)
    # A meeting held yesterday, whose attendance page offers the form (a meeting still ahead offers none).
    starts = at_nine(-1)
    meeting = services.add_group_meeting(
        group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), by=coordinator
    )
    dependant = Dependant.objects.create(participant=participant, kind="child_under_7", name="Zosia")
    arrangement = services.save_arrangement(
        CareArrangement(
            dependant=dependant,
            provider="kindergarten",
            starts_on=today,
            hours_per_week=Decimal("20"),
            monthly_cost=Decimal("300"),
            paid_by="project",
        ),
        by=coordinator,
    )
    world.update(
        care_client=client,
        care_session=session,
        care_note=note,
        care_group=group,
        care_group_meeting=meeting,
        care_member=member,
        care_dependant=dependant,
        care_arrangement=arrangement,
    )
