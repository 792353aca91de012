"""A NUL character in a request's address, query or form fields is refused (400) before any view: PostgreSQL can
neither store nor compare one, and searches and codes read by hand took it to a query (500 on PostgreSQL)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from muflon.accounts.models import Role
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "url", "query"),
    [
        (Role.ADMIN, "/app/users/", {"q": "a\x00b"}),
        (Role.ADMIN, "/app/users/", {"a\x00b": "1"}),
        (None, "/certificates/a%00b/", {}),
        (None, "/calendar/a%00b.ics", {}),
        (None, "/search/", {"q": "\x00"}),
    ],
)
def test_a_get_with_a_null_character_is_a_bad_request(client, cast, role, url, query):
    if role:
        client.force_login(cast[role])
    response = client.get(url, query)
    assert response.status_code == 400
    assert "<nav" in response.content.decode()  # the site's own error page


def test_a_post_with_a_null_character_is_a_bad_request(client, cast, partnership, gmina):
    """The edition's page reads its name filter (q) by hand from the form."""
    edition = make_edition(partnership, gmina)
    client.force_login(cast[Role.COORDINATOR])
    assert client.post(reverse("education:enrol", args=[edition.pk]), {"q": "Now\x00ak"}).status_code == 400
    assert client.post(reverse("education:enrol", args=[edition.pk]), {"q": "Nowak"}).status_code == 200


def test_a_file_may_hold_null_bytes(client, cast):
    """Only text fields are checked: an upload keeps its bytes (here refused for its content, at its field)."""
    client.force_login(cast[Role.COORDINATOR])
    upload = SimpleUploadedFile("people.csv", b"nazwisko;imie\x00\n")
    response = client.post(reverse("people:import"), {"file": upload, "consents_held": "on"})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors
