"""The cooperatives area's part of the demo: founding groups for the demo people already at the stage "in a
founding group", one of them with a legal person, and one still short of founders."""

import datetime

from django.utils import timezone

from muflon.accounts.models import Organisation, User
from muflon.cooperatives import services
from muflon.cooperatives.models import FoundingGroup, FoundingMember
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
