"""Django's admin site is open to installation superusers only, never to partnership roles."""

import pytest
from django.urls import reverse

from muflon.accounts.models import Role, User


@pytest.mark.django_db
def test_partnership_roles_cannot_enter_the_admin_site(client, cast):
    """Even the partnership administrator is sent to the admin's login page."""
    for user in cast.values():
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


@pytest.mark.django_db
def test_installation_superuser_enters_the_admin_site(client):
    """A superuser without a partnership runs the installation from the admin site."""
    superuser = User.objects.create_superuser("root", "root@example.org", "x-Very-secret-1")
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:core_auditentry_changelist")).status_code == 200
    assert superuser.roles == frozenset()
    assert not superuser.has_role(Role.ADMIN)
