"""Headers: a Permissions-Policy on every response, and nothing a logged-in person gets is stored (no-store)."""

import pytest
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.core.middleware import PERMISSIONS_POLICY
from tests.factories import make_participant

pytestmark = pytest.mark.django_db

# Files and exports, which views build themselves, as much as pages.
LOGGED_IN = [
    (Role.COORDINATOR, reverse("people:export", args=["csv"])),
    (Role.COORDINATOR, reverse("people:export", args=["xlsx"])),
    (Role.COORDINATOR, reverse("care:session_export")),
    (Role.COORDINATOR, reverse("people:list")),
    (Role.PARTICIPANT, reverse("me:data_json")),
    (Role.PARTICIPANT, reverse("me:data_pdf")),
]


@pytest.mark.parametrize(("role", "url"), LOGGED_IN)
def test_what_a_logged_in_person_gets_is_never_stored(client, cast, partnership, gmina, role, url):
    make_participant(partnership, gmina, by=cast[Role.COORDINATOR], user=cast[Role.PARTICIPANT])
    client.force_login(cast[role])
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_a_public_page_has_the_permissions_policy_and_may_be_kept(client, partnership):
    response = client.get(reverse("portal:home"))
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "no-store" not in response.get("Cache-Control", "")
