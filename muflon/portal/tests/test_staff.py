"""Staff editing at /app/portal/: only the partnership's administrators and coordinators, only their own site;
a preview that saves nothing; images with required alternative text; stories only with consent."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from muflon.accounts.models import Role
from muflon.core.models import AuditEntry
from muflon.portal.models import NewsItem, Page, Status, SuccessStory
from muflon.portal.tests.makers import make_news, make_page, make_story

# dates: News published or scheduled relative to now.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]

NEWS_FORM = {
    "title": "Dzień otwarty",
    "slug": "",
    "lead": "Zapraszamy do inkubatora.",
    "body": "Szczegóły **wkrótce**.",
    "image_alt": "",
    "publish_at": "2026-03-01T10:00",
    "status": "published",
}


def photo(name="zdjecie.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_coordinator_creates_a_page_with_an_address_made_from_the_title(client, coordinator, partnership):
    client.force_login(coordinator)
    form = {"title": "Ekonomia społeczna — co to jest?", "slug": "", "body": "Tekst", "menu_order": 3}
    response = client.post(reverse("portal:staff_page_create"), {**form, "status": "published"})
    assert response["Location"] == reverse("portal:staff_pages")
    page = Page.objects.get()
    assert (page.slug, page.partnership) == ("ekonomia-spoleczna-co-to-jest", partnership)
    assert AuditEntry.objects.filter(content_type__model="page", action=AuditEntry.Action.CREATE).exists()
    client.logout()
    assert "Ekonomia społeczna — co to jest?" in client.get("/pages/ekonomia-spoleczna-co-to-jest/").content.decode()


def test_the_preview_shows_the_entry_as_rendered_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("portal:staff_news_create"), {**NEWS_FORM, "preview": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="preview"' in page and "<strong>wkrótce</strong>" in page
    assert not NewsItem.objects.exists()


def test_the_preview_of_an_existing_entry_leaves_it_unchanged(client, coordinator, partnership):
    item = make_news(partnership, slug="stara", title="Stary tytuł")
    client.force_login(coordinator)
    response = client.post(
        reverse("portal:staff_news_edit", args=[item.pk]), {**NEWS_FORM, "title": "Nowy tytuł", "preview": "1"}
    )
    assert "Nowy tytuł" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Stary tytuł"


def test_an_address_is_unique_within_the_partnership_only(client, coordinator, partnership, other_partnership):
    make_news(partnership, slug="dzien-otwarty")
    make_news(other_partnership, slug="inny")
    client.force_login(coordinator)
    taken = client.post(reverse("portal:staff_news_create"), {**NEWS_FORM, "slug": "dzien-otwarty"})
    assert taken.status_code == 200 and 'id="id_slug_error"' in taken.content.decode()
    reserved = client.post(reverse("portal:staff_news_create"), {**NEWS_FORM, "slug": "feed"})
    assert 'id="id_slug_error"' in reserved.content.decode()
    assert client.post(reverse("portal:staff_news_create"), {**NEWS_FORM, "slug": "inny"}).status_code == 302
    assert NewsItem.objects.filter(slug="inny").count() == 2


def test_an_image_needs_its_alternative_text(client, coordinator):
    client.force_login(coordinator)
    refused = client.post(reverse("portal:staff_news_create"), {**NEWS_FORM, "image_upload": photo()})
    assert refused.status_code == 200 and 'id="id_image_alt_error"' in refused.content.decode()
    assert not NewsItem.objects.exists()
    form = {**NEWS_FORM, "image_upload": photo(), "image_alt": "Czerwona tablica z napisem"}
    assert client.post(reverse("portal:staff_news_create"), form).status_code == 302
    item = NewsItem.objects.get()
    assert item.image.name.endswith(".jpg") and (item.image_width, item.image_height) == (640, 480)
    client.logout()
    page = client.get(item.get_absolute_url()).content.decode()
    assert f'src="/news/{item.slug}/image/" alt="Czerwona tablica z napisem"' in page
    image = client.get(f"/news/{item.slug}/image/")
    assert image["Content-Type"] == "image/jpeg" and "public" in image["Cache-Control"]


def test_a_text_file_named_as_an_image_is_refused(client, coordinator):
    client.force_login(coordinator)
    fake = SimpleUploadedFile("zdjecie.png", b"<script>alert(1)</script>")
    response = client.post(reverse("portal:staff_news_create"), {**NEWS_FORM, "image_upload": fake, "image_alt": "x"})
    assert 'id="id_image_upload_error"' in response.content.decode()
    assert not NewsItem.objects.exists()


def test_the_image_of_a_draft_is_not_public(client, coordinator, partnership):
    client.force_login(coordinator)
    form = {**NEWS_FORM, "status": "draft", "image_upload": photo(), "image_alt": "Tablica"}
    client.post(reverse("portal:staff_news_create"), form)
    item = NewsItem.objects.get()
    assert client.get(f"/news/{item.slug}/image/")["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(f"/news/{item.slug}/image/").status_code == 404


def test_removing_the_image_clears_its_text(client, coordinator, partnership):
    client.force_login(coordinator)
    client.post(reverse("portal:staff_news_create"), {**NEWS_FORM, "image_upload": photo(), "image_alt": "Tablica"})
    item = NewsItem.objects.get()
    form = {**NEWS_FORM, "slug": item.slug, "remove_image": "on", "image_alt": "Tablica"}
    assert client.post(reverse("portal:staff_news_edit", args=[item.pk]), form).status_code == 302
    item.refresh_from_db()
    assert (item.image.name, item.image_alt) == ("", "")


def test_a_published_story_not_about_a_participant_needs_a_consent_record(client, coordinator):
    client.force_login(coordinator)
    form = {
        "title": "Smaki Sudetów",
        "lead": "Sześć osób, jedna stołówka.",
        "body": "Historia.",
        "publish_at": "2026-03-01T10:00",
        "status": "published",
        "consent_given_by": "",
        "consent_given_on": "",
    }
    refused = client.post(reverse("portal:staff_story_create"), form).content.decode()
    assert 'id="id_consent_given_by_error"' in refused and 'id="id_consent_given_on_error"' in refused
    assert client.post(reverse("portal:staff_story_create"), {**form, "status": "draft"}).status_code == 302
    form.update(consent_given_by="Zarząd spółdzielni", consent_given_on="2026-02-20", slug="smaki-2")
    assert client.post(reverse("portal:staff_story_create"), form).status_code == 302
    assert SuccessStory.objects.filter(status=Status.PUBLISHED).count() == 1


def test_only_people_with_consent_to_publication_can_be_chosen_for_a_story(client, coordinator, participant):
    from muflon.people.models import Consent
    from muflon.people.services import give_consent

    client.force_login(coordinator)
    assert participant.last_name not in client.get(reverse("portal:staff_story_create")).content.decode()
    give_consent(participant, Consent.Purpose.PUBLICATION, on=participant.joined_on, method="paper", by=coordinator)
    assert participant.last_name in client.get(reverse("portal:staff_story_create")).content.decode()


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.TRAINER, Role.PARTICIPANT, Role.PARTNER])
def test_other_roles_cannot_edit_the_site(client, cast, partnership, role):
    page = make_page(partnership)
    client.force_login(cast[role])
    assert client.get(reverse("portal:staff")).status_code == 403
    response = client.post(reverse("portal:staff_page_edit", args=[page.pk]), {"title": "Zmienione", "body": "x"})
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.title == "Nasza misja"


def test_another_partnerships_staff_cannot_edit_this_site(client, outsider, partnership):
    page = make_page(partnership)
    news = make_news(partnership)
    story = make_story(partnership)
    client.force_login(outsider)
    for url in (
        reverse("portal:staff_page_edit", args=[page.pk]),
        reverse("portal:staff_news_edit", args=[news.pk]),
        reverse("portal:staff_story_edit", args=[story.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Przejęte"}).status_code == 404
    assert "Nasza misja" not in client.get(reverse("portal:staff_pages")).content.decode()
    # Their own new page lands on their own site.
    client.post(
        reverse("portal:staff_page_create"), {"title": "Ich strona", "body": "x", "menu_order": 1, "status": "draft"}
    )
    assert Page.objects.get(title="Ich strona").partnership == outsider.partnership


def test_staff_lists_show_drafts_and_scheduled_entries(client, coordinator, partnership):
    make_news(partnership, slug="szkic", title="Szkic", status=Status.DRAFT)
    make_news(partnership, slug="pozniej", title="Na później", days_ago=-3)
    client.force_login(coordinator)
    page = client.get(reverse("portal:staff_news"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Szkic" in page and "Na później" in page and "scheduled" in page
    overview = client.get(reverse("portal:staff")).content.decode()
    assert reverse("portal:staff_library") in overview
