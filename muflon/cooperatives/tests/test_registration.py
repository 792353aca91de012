"""A founding group registered as a social cooperative: founders and their path, the act's checks of that day,
the register's numbers and the name, nothing saved when anything is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from muflon.accounts.models import Organisation, Role
from muflon.cooperatives import services
from muflon.cooperatives.models import Cooperative, CooperativeMember, FoundingGroup
from muflon.cooperatives.tests.test_groups import in_support, weeks_ago
from muflon.people.path import Stage
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates, pytest.mark.usefixtures("in_english")]

VALID = {"name": "Smaki Doliny spółdzielnia socjalna", "krs": "0000123456", "nip": "5260250274", "regon": "123456785"}


@pytest.fixture
def group(partnership, gmina, cast):
    return services.form_group(
        partnership,
        by=cast[Role.COORDINATOR],
        name="Smaki Doliny",
        business_idea="Catering",
        pkd_section="I",
        gmina=gmina,
        advisor=cast[Role.ADVISOR],
        formed_on=weeks_ago(10),
    )


def with_founders(group, partnership, gmina, by, count=3):
    people = [in_support(partnership, gmina, by, f"Osoba{number}") for number in range(count)]
    for person in people:
        services.add_participant(group, person, on=weeks_ago(9), by=by)
    return people


def test_registration_makes_the_cooperative_and_moves_its_founders_on(group, partnership, gmina, coordinator):
    people = with_founders(group, partnership, gmina, coordinator)
    ngo = OrganisationFactory(partnership=partnership, kind=Organisation.Kind.NGO)
    services.add_legal_person(group, ngo, on=weeks_ago(8), by=coordinator)
    cooperative = services.register_cooperative(group, registered_on=weeks_ago(1), by=coordinator, **VALID)

    assert (cooperative.group, cooperative.gmina, cooperative.pkd_section) == (group, gmina, "I")
    assert (cooperative.status, cooperative.status_since) == (Cooperative.Status.ACTIVE, weeks_ago(1))
    group.refresh_from_db()
    assert group.status == FoundingGroup.Status.REGISTERED
    founders = CooperativeMember.objects.filter(cooperative=cooperative, founder=True)
    assert {m.participant_id for m in founders} - {None} == {p.pk for p in people}
    assert founders.filter(organisation=ngo).exists()
    for person in people:
        person.refresh_from_db()
        assert (person.stage, person.stage_since) == (Stage.COOPERATIVE_MEMBER, weeks_ago(1))
    assert not group.members.filter(left_on__isnull=True).exists()  # free to be in another group one day
    with pytest.raises(ValidationError, match="no longer forming"):
        services.register_cooperative(group, registered_on=weeks_ago(1), by=coordinator, **VALID)


def test_a_group_missing_founders_is_not_registered_and_nothing_changes(group, partnership, gmina, coordinator):
    people = with_founders(group, partnership, gmina, coordinator, count=2)
    with pytest.raises(ValidationError) as refused:
        services.register_cooperative(group, registered_on=weeks_ago(1), by=coordinator, **VALID)
    assert "natural persons" in " ".join(refused.value.messages)
    group.refresh_from_db()
    assert group.status == FoundingGroup.Status.FORMING
    assert not Cooperative.objects.exists()
    assert {p.stage for p in type(people[0]).objects.filter(pk__in=[p.pk for p in people])} == {Stage.FOUNDING_GROUP}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("krs", "123456"),
        ("krs", "00001234AB"),
        ("nip", "5260250275"),
        ("regon", "123456786"),
        ("name", "Smaki Doliny"),
    ],
)
def test_bad_register_numbers_and_names_are_refused_at_their_field(
    group, partnership, gmina, coordinator, field, value
):
    with_founders(group, partnership, gmina, coordinator)
    with pytest.raises(ValidationError) as refused:
        services.register_cooperative(group, registered_on=weeks_ago(1), by=coordinator, **{**VALID, field: value})
    assert set(refused.value.message_dict) == {field}
    assert not Cooperative.objects.exists()


def test_the_short_name_is_lawful_from_31_march_2018(partnership, gmina, coordinator):
    from muflon.cooperatives.models import name_is_lawful

    assert name_is_lawful("Smaki Sp.n.s.", datetime.date(2018, 3, 31))
    assert not name_is_lawful("Smaki Sp.n.s.", datetime.date(2018, 3, 30))
    assert name_is_lawful("SMAKI SPÓŁDZIELNIA SOCJALNA", datetime.date(2010, 1, 1))


def test_the_same_krs_twice_is_refused(group, partnership, gmina, coordinator, cast):
    with_founders(group, partnership, gmina, coordinator)
    services.register_cooperative(group, registered_on=weeks_ago(1), by=coordinator, **VALID)
    second = services.form_group(
        partnership,
        by=coordinator,
        name="Druga",
        business_idea="x",
        pkd_section="C",
        gmina=gmina,
        formed_on=weeks_ago(10),
    )
    for number in range(3):
        services.add_participant(
            second, in_support(partnership, gmina, coordinator, f"Inna{number}"), on=weeks_ago(9), by=coordinator
        )
    with pytest.raises(ValidationError) as refused:
        services.register_cooperative(second, registered_on=weeks_ago(1), by=coordinator, **VALID)
    assert "krs" in refused.value.message_dict


def test_dates_before_the_group_or_in_the_future_or_before_a_members_joining(group, partnership, gmina, coordinator):
    with_founders(group, partnership, gmina, coordinator)
    for day, words in (
        (weeks_ago(11), "before the group was formed"),
        (weeks_ago(-1), "future"),
        (weeks_ago(9) - datetime.timedelta(days=1), "joined after this date"),
    ):
        with pytest.raises(ValidationError, match=words):
            services.register_cooperative(group, registered_on=day, by=coordinator, **VALID)
    assert not Cooperative.objects.exists()


def test_managers_see_every_cooperative_advisors_those_of_their_groups(group, partnership, gmina, cast, outsider):
    from tests.factories import UserFactory

    coordinator = cast[Role.COORDINATOR]
    with_founders(group, partnership, gmina, coordinator)
    cooperative = services.register_cooperative(group, registered_on=weeks_ago(1), by=coordinator, **VALID)
    assert list(Cooperative.objects.visible_to(cast[Role.ADMIN])) == [cooperative]
    assert list(Cooperative.objects.visible_to(cast[Role.ADVISOR])) == [cooperative]
    assert not Cooperative.objects.visible_to(UserFactory(partnership=partnership, roles=[Role.ADVISOR])).exists()
    assert not Cooperative.objects.visible_to(cast[Role.TRAINER]).exists()
    assert not Cooperative.objects.visible_to(outsider).exists()
