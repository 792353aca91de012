"""`User.objects.holding`: the one query for the users of a partnership who hold some roles."""

import pytest

from muflon.accounts.models import Role, User
from tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilot():
    return PartnershipFactory(name="Pilot")


def test_active_users_of_the_partnership_with_any_of_the_roles_each_once_by_name(pilot):
    zofia = UserFactory(partnership=pilot, first_name="Zofia", last_name="Wójcik", roles=[Role.COUNSELLOR])
    adam = UserFactory(
        partnership=pilot, first_name="Adam", last_name="Kowal", roles=[Role.COUNSELLOR, Role.COORDINATOR]
    )
    bartosz = UserFactory(partnership=pilot, first_name="Bartosz", last_name="Kowal", roles=[Role.COORDINATOR])
    UserFactory(partnership=pilot, last_name="Trener", roles=[Role.TRAINER])  # none of the roles
    UserFactory(partnership=pilot, last_name="Bez Ról")  # no role at all
    UserFactory(partnership=pilot, last_name="Odszedł", roles=[Role.COUNSELLOR], is_active=False)
    UserFactory(partnership=PartnershipFactory(), last_name="Obcy", roles=[Role.COUNSELLOR, Role.COORDINATOR])

    found = list(User.objects.holding(pilot, Role.COUNSELLOR, Role.COORDINATOR))

    assert found == [adam, bartosz, zofia]


def test_the_partnership_may_be_given_by_its_id(pilot):
    trainer = UserFactory(partnership=pilot, roles=[Role.TRAINER])
    assert list(User.objects.holding(pilot.pk, Role.TRAINER)) == [trainer]


def test_users_who_have_left_are_included_only_when_asked_for(pilot):
    active = UserFactory(partnership=pilot, last_name="A", roles=[Role.TRAINER])
    left = UserFactory(partnership=pilot, last_name="B", roles=[Role.TRAINER], is_active=False)
    assert list(User.objects.holding(pilot, Role.TRAINER)) == [active]
    assert list(User.objects.holding(pilot, Role.TRAINER, include_inactive=True)) == [active, left]


def test_no_roles_asked_means_nobody(pilot):
    UserFactory(partnership=pilot, roles=[Role.TRAINER])
    assert not User.objects.holding(pilot).exists()


def test_a_users_name_needs_only_the_name_fields(partnership, django_assert_num_queries):
    """Pages that only name staff load User.NAME_FIELDS; the name must not reach for another column."""
    for first, last in [("Anna", "Nowak"), ("", "")]:
        user = UserFactory(partnership=partnership, first_name=first, last_name=last)
        named = User.objects.only(*User.NAME_FIELDS).get(pk=user.pk)
        with django_assert_num_queries(0):
            assert str(named) == (f"{first} {last}" if first else user.username)


def test_staff_to_choose_is_built_once_and_asks_the_database_each_time(pilot, django_assert_num_queries):
    from muflon.accounts.models import staff_query

    first = UserFactory(partnership=pilot, last_name="A", roles=[Role.COUNSELLOR])
    UserFactory(partnership=pilot, last_name="Left", roles=[Role.COUNSELLOR], is_active=False)
    assert list(User.objects.staff_to_choose(pilot, Role.COUNSELLOR, Role.TRAINER)) == [first]
    hits = staff_query.cache_info().hits
    later = UserFactory(partnership=pilot, last_name="B", roles=[Role.TRAINER])
    with django_assert_num_queries(1):
        # The roles in another order are the same query; the user added since is there (no rows were kept).
        assert [str(u) for u in User.objects.staff_to_choose(pilot.pk, Role.TRAINER, Role.COUNSELLOR)] == [
            str(first),
            str(later),
        ]
    assert staff_query.cache_info().hits == hits + 1
