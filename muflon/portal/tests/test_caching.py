"""The public pages' cache: anonymous visitors get a kept copy, made stale by any change of the site's content;
each visitor still gets their own CSRF token; logged-in people and other languages and hosts get their own pages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from muflon.portal.models import NewsItem, Page
from muflon.portal.tests.makers import make_document, make_news, make_page

# dates: Scheduled news shortens how long pages are kept.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_kept_page_costs_one_query(client, partnership, django_assert_num_queries):
    make_news(partnership, title="Wiadomość")
    client.get("/")
    with django_assert_num_queries(1):
        assert "Wiadomość" in body(client.get("/"))


def test_saving_content_makes_the_kept_pages_stale(client, partnership):
    item = make_news(partnership, title="Stary tytuł")
    assert "Stary tytuł" in body(client.get("/news/"))
    # A bulk update bypasses saving: the kept page stays (this shows that the page really is kept)…
    NewsItem.objects.filter(pk=item.pk).update(title="Po cichu")
    assert "Stary tytuł" in body(client.get("/news/"))
    # …while a save through the model, as every edit does, makes every kept page of the site stale.
    item.title = "Nowy tytuł"
    item.save()
    assert "Nowy tytuł" in body(client.get("/news/"))
    make_page(partnership, slug="kontakt", title="Kontakt")
    assert "Kontakt" in body(client.get("/"))
    Page.objects.get(slug="kontakt").delete()
    assert "Kontakt" not in body(client.get("/"))


def test_an_edit_in_the_staff_area_shows_at_once(client, coordinator, partnership):
    make_page(partnership, slug="misja", title="Misja")
    assert "Pomagamy" in body(client.get("/pages/misja/"))
    editor = Client()
    editor.force_login(coordinator)
    page = Page.objects.get(slug="misja")
    form = {"title": "Misja", "slug": "misja", "body": "Zmieniony tekst", "menu_order": 1, "status": "published"}
    assert editor.post(reverse("portal:staff_page_edit", args=[page.pk]), form).status_code == 302
    assert "Zmieniony tekst" in body(client.get("/pages/misja/"))


def test_a_new_library_version_shows_at_once(client, partnership):
    item = make_document(partnership, "Poradnik")
    assert "Poradnik" in body(client.get("/library/"))
    item.title = "Poradnik, wydanie 2"
    item.save()
    assert "Poradnik, wydanie 2" in body(client.get("/library/"))


def csrf_of(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_every_visitor_gets_their_own_csrf_token_and_it_works(partnership):
    """The kept page has no token of its own: each response carries the visitor's, and the language switch works."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one, page_two = body(first.get("/")), body(second.get("/"))
    assert "portalCsrfPlaceholder" not in page_one + page_two
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    response = second.post(
        reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": csrf_of(page_two)}
    )
    assert response.status_code == 302
    assert 'lang="en"' in body(second.get("/"))
    assert 'lang="pl"' in body(first.get("/"))


def test_logged_in_people_get_their_own_page(client, coordinator, partnership):
    client.get("/")
    client.force_login(coordinator)
    page = body(client.get("/"))
    assert coordinator.get_full_name() in page
    client.logout()
    assert coordinator.get_full_name() not in body(client.get("/"))


def test_a_page_with_a_message_is_not_kept(client, partnership):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage

    storage = CookieStorage(None)
    storage.add(constants.SUCCESS, "Dziękujemy za zgłoszenie")
    encoded = storage._encode(storage._queued_messages)
    client.cookies["messages"] = encoded
    assert "Dziękujemy za zgłoszenie" in body(client.get("/"))
    del client.cookies["messages"]
    assert "Dziękujemy za zgłoszenie" not in body(client.get("/"))


def test_hosts_keep_their_own_copies(client, settings, partnership, other_partnership):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "inne.example.org"]
    other_partnership.host = "inne.example.org"
    other_partnership.save()
    make_news(partnership, slug="a", title="Pilotaż")
    make_news(other_partnership, slug="a", title="Inne partnerstwo")
    assert "Pilotaż" in body(client.get("/news/"))
    assert "Inne partnerstwo" in body(client.get("/news/", HTTP_HOST="inne.example.org"))
    assert "Pilotaż" in body(client.get("/news/"))


def test_a_scheduled_item_shortens_how_long_pages_are_kept(partnership):
    import datetime

    from django.utils import timezone

    from muflon.portal.caching import MAX_AGE, seconds_to_keep

    assert seconds_to_keep(partnership) == MAX_AGE
    item = make_news(partnership, days_ago=0)
    item.publish_at = timezone.now() + datetime.timedelta(seconds=20)
    item.save()
    assert 1 <= seconds_to_keep(partnership) <= 20


def test_a_new_poll_shows_on_the_kept_home_page_at_once(client, partnership):
    from muflon.polls.tests.test_polls import make_poll

    assert "Pytanie sondy na dziś" not in body(client.get("/"))
    make_poll(partnership, "Pytanie sondy na dziś")
    assert "Pytanie sondy na dziś" in body(client.get("/"))


def test_made_up_queries_are_not_kept_so_nobody_can_flood_the_cache(client, partnership):
    from muflon.portal.caching import page_cache

    make_news(partnership, title="Wiadomość")
    body(client.get("/news/"))
    body(client.get("/news/?page=1"))
    kept = set(page_cache()._cache)
    for junk in ("/news/?x=1", "/news/?page=1&x=2", "/library/?q=poradnik"):
        body(client.get(junk))
    assert client.get("/news/?page=99999").status_code == 404  # past the end
    assert set(page_cache()._cache) == kept and len(kept) == 2
