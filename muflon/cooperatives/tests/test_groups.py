"""Founding groups: forming one, members joining and leaving with their path moving, the act's findings from the
members' own records, and who sees which group."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from muflon.accounts.models import Organisation, Role
from muflon.cooperatives import services
from muflon.cooperatives.models import FoundingGroup, FoundingMember
from muflon.people.models import EligibilityGround, ExclusionCategory
from muflon.people.path import Stage
from muflon.people.services import move_to_stage
from tests.factories import OrganisationFactory, UserFactory, make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.dates, pytest.mark.usefixtures("in_english")]


def weeks_ago(weeks):
    return timezone.localdate() - datetime.timedelta(weeks=weeks)


def in_support(partnership, gmina, by, name, excluded=True):
    person = make_participant(partnership, gmina, by=by, pesel="", first_name=name, joined_on=weeks_ago(20))
    move_to_stage(person, Stage.DIAGNOSED, on=weeks_ago(19), by=by)
    move_to_stage(person, Stage.IN_SUPPORT, on=weeks_ago(18), by=by)
    if excluded:
        EligibilityGround.objects.create(
            participant=person,
            category=ExclusionCategory.objects.get(code="unemployed"),
            evidence=EligibilityGround.Evidence.LABOUR_OFFICE_CERTIFICATE,
            evidence_date=weeks_ago(20),
        )
    return person


@pytest.fixture
def group(partnership, gmina, cast):
    return services.form_group(
        partnership,
        by=cast[Role.COORDINATOR],
        name="Smaki Wsi",
        business_idea="Catering z lokalnych produktów",
        pkd_section="I",
        pkd_class="56.21",
        gmina=gmina,
        advisor=cast[Role.ADVISOR],
        formed_on=weeks_ago(10),
    )


def test_joining_moves_the_person_into_a_founding_group_and_leaving_moves_them_back(group, partnership, gmina, cast):
    coordinator = cast[Role.COORDINATOR]
    person = in_support(partnership, gmina, coordinator, "Ewa")
    member = services.add_participant(group, person, on=weeks_ago(9), by=coordinator)
    person.refresh_from_db()
    assert person.stage == Stage.FOUNDING_GROUP
    assert person.transitions.last().note == "Smaki Wsi"

    services.remove_member(member, on=weeks_ago(2), by=coordinator)
    person.refresh_from_db()
    member.refresh_from_db()
    assert member.left_on == weeks_ago(2)
    assert (person.stage, person.stage_since) == (Stage.IN_SUPPORT, weeks_ago(2))


def test_leaving_may_end_the_participation_with_its_reason(group, partnership, gmina, coordinator):
    person = in_support(partnership, gmina, coordinator, "Jan")
    member = services.add_participant(group, person, on=weeks_ago(9), by=coordinator)
    with pytest.raises(ValidationError, match="reason"):
        services.remove_member(member, on=weeks_ago(1), by=coordinator, next_stage=Stage.EXITED)
    services.remove_member(member, on=weeks_ago(1), by=coordinator, next_stage=Stage.EXITED, exit_reason="resigned")
    person.refresh_from_db()
    assert person.stage == Stage.EXITED
    assert person.follow_ups.count() == 3


def test_a_person_is_in_one_open_group_at_a_time(group, partnership, gmina, coordinator):
    person = in_support(partnership, gmina, coordinator, "Ola")
    services.add_participant(group, person, on=weeks_ago(9), by=coordinator)
    other = services.form_group(
        partnership,
        by=coordinator,
        name="Drugi",
        business_idea="x",
        pkd_section="C",
        gmina=gmina,
        formed_on=weeks_ago(8),
    )
    with pytest.raises(ValidationError, match="already in a founding group"):
        services.add_participant(other, person, on=weeks_ago(7), by=coordinator)
    assert FoundingMember.objects.filter(participant=person).count() == 1


def test_bad_dates_and_strangers_are_refused_and_nothing_is_saved(group, partnership, gmina, coordinator, outsider):
    person = in_support(partnership, gmina, coordinator, "Iza")
    with pytest.raises(ValidationError, match="before the group was formed"):
        services.add_participant(group, person, on=weeks_ago(11), by=coordinator)
    member = services.add_participant(group, person, on=weeks_ago(9), by=coordinator)
    with pytest.raises(ValidationError, match="cannot come before joining"):
        services.remove_member(member, on=weeks_ago(10), by=coordinator)
    stranger = OrganisationFactory(partnership=outsider.partnership, kind=Organisation.Kind.NGO)
    with pytest.raises(ValidationError, match="partnership"):
        services.add_legal_person(group, stranger, on=weeks_ago(9), by=coordinator)
    member.refresh_from_db()
    assert member.left_on is None
    assert group.members.count() == 1


def test_a_person_who_cannot_yet_found_a_group_stays_where_they_are(group, partnership, gmina, coordinator):
    newcomer = make_participant(
        partnership, gmina, by=coordinator, pesel="", first_name="Nowa", joined_on=weeks_ago(20)
    )
    with pytest.raises(ValidationError, match="cannot go from"):
        services.add_participant(group, newcomer, on=weeks_ago(9), by=coordinator)
    assert not group.members.exists()  # the join was undone with the refused move


def test_the_findings_come_from_the_members_own_legal_grounds(group, partnership, gmina, coordinator):
    for name in ("A", "B"):
        services.add_participant(
            group, in_support(partnership, gmina, coordinator, name), on=weeks_ago(9), by=coordinator
        )
    assert [finding.code for finding in services.composition(group)] == ["too_few_founders"]
    services.add_participant(
        group, in_support(partnership, gmina, coordinator, "C", excluded=False), on=weeks_ago(9), by=coordinator
    )
    # Three founders suffice under today's rules; a reminder stays until there are five.
    assert [(f.code, f.hard) for f in services.composition(group)] == [("admit_within_months", False)]
    services.add_participant(
        group, in_support(partnership, gmina, coordinator, "D", excluded=False), on=weeks_ago(9), by=coordinator
    )
    assert [f.code for f in services.composition(group) if f.hard] == []  # 2 of 4 from outside: half at most
    services.add_participant(
        group, in_support(partnership, gmina, coordinator, "E", excluded=False), on=weeks_ago(9), by=coordinator
    )
    assert [f.code for f in services.composition(group) if f.hard] == ["too_many_others"]
    # Judged by the rules of 2017, the same five founders were enough in number but not in share.
    assert [f.code for f in services.composition(group, on=datetime.date(2017, 6, 1))] == ["too_many_others"]


def test_legal_persons_count_as_founders_of_their_kind(group, partnership, coordinator):
    municipality = OrganisationFactory(partnership=partnership, kind=Organisation.Kind.MUNICIPALITY, gmina=group.gmina)
    business = OrganisationFactory(partnership=partnership, kind=Organisation.Kind.BUSINESS)
    services.add_legal_person(group, municipality, on=weeks_ago(9), by=coordinator)
    services.add_legal_person(group, business, on=weeks_ago(9), by=coordinator)
    assert [f.code for f in services.composition(group)] == ["legal_person_kind", "too_few_founders"]
    services.add_legal_person(
        group,
        OrganisationFactory(partnership=partnership, kind=Organisation.Kind.CHURCH),
        on=weeks_ago(9),
        by=coordinator,
    )
    assert [f.code for f in services.composition(group)] == ["legal_person_kind"]
    with pytest.raises(ValidationError, match="already in the group"):
        services.add_legal_person(group, municipality, on=weeks_ago(8), by=coordinator)


def test_a_groups_fields_are_checked_before_it_is_saved(partnership, gmina, coordinator, outsider):
    with pytest.raises(ValidationError) as refused:
        services.form_group(
            partnership,
            by=coordinator,
            name="X",
            business_idea="y",
            pkd_section="Z",
            pkd_class="5610",
            gmina=gmina,
            formed_on=weeks_ago(1),
        )
    assert set(refused.value.message_dict) == {"pkd_section", "pkd_class"}
    with pytest.raises(ValidationError) as refused:
        services.form_group(
            partnership,
            by=coordinator,
            name="X",
            business_idea="y",
            pkd_section="C",
            gmina=gmina,
            formed_on=weeks_ago(1),
            advisor=outsider,
        )
    assert set(refused.value.message_dict) == {"advisor"}
    assert not FoundingGroup.objects.exists()


def test_coordinators_see_every_group_advisors_their_own_others_none(group, partnership, gmina, cast, outsider):
    other_advisor = UserFactory(partnership=partnership, roles=[Role.ADVISOR])
    assert list(FoundingGroup.objects.visible_to(cast[Role.COORDINATOR])) == [group]
    assert list(FoundingGroup.objects.visible_to(cast[Role.ADMIN])) == [group]
    assert list(FoundingGroup.objects.visible_to(cast[Role.ADVISOR])) == [group]
    assert not FoundingGroup.objects.visible_to(other_advisor).exists()
    for role in (Role.TRAINER, Role.COUNSELLOR, Role.PARTNER, Role.PARTICIPANT):
        assert not FoundingGroup.objects.visible_to(cast[role]).exists(), role
    assert not FoundingGroup.objects.visible_to(outsider).exists()
