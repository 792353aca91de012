"""The administrator manages users, roles and organisations of their own partnership only."""

import pytest
from django.core import mail
from django.urls import reverse

from muflon.accounts.models import Organisation, Role, User
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def user_form(**overrides):
    form = {"username": "nowa", "first_name": "Nowa", "last_name": "Osoba", "email": "nowa@example.org", "phone": ""}
    form.update({"organisation": "", "gmina": "", "is_active": "on", "roles": [Role.TRAINER]})
    form.update(overrides)
    return form


def test_administrator_adds_a_user_with_roles_who_gets_an_email_to_set_a_password(client, admin_user):
    client.force_login(admin_user)
    form = user_form(roles=[Role.TRAINER, Role.ADVISOR])
    response = client.post(reverse("accounts:user_create"), form)
    assert response.status_code == 302
    user = User.objects.get(username="nowa")
    assert user.partnership == admin_user.partnership
    assert user.roles == {Role.TRAINER, Role.ADVISOR}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nowa@example.org"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_editing_roles_makes_them_exactly_the_chosen_ones(client, admin_user, cast):
    trainer = cast[Role.TRAINER]
    client.force_login(admin_user)
    form = user_form(username=trainer.username, email=trainer.email, roles=[Role.COUNSELLOR])
    assert client.post(reverse("accounts:user_edit", args=[trainer.pk]), form).status_code == 302
    assert User.objects.get(pk=trainer.pk).roles == {Role.COUNSELLOR}


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"roles": [Role.MUNICIPALITY_OFFICER]}, "gmina"),
        ({"roles": [Role.PARTNER]}, "organisation"),
        ({"roles": [Role.PARTICIPANT, Role.COORDINATOR]}, "roles"),
        ({"email": ""}, "email"),
        ({"roles": ["superhero"]}, "roles"),
    ],
)
def test_bad_user_input_gets_a_message_at_the_field_and_saves_nothing(client, admin_user, overrides, field):
    client.force_login(admin_user)
    response = client.post(reverse("accounts:user_create"), user_form(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not User.objects.filter(username="nowa").exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_an_organisation_of_another_partnership_cannot_be_given_to_a_user(client, admin_user, outsider):
    foreign = OrganisationFactory(partnership=outsider.partnership)
    client.force_login(admin_user)
    response = client.post(reverse("accounts:user_create"), user_form(organisation=foreign.pk))
    assert "organisation" in response.context["form"].errors
    assert not User.objects.filter(username="nowa").exists()


def test_user_list_shows_only_the_own_partnership(client, admin_user, outsider):
    UserFactory(partnership=outsider.partnership, username="ktos-z-innego")
    client.force_login(admin_user)
    page = client.get(reverse("accounts:user_list")).content.decode()
    assert "coordinator" in page
    assert "ktos-z-innego" not in page
    assert "outsider" not in page


def test_user_list_search_by_name(client, admin_user, cast):
    client.force_login(admin_user)
    response = client.get(reverse("accounts:user_list"), {"q": "trainer"})
    assert [user.username for user in response.context["page"].rows] == ["trainer"]


def test_user_list_runs_a_fixed_number_of_queries(client, admin_user, django_assert_max_num_queries):
    for number in range(30):
        UserFactory(partnership=admin_user.partnership, username=f"u{number}", roles=[Role.TRAINER])
    client.force_login(admin_user)
    with django_assert_max_num_queries(8):
        client.get(reverse("accounts:user_list"))


def test_administrator_adds_an_organisation(client, admin_user, gmina):
    client.force_login(admin_user)
    form = {"name": "Gmina Głuszyca", "kind": "municipality", "gmina": gmina.pk, "nip": "PL 856-734-62-15"}
    assert client.post(reverse("accounts:organisation_create"), form).status_code == 302
    organisation = Organisation.objects.get(name="Gmina Głuszyca")
    assert organisation.partnership == admin_user.partnership
    assert organisation.nip == "8567346215"


@pytest.mark.parametrize(
    "form, field",
    [
        ({"name": "Gmina bez gminy", "kind": "municipality"}, "gmina"),
        ({"name": "Zły NIP", "kind": "ngo", "nip": "8567346216"}, "nip"),
        ({"name": "urząd pracy", "kind": "ngo"}, "name"),
        ({"name": "", "kind": "ngo"}, "name"),
    ],
)
def test_bad_organisation_input_is_refused(client, admin_user, labour_office, form, field):
    client.force_login(admin_user)
    before = Organisation.objects.count()
    response = client.post(reverse("accounts:organisation_create"), form)
    assert field in response.context["form"].errors
    assert Organisation.objects.count() == before


def test_the_database_refuses_a_municipality_without_a_gmina(partnership):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(partnership=partnership, name="X", kind=Organisation.Kind.MUNICIPALITY)


def test_the_database_refuses_the_same_role_twice(coordinator):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        coordinator.role_assignments.create(role=Role.COORDINATOR)


def test_visible_to_never_crosses_partnerships(cast, outsider, labour_office):
    """Each scoping function starts from the user's partnership."""
    for user in cast.values():
        assert not Organisation.objects.visible_to(user).exclude(partnership=user.partnership).exists()
        assert not User.objects.visible_to(user).exclude(partnership=user.partnership).exists()
    assert labour_office not in Organisation.objects.visible_to(outsider)
    assert set(User.objects.visible_to(cast[Role.COORDINATOR])) == {cast[Role.COORDINATOR]}
