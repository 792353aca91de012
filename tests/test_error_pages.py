"""Error pages speak the person's language in the site's layout and say where to go; a busy database is 503."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from muflon.accounts.models import Role

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def test_a_missing_page_is_a_polish_page_in_the_layout(client, partnership):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = page(response)
    assert "Nie znaleziono strony" in html and "Przejdź do strony głównej" in html
    assert 'class="skip-link"' in html and "Traceback" not in html


def test_a_missing_page_in_english(client, partnership, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client.get("/no-such-page/"))
    assert "Page not found" in html


def test_a_refused_page_names_the_way_out_and_keeps_the_menu(client, cast):
    client.force_login(cast[Role.TRAINER])
    response = client.get(reverse("care:clients"))
    assert response.status_code == 403
    html = page(response)
    assert "Brak dostępu do tej strony" in html
    assert reverse("shell:dashboard") in html and 'class="main-nav"' in html


def test_a_server_error_is_a_polish_page_without_details(client, partnership):
    client.raise_request_exception = False
    with mock.patch("muflon.portal.views.partnership_for", side_effect=RuntimeError("secret detail")):
        response = client.get(reverse("portal:search"), {"q": "spółdzielnia"})
    assert response.status_code == 500
    html = page(response)
    assert "Coś poszło nie tak po naszej stronie" in html and "secret detail" not in html


def test_a_request_that_cannot_get_the_write_lock_is_asked_to_try_again(client, partnership):
    busy = OperationalError("database is locked")
    with mock.patch("muflon.portal.views.partnership_for", side_effect=busy):
        response = client.get(reverse("portal:search"), {"q": "spółdzielnia"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Zajęte: spróbuj ponownie" in page(response)


def test_other_database_errors_stay_server_errors(client, partnership):
    client.raise_request_exception = False
    with mock.patch("muflon.portal.views.partnership_for", side_effect=OperationalError("no such table")):
        assert client.get(reverse("portal:search"), {"q": "x"}).status_code == 500
