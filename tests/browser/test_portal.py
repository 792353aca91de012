"""Browser journeys of the public site: every public page passes axe-core, works without JavaScript and reflows at
320 px; the library and search work with JavaScript off; a coordinator previews and publishes news that visitors see
at once; staff-only files stay hidden from visitors."""

import datetime
import functools
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from muflon.accounts.models import Role
from muflon.portal import services, uploads
from muflon.portal.models import LibraryItem, NewsItem, Page, Status, SuccessStory
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
LONG_WORD = "Najdłuższewyrazyniemieszcząsięnawąskimekranie" * 2


@functools.cache
def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def add_file(item, name=b"", note=""):
    upload = SimpleUploadedFile("plik.pdf", PDF + name)
    services.add_version(item, upload, uploads.document_kind(upload), note=note, by=None)


@pytest.fixture
def site(settings, tmp_path, partnership):
    """A small site: pages, news over two years (one with a photo), a story, public and staff-only documents."""
    settings.PORTAL_FILES_ROOT = tmp_path / "files"
    published = {"partnership": partnership, "status": Status.PUBLISHED}
    for order, (slug, title) in enumerate([("misja", "Nasza misja"), ("kontakt", "Kontakt")]):
        body = f"## Kim jesteśmy\n\nTekst strony z [odnośnikiem](/news/) i długim słowem {LONG_WORD}.\n\n"
        body += "| Partner | Rola |\n| --- | --- |\n| Gmina | lokale |\n"
        Page.objects.create(**published, slug=slug, title=title, body=body, menu_order=order)
    Page.objects.create(
        **published, slug="deklaracja-dostepnosci", title="Deklaracja dostępności", body="Tekst", show_in_menu=False
    )
    now = timezone.now()
    for number in range(12):
        NewsItem.objects.create(
            **published,
            slug=f"wiadomosc-{number}",
            title=f"Wiadomość numer {number}",
            lead="Krótka zajawka wiadomości.",
            body="Treść **wiadomości**.",
            publish_at=now - datetime.timedelta(days=number * 60 + 1),
        )
    with_photo = NewsItem.objects.get(slug="wiadomosc-0")
    services.store_image(with_photo, uploads.clean_image(SimpleUploadedFile("foto.png", photo())))
    with_photo.image_alt = "Niebieski prostokąt"
    with_photo.save()
    SuccessStory.objects.create(
        **published,
        slug="smaki-sudetow",
        title="Smaki Sudetów",
        lead="Sześć osób prowadzi stołówkę.",
        body="Cała historia.",
        cooperative_name="Spółdzielnia Socjalna Smaki Sudetów",
        cooperative_url="https://smaki.example.org/",
        consent_given_by="Zarząd",
        consent_given_on=datetime.date(2026, 1, 5),
        publish_at=now - datetime.timedelta(days=3),
    )
    guide = LibraryItem.objects.create(
        partnership=partnership, title="Poradnik spółdzielcy", description="Jak założyć spółdzielnię", category="guide"
    )
    add_file(guide)
    add_file(guide, b"% v2", note="poprawki")
    services.set_tags(guide, services.tags_from_text(partnership, "spółdzielnia, poradnik"))
    report = LibraryItem.objects.create(partnership=partnership, title="Raport roczny", category="report")
    add_file(report, b"% raport")
    secret = LibraryItem.objects.create(
        partnership=partnership, title="Instrukcja wewnętrzna", category="guide", visibility="staff"
    )
    add_file(secret, b"% tajne")
    return {"guide": guide, "secret": secret, "news_month": with_photo.publish_at}


# Every public page; {year}, {month} and {guide} come from the site fixture.
PUBLIC_PATHS = [
    "/",
    "/pages/misja/",
    "/pages/deklaracja-dostepnosci/",
    "/news/",
    "/news/?page=2",
    "/news/{year}/",
    "/news/{year}/{month}/",
    "/news/wiadomosc-0/",
    "/stories/",
    "/stories/smaki-sudetow/",
    "/library/",
    "/library/?category=guide&tag=poradnik",
    "/library/{guide}/",
    "/search/",
    "/search/?q=spoldzielni",
    "/search/?q=nic+takiego",
]


def address(path, site):
    month = timezone.localtime(site["news_month"])
    return path.format(year=month.year, month=month.month, guide=site["guide"].pk)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_is_accessible(page, site, path):
    """No WCAG 2.1 A/AA violations on any public page (axe-core)."""
    page.goto(address(path, site))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_every_public_page_works_without_javascript_at_320_px(browser, live_server, site, path):
    """With JavaScript off on a 320 px wide screen the page shows its content and needs no sideways scrolling."""
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    narrow = context.new_page()
    response = narrow.goto(address(path, site))
    assert response.status == 200
    expect(narrow.get_by_role("heading", level=1)).to_be_visible()
    expect(narrow.locator("nav.site-nav")).to_be_visible()
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 320, path
    context.close()


def no_script_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    return context, context.new_page()


def test_library_filters_and_downloads_without_javascript(browser, live_server, site):
    context, visitor = no_script_page(browser, live_server)
    visitor.goto("/library/")
    expect(visitor.locator("main")).to_contain_text("Raport roczny")
    visitor.locator("#id_category").select_option("guide")
    visitor.locator("main form[role=search] button[type=submit]").click()
    expect(visitor.locator("main")).not_to_contain_text("Raport roczny")
    expect(visitor.locator("main")).to_contain_text("Poradnik spółdzielcy")
    visitor.get_by_role("link", name="Poradnik spółdzielcy", exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Poradnik spółdzielcy")
    with visitor.expect_download() as download:
        visitor.locator(f"a[href='/library/{site['guide'].pk}/versions/1/download/']").click()
    assert download.value.suggested_filename == "poradnik-spoldzielcy-v1.pdf"
    context.close()


def test_staff_only_documents_stay_hidden_from_visitors_even_by_direct_link(browser, live_server, site):
    context, visitor = no_script_page(browser, live_server)
    visitor.goto("/library/")
    expect(visitor.locator("main")).not_to_contain_text("Instrukcja wewnętrzna")
    for link in (f"/library/{site['secret'].pk}/", f"/library/{site['secret'].pk}/download/"):
        assert visitor.request.get(link).status == 404
    context.close()


def test_search_without_javascript_finds_news_and_pages(browser, live_server, site):
    context, visitor = no_script_page(browser, live_server)
    visitor.goto("/search/")
    visitor.locator("#id_q").fill("WIADOMOŚĆ numer 1")
    visitor.locator("main form[role=search] button[type=submit]").click()
    expect(visitor.locator("main")).to_contain_text("Wiadomość numer 1")
    context.close()


def test_the_language_switch_works_on_a_kept_page_without_javascript(browser, live_server, site):
    """The home page comes from the cache, yet its language form carries this visitor's own CSRF token."""
    context, visitor = no_script_page(browser, live_server)
    visitor.goto("/")
    visitor.goto("/")
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    visitor.locator(".language-switch button").click()
    expect(visitor.locator("html")).to_have_attribute("lang", "pl")
    context.close()


def test_coordinator_previews_and_publishes_news_that_visitors_see_at_once(
    page, browser, live_server, log_in, cast, site
):
    visitor_context, visitor = no_script_page(browser, live_server)
    visitor.goto("/")  # the home page is now kept in the cache
    expect(visitor.locator("main")).not_to_contain_text("Dzień otwarty w inkubatorze")

    log_in(cast[Role.COORDINATOR])
    page.get_by_role("link", name="Public site").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Public site")
    assert_accessible(page)
    page.goto("/app/portal/news/new/")
    page.locator("#id_title").fill("Dzień otwarty w inkubatorze")
    page.locator("#id_lead").fill("Zapraszamy w sobotę.")
    page.locator("#id_body").fill("## Program\n\n- rozmowy z doradcami\n- **kawa**")
    page.locator("#id_status").select_option("published")
    page.locator("button[name=preview]").click()
    expect(page.locator("section.preview strong")).to_have_text("kawa")
    assert not NewsItem.objects.filter(title="Dzień otwarty w inkubatorze").exists()
    assert_accessible(page)
    page.locator("button[name=save]").click()
    expect(page.locator(".messages")).to_contain_text("Dzień otwarty w inkubatorze")
    assert_accessible(page)

    visitor.goto("/")
    expect(visitor.locator("main")).to_contain_text("Dzień otwarty w inkubatorze")
    visitor_context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/app/portal/pages/",
        "/app/portal/pages/new/",
        "/app/portal/stories/new/",
        "/app/portal/library/",
        "/app/portal/library/new/",
    ],
)
def test_staff_pages_of_the_site_are_accessible(page, log_in, cast, site, path):
    log_in(cast[Role.ADMIN])
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_a_library_item_with_versions_is_accessible_to_its_editor(page, log_in, cast, site):
    log_in(cast[Role.COORDINATOR])
    page.goto(f"/app/portal/library/{site['guide'].pk}/")
    expect(page.locator("table")).to_contain_text("poprawki")
    assert_accessible(page)
    page.goto(f"/app/portal/library/{site['guide'].pk}/versions/new/")
    assert_accessible(page)
