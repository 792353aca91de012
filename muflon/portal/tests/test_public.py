"""The public site: each partnership's own content by host, home, pages, news with scheduling, archive and feed,
success stories only with consent."""

import datetime

import pytest
from django.core.cache import caches
from django.utils import timezone

from muflon.accounts.models import Role
from muflon.portal.models import Status
from muflon.portal.tests.makers import make_news, make_page, make_story

# dates: News and stories published or scheduled relative to now.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_latest_news_a_story_the_sign_up_and_the_library(client, partnership):
    for number in range(5):
        make_news(partnership, slug=f"n{number}", title=f"Wiadomość {number}", days_ago=number + 1)
    make_story(partnership, title="Smaki Sudetów")
    page = text(client.get("/"))
    assert "Wiadomość 0" in page and "Wiadomość 2" in page and "Wiadomość 3" not in page
    assert "Smaki Sudetów" in page
    assert 'href="/join/"' in page
    assert 'href="/poll/"' in page
    # The home page is cached: it holds no form but the language switch.
    assert page.count("<form") == 1


def test_each_partnership_shows_its_own_site_on_its_host(client, settings, partnership, other_partnership):
    """The other partnership's host shows its content; any unknown host shows the default partnership."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "inne.example.org"]
    other_partnership.host = "inne.example.org"
    other_partnership.save()
    make_page(partnership, slug="kontakt", title="Kontakt pilotażowy")
    make_page(other_partnership, slug="kontakt", title="Kontakt innego")
    make_news(other_partnership, slug="x", title="Wiadomość innego partnerstwa")
    assert "Kontakt pilotażowy" in text(client.get("/pages/kontakt/"))
    assert "Kontakt pilotażowy" in text(client.get("/pages/kontakt/", HTTP_HOST="localhost"))
    other = text(client.get("/pages/kontakt/", HTTP_HOST="inne.example.org"))
    assert "Kontakt innego" in other and "Kontakt pilotażowy" not in other
    assert "Wiadomość innego partnerstwa" in text(client.get("/news/", HTTP_HOST="inne.example.org"))
    assert "Wiadomość innego partnerstwa" not in text(client.get("/news/"))
    assert client.get("/news/x/").status_code == 404


def test_without_any_default_partnership_home_introduces_and_the_rest_is_not_found(client, other_partnership):
    """A new installation: the home page explains and offers the login; a partnership without a host shows nothing."""
    assert 'href="/accounts/login/"' in text(client.get("/"))
    assert client.get("/news/").status_code == 404


def test_pages_appear_in_the_menu_in_their_order_and_drafts_stay_hidden(client, partnership):
    make_page(partnership, slug="b", title="Druga strona", menu_order=2)
    make_page(partnership, slug="a", title="Pierwsza strona", menu_order=1)
    make_page(partnership, slug="d", title="Deklaracja", menu_order=9, show_in_menu=False)
    make_page(partnership, slug="szkic", title="Szkic strony", status=Status.DRAFT)
    page = text(client.get("/news/"))
    nav = page.split('class="main-nav site-nav"')[1].split("</nav>")[0]
    assert nav.index("Pierwsza strona") < nav.index("Druga strona")
    assert "Deklaracja" not in nav and "Deklaracja" in page.split("site-footer")[1]
    assert "Szkic strony" not in page
    assert client.get("/pages/szkic/").status_code == 404


def test_editors_preview_drafts_at_their_address_others_do_not(client, partnership, cast, outsider):
    make_page(partnership, slug="szkic", title="Szkic strony", status=Status.DRAFT)
    client.force_login(cast[Role.COORDINATOR])
    preview = text(client.get("/pages/szkic/"))
    assert "Szkic strony" in preview and "draft-notice" in preview
    for user in (cast[Role.ADVISOR], cast[Role.PARTICIPANT], outsider):
        client.force_login(user)
        assert client.get("/pages/szkic/").status_code == 404


def test_scheduled_news_appears_only_when_its_time_comes(client, partnership, coordinator):
    item = make_news(partnership, slug="jutro", title="Zapowiedź", days_ago=-1)
    assert "Zapowiedź" not in text(client.get("/news/"))
    assert "Zapowiedź" not in text(client.get("/"))
    assert client.get("/news/jutro/").status_code == 404
    assert client.get("/news/feed/").content.decode().count("Zapowiedź") == 0
    client.force_login(coordinator)
    assert "draft-notice" in text(client.get("/news/jutro/"))
    client.logout()
    item.publish_at = timezone.now() - datetime.timedelta(minutes=1)
    item.save()
    assert "Zapowiedź" in text(client.get("/news/"))
    assert "Zapowiedź" in text(client.get("/news/jutro/"))


def test_draft_news_is_not_public(client, partnership):
    make_news(partnership, slug="szkic", title="Szkic wiadomości", status=Status.DRAFT)
    assert "Szkic wiadomości" not in text(client.get("/news/"))
    assert client.get("/news/szkic/").status_code == 404


def test_news_archive_by_year_and_month(client, partnership):
    warsaw = timezone.get_default_timezone()
    for slug, moment in [
        ("styczen", datetime.datetime(2025, 1, 15, 12, tzinfo=warsaw)),
        ("marzec", datetime.datetime(2025, 3, 2, 12, tzinfo=warsaw)),
        ("nowy-rok", datetime.datetime(2026, 1, 1, 0, 30, tzinfo=warsaw)),  # 2025-12-31 in UTC
    ]:
        item = make_news(partnership, slug=slug, title=f"Tytuł {slug}")
        item.publish_at = moment
        item.save()
    year = text(client.get("/news/2025/"))
    assert "Tytuł styczen" in year and "Tytuł marzec" in year and "Tytuł nowy-rok" not in year
    month = text(client.get("/news/2025/3/"))
    assert "Tytuł marzec" in month and "Tytuł styczen" not in month
    assert "Tytuł nowy-rok" in text(client.get("/news/2026/1/"))
    listing = text(client.get("/news/"))
    assert 'href="/news/2025/1/"' in listing and 'href="/news/2026/1/"' in listing
    assert client.get("/news/2025/13/").status_code == 404


@pytest.mark.parametrize("address", ["/news/1/", "/news/1/1/", "/news/1899/12/", "/news/2101/", "/news/9999/12/"])
def test_the_news_archive_of_a_year_out_of_range_is_not_found(client, partnership, address):
    """Year 1 (in Warsaw, before the first moment in UTC) was a 500 on SQLite."""
    assert client.get(address).status_code == 404


def test_news_list_is_paged_with_a_fixed_number_of_queries(client, partnership, django_assert_max_num_queries):
    for number in range(25):
        make_news(partnership, slug=f"n{number}", title=f"Wiadomość {number}", days_ago=number + 1)
    client.get("/news/")  # the site's first visit creates its cache token
    caches["portal"].clear()
    # The site with its token, the news, the menu pages, the archive months, the next scheduled entries (2).
    with django_assert_max_num_queries(6):
        first = text(client.get("/news/"))
    assert "Wiadomość 0" in first and "Wiadomość 10" not in first and 'rel="next"' in first
    assert "Wiadomość 10" in text(client.get("/news/?page=2"))


def test_the_atom_feed_lists_published_news(client, partnership):
    make_news(partnership, slug="a", title="Pierwsza wiadomość")
    make_news(partnership, slug="b", title="Szkic", status=Status.DRAFT)
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "Pierwsza wiadomość" in feed and "Szkic" not in feed
    assert "http://testserver/news/a/" in feed


def test_a_story_without_recorded_consent_cannot_be_published(partnership):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_story(partnership, consent_given_by="", consent_given_on=None)


def test_a_story_about_a_participant_shows_only_while_their_consent_stands(
    client, partnership, participant, coordinator
):
    """No consent to publication: hidden. Consent given: shown. Consent withdrawn: hidden again at once."""
    from muflon.people.models import Consent
    from muflon.people.services import give_consent, withdraw_consent

    make_story(partnership, slug="anna", title="Historia Anny", participant=participant)
    assert "Historia Anny" not in text(client.get("/stories/"))
    assert client.get("/stories/anna/").status_code == 404

    consent = give_consent(
        participant, Consent.Purpose.PUBLICATION, on=datetime.date(2026, 2, 1), method="paper", by=coordinator
    )
    assert "Historia Anny" in text(client.get("/stories/"))
    assert "Historia Anny" in text(client.get("/"))

    withdraw_consent(consent, on=timezone.localdate(), by=coordinator)
    assert "Historia Anny" not in text(client.get("/stories/"))
    assert "Historia Anny" not in text(client.get("/"))
    assert client.get("/stories/anna/").status_code == 404


def test_a_story_about_a_cooperative_shows_with_its_own_consent_and_profile_link(client, partnership):
    make_story(
        partnership,
        slug="smaki",
        title="Smaki Sudetów",
        cooperative_name="Spółdzielnia Smaki",
        cooperative_url="https://smaki.example.org/",
    )
    page = text(client.get("/stories/smaki/"))
    assert "Smaki Sudetów" in page and 'href="https://smaki.example.org/"' in page


def test_unknown_addresses_are_not_found(client, partnership):
    for path in ("/pages/nie-ma/", "/news/nie-ma/", "/stories/nie-ma/", "/library/999/", "/library/999/download/"):
        assert client.get(path).status_code == 404, path


def test_public_pages_refuse_posts(client, partnership):
    assert client.post("/").status_code == 405
    assert client.post("/news/").status_code == 405
