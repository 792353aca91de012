"""The cooperatives area's part of the demo: cooperatives for the demo people already members or employed there,
and founding groups for those at the stage "in a founding group", one with a legal person, one short of founders."""

import datetime
from decimal import Decimal

from django.utils import timezone

from muflon.accounts.models import Organisation, User
from muflon.cooperatives import services
from muflon.cooperatives.models import Cooperative, CooperativeMember, FoundingGroup, FoundingMember, Job
from muflon.partnership.demo import pilot_partnership
from muflon.people.models import Participant
from muflon.people.path import Stage

GROUPS = [
    ("Smaki Doliny", "Catering dla szkół i przedszkoli z lokalnych produktów.", "I", "56.29"),
    ("Czysty Dom", "Sprzątanie klatek schodowych i biur dla wspólnot mieszkaniowych.", "N", "81.21"),
    ("Zielone Ręce", "Pielęgnacja zieleni miejskiej i ogrodów przydomowych.", "N", "81.30"),
]


def load(**options) -> None:
    partnership = pilot_partnership()
    load_cooperatives(partnership)
    if FoundingGroup.objects.filter(partnership=partnership).exists():
        return
    advisor = User.objects.get(username="doradca")
    coordinator = User.objects.get(username="koordynator")
    in_groups = FoundingMember.objects.filter(left_on__isnull=True, participant__isnull=False).values("participant_id")
    people = list(
        Participant.objects.filter(partnership=partnership, stage=Stage.FOUNDING_GROUP)
        .exclude(pk__in=in_groups)
        .order_by("stage_since", "pk")
    )
    # The first two groups share the people out; the third is left with two, short of founders.
    shares = [people[2::2], people[3::2], people[:2]]
    for (name, idea, section, pkd_class), members in zip(GROUPS, shares, strict=True):
        if not members:
            continue
        first_day = min(member.stage_since for member in members)
        group = services.form_group(
            partnership,
            by=coordinator,
            name=name,
            business_idea=idea,
            pkd_section=section,
            pkd_class=pkd_class,
            gmina=members[0].gmina,
            advisor=advisor,
            formed_on=first_day - datetime.timedelta(days=7),
        )
        for member in members:
            services.add_participant(group, member, on=member.stage_since, by=coordinator)
    ngo = Organisation.objects.filter(partnership=partnership, kind=Organisation.Kind.NGO).first()
    first_group = FoundingGroup.objects.filter(partnership=partnership, name=GROUPS[0][0]).first()
    if ngo and first_group:
        on = max(first_group.formed_on, timezone.localdate() - datetime.timedelta(days=14))
        services.add_legal_person(first_group, ngo, on=on, by=coordinator)


COOPERATIVES = [
    ("Spółdzielnia Socjalna „Pod Lipami”", "0000711111", "N", "81.21"),
    ("Smaczna Szkoła spółdzielnia socjalna", "0000722222", "I", "56.29"),
]


def load_cooperatives(partnership) -> None:
    """Cooperatives for the demo people already past their founding group: members, and jobs for those employed."""
    if Cooperative.objects.filter(partnership=partnership).exists():
        return
    members = list(
        Participant.objects.filter(
            partnership=partnership, stage__in=[Stage.COOPERATIVE_MEMBER, Stage.EMPLOYED_COOPERATIVE]
        ).order_by("pk")
    )
    for index, (name, krs, section, pkd_class) in enumerate(COOPERATIVES):
        people = members[index :: len(COOPERATIVES)]
        if not people:
            continue
        registered_on = min(person.stage_since for person in people) - datetime.timedelta(days=30)
        cooperative = Cooperative.objects.create(
            partnership=partnership,
            name=name,
            krs=krs,
            gmina=people[0].gmina,
            pkd_section=section,
            pkd_class=pkd_class,
            registered_on=registered_on,
            status_since=registered_on,
        )
        for person in people:
            CooperativeMember.objects.create(
                cooperative=cooperative, participant=person, founder=True, joined_on=registered_on
            )
            if person.stage == Stage.EMPLOYED_COOPERATIVE:
                Job.objects.create(
                    cooperative=cooperative,
                    participant=person,
                    contract=Job.Contract.COOPERATIVE,
                    working_time=Decimal("1") if person.pk % 2 else Decimal("0.5"),
                    starts_on=person.stage_since,
                    grant_funded=person.pk % 3 == 0,
                )
