"""The access matrix lines of the cooperatives area; merged into tests/test_access_matrix.py."""

from muflon.accounts.models import Role
from tests.access_common import Expect, everyone

# Managers see every founding group; the world's group is advised by the cast's advisor, who sees it too.
COOPERATIVE = [Role.ADMIN, Role.COORDINATOR, Role.ADVISOR]


def group_args(world):
    return [world["founding_group"].pk]


MATRIX = {
    "cooperatives:groups": Expect(allowed=COOPERATIVE, outsider=200),
    "cooperatives:group_create": Expect(allowed=COOPERATIVE, outsider=200),
    "cooperatives:group": Expect(allowed=COOPERATIVE, args=group_args, outsider=404),
    "cooperatives:group_edit": Expect(allowed=COOPERATIVE, args=group_args, outsider=404),
    "cooperatives:join_people": Expect(allowed=COOPERATIVE, args=group_args, outsider=404),
    "cooperatives:leave": Expect(allowed=COOPERATIVE, args=lambda world: [world["founding_member"].pk], outsider=404),
    "cooperatives:cooperatives": Expect(allowed=COOPERATIVE, outsider=200),
    # The world's cooperative came from no group of the partnership, so no advisor advises it.
    "cooperatives:cooperative": Expect(
        allowed=COOPERATIVE,
        args=lambda world: [world["cooperative"].pk],
        outsider=404,
        overrides={Role.ADVISOR: 404},
    ),
    "cooperatives:cooperative_people": Expect(
        allowed=COOPERATIVE, args=lambda world: [world["cooperative"].pk], outsider=404, overrides={Role.ADVISOR: 404}
    ),
    "cooperatives:job_end": Expect(
        allowed=COOPERATIVE, args=lambda world: [world["job"].pk], outsider=404, overrides={Role.ADVISOR: 404}
    ),
    # Actions: a GET is refused; who may POST is declared in POST_MATRIX.
    "cooperatives:job_add": everyone(405, args=lambda world: [world["cooperative"].pk]),
    "cooperatives:status": everyone(405, args=lambda world: [world["cooperative"].pk]),
    "cooperatives:member_add": everyone(405, args=lambda world: [world["cooperative"].pk]),
    "cooperatives:report_add": everyone(405, args=lambda world: [world["cooperative"].pk]),
    "cooperatives:legal_member_add": everyone(405, args=lambda world: [world["cooperative"].pk]),
    "cooperatives:member_leave": Expect(
        allowed=COOPERATIVE,
        args=lambda world: [world["cooperative_member"].pk],
        outsider=404,
        overrides={Role.ADVISOR: 404},
    ),
    "cooperatives:register": everyone(405, args=group_args),
    "cooperatives:join": everyone(405, args=group_args),
    "cooperatives:legal_person_join": everyone(405, args=group_args),
}

# url name -> Expect for an empty POST: the form comes back with its errors (200), nothing saved.
POST_MATRIX = {
    "cooperatives:group_create": Expect(allowed=COOPERATIVE, outsider=200),
    "cooperatives:group_edit": Expect(allowed=COOPERATIVE, outsider=404),
    "cooperatives:join": Expect(allowed=COOPERATIVE, outsider=404),
    "cooperatives:register": Expect(allowed=COOPERATIVE, outsider=404),
    "cooperatives:job_add": Expect(allowed=COOPERATIVE, outsider=404, overrides={Role.ADVISOR: 404}),
    "cooperatives:status": Expect(allowed=COOPERATIVE, outsider=404, overrides={Role.ADVISOR: 404}),
    "cooperatives:member_add": Expect(allowed=COOPERATIVE, outsider=404, overrides={Role.ADVISOR: 404}),
    "cooperatives:report_add": Expect(allowed=COOPERATIVE, outsider=404, overrides={Role.ADVISOR: 404}),
    "cooperatives:legal_member_add": Expect(allowed=COOPERATIVE, outsider=404, overrides={Role.ADVISOR: 404}),
    "cooperatives:member_leave": Expect(allowed=COOPERATIVE, outsider=404, overrides={Role.ADVISOR: 404}),
    # An empty form: the next stage is not asked for (the person is not employed in a cooperative): 200 with errors.
    "cooperatives:job_end": Expect(allowed=COOPERATIVE, outsider=404, overrides={Role.ADVISOR: 404}),
    "cooperatives:legal_person_join": Expect(allowed=COOPERATIVE, outsider=404),
    "cooperatives:leave": Expect(allowed=COOPERATIVE, outsider=404),
}


def extend_world(world):
    """A founding group advised by the cast's advisor, with the labour office as a member (no participant joins,
    so that nobody's stage changes for the other areas' lines), and a cooperative registered before Muflon."""
    import datetime

    from django.utils import timezone

    from muflon.cooperatives import services
    from muflon.cooperatives.models import Cooperative, CooperativeMember, Job

    cast = world["cast"]
    coordinator = cast[Role.COORDINATOR]
    group = services.form_group(
        coordinator.partnership,
        by=coordinator,
        name="Grupa inicjatywna",
        business_idea="Catering",
        pkd_section="I",
        gmina=world["participant"].gmina,
        advisor=cast[Role.ADVISOR],
        formed_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    member = services.add_legal_person(group, world["labour_office"], on=group.formed_on, by=coordinator)
    cooperative = Cooperative.objects.create(
        partnership=coordinator.partnership,
        name="Dawna spółdzielnia socjalna",
        krs="0000999999",
        gmina=group.gmina,
        pkd_section="N",
        registered_on=datetime.date(2015, 5, 5),
        status_since=datetime.date(2015, 5, 5),
    )
    job = Job.objects.create(
        cooperative=cooperative,
        participant=world["participant"],
        contract=Job.Contract.EMPLOYMENT,
        working_time=1,
        starts_on=datetime.date(2016, 1, 4),
    )
    cooperative_member = CooperativeMember.objects.create(
        cooperative=cooperative, organisation=world["labour_office"], joined_on=cooperative.registered_on
    )
    world.update(
        founding_group=group,
        founding_member=member,
        cooperative=cooperative,
        job=job,
        cooperative_member=cooperative_member,
    )
