"""Search over pages, news, stories and public library items: every word, Polish letters or not, published only."""

import pytest

from muflon.portal.models import LibraryItem, Status
from muflon.portal.tests.makers import make_document, make_news, make_page, make_story

# dates: Scheduled news stays out of the search until it is published.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def found(client, query, **headers) -> str:
    """The main part of the search page."""
    response = client.get("/search/", {"q": query}, **headers)
    assert response.status_code == 200
    # The results only: the site's menu also names pages.
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def test_search_finds_every_kind_of_content(client, partnership):
    make_page(partnership, slug="es", title="Ekonomia społeczna", body="Spółdzielnia socjalna to firma.")
    make_news(partnership, slug="n", title="Nowa spółdzielnia", body="Zarejestrowana w KRS.")
    make_story(partnership, slug="s", title="Smaki Sudetów", body="Spółdzielnia socjalna prowadzi stołówkę.")
    make_document(partnership, "Wzór statutu spółdzielni", description="Do uzupełnienia")
    page = found(client, "spółdzielni")
    for title in ("Ekonomia społeczna", "Nowa spółdzielnia", "Smaki Sudetów", "Wzór statutu spółdzielni"):
        assert title in page


def test_polish_letters_and_case_do_not_matter_and_every_word_must_match(client, partnership):
    make_page(partnership, slug="a", title="Łódź i Żółć", body="Źdźbło")
    make_page(partnership, slug="b", title="Tylko łódź", body="")
    assert "Łódź i Żółć" in found(client, "LODZ zolc")
    assert "Tylko łódź" not in found(client, "lodz zolc")
    assert "Tylko łódź" in found(client, "łódź")


def test_drafts_scheduled_staff_only_and_other_sites_are_not_found(client, partnership, other_partnership):
    make_page(partnership, slug="d", title="Tajny szkic", status=Status.DRAFT)
    make_news(partnership, slug="p", title="Tajna zapowiedź", days_ago=-2)
    make_document(partnership, "Tajna instrukcja", visibility=LibraryItem.Visibility.STAFF)
    make_page(other_partnership, slug="o", title="Tajna strona innych")
    page = found(client, "tajn")
    for title in ("Tajny szkic", "Tajna zapowiedź", "Tajna instrukcja", "Tajna strona innych"):
        assert title not in page


def test_a_too_short_query_asks_for_more(client, partnership):
    assert "at least two letters" in found(client, "a", HTTP_ACCEPT_LANGUAGE="en")


def test_the_query_is_shown_escaped(client, partnership):
    page = found(client, "<script>alert(1)</script>")
    assert "<script>alert(1)" not in page
