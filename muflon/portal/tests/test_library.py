"""The library: filters and search, versions that keep the old files, staff-only files never served to the public,
download counts that lose nothing, and uploads refused by content."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.core.models import AuditEntry
from muflon.portal import services, uploads
from muflon.portal.demo_documents import docx, odt
from muflon.portal.models import LibraryItem, LibraryVersion
from muflon.portal.tests.makers import PDF, make_document, pdf_upload

pytestmark = pytest.mark.django_db


def add_version(item, content, name, by=None, note=""):
    upload = SimpleUploadedFile(name, content)
    return services.add_version(item, upload, uploads.document_kind(upload), note=note, by=by)


def test_list_filters_by_category_tag_type_and_words(client, partnership):
    guide = make_document(partnership, "Poradnik księgowego", description="Jak prowadzić księgi spółdzielni")
    services.set_tags(guide, services.tags_from_text(partnership, "finanse, księgowość"))
    report = make_document(partnership, "Raport roczny", category=LibraryItem.Category.REPORT)
    template = LibraryItem.objects.create(
        partnership=partnership, title="Wzór statutu", category=LibraryItem.Category.TEMPLATE
    )
    add_version(template, docx("Statut", ["§ 1."]), "statut.docx")

    def titles(query):
        page = client.get(f"/library/{query}").content.decode()
        return {item.title for item in (guide, report, template) if item.title in page}

    assert titles("") == {"Poradnik księgowego", "Raport roczny", "Wzór statutu"}
    assert titles("?category=report") == {"Raport roczny"}
    assert titles("?tag=ksiegowosc") == {"Poradnik księgowego"}
    assert titles("?kind=docx") == {"Wzór statutu"}
    # Words are found without Polish letters and in the description.
    assert titles("?q=KSIEGI") == {"Poradnik księgowego"}
    assert titles("?q=statut+wzor") == {"Wzór statutu"}
    assert titles("?q=nic+takiego") == set()


def test_list_runs_a_fixed_number_of_queries(client, partnership, django_assert_max_num_queries):
    for number in range(15):
        item = make_document(partnership, f"Dokument {number}")
        services.set_tags(item, services.tags_from_text(partnership, f"t{number}, wspólny"))
    client.get("/library/")
    client.logout()
    from django.core.cache import caches

    caches["portal"].clear()
    # The site, the tags to filter by, the items, their tags, the menu pages, the next scheduled entries (2).
    with django_assert_max_num_queries(7):
        page = client.get("/library/").content.decode()
    assert "Dokument 14" in page


def test_a_new_version_becomes_current_and_the_old_one_stays_downloadable(client, partnership, coordinator):
    item = make_document(partnership, "Raport o efektach", by=coordinator)
    add_version(item, PDF.replace(b"Catalog", b"Catalog /V2"), "raport.pdf", by=coordinator, note="poprawki")
    item.refresh_from_db()
    assert item.current.number == 2
    assert list(item.versions.values_list("number", flat=True)) == [2, 1]
    current = client.get(f"/library/{item.pk}/download/")
    assert b"/V2" in b"".join(current.streaming_content)
    assert current["Content-Disposition"].startswith('attachment; filename="raport-o-efektach-v2.pdf"')
    old = client.get(f"/library/{item.pk}/versions/1/download/")
    assert old.status_code == 200 and b"/V2" not in b"".join(old.streaming_content)
    assert client.get(f"/library/{item.pk}/versions/3/download/").status_code == 404
    page = client.get(f"/library/{item.pk}/").content.decode()
    assert "poprawki" in page and f"/library/{item.pk}/versions/1/download/" in page


def test_staff_only_files_are_never_served_to_the_public(client, partnership, cast, outsider):
    """Anonymous visitors, participants and another partnership's staff get 404, even by a direct link."""
    item = make_document(partnership, "Instrukcja wewnętrzna", visibility=LibraryItem.Visibility.STAFF)
    links = [
        f"/library/{item.pk}/",
        f"/library/{item.pk}/download/",
        f"/library/{item.pk}/versions/1/download/",
    ]
    for user in (None, cast[Role.PARTICIPANT], outsider):
        client.logout()
        if user:
            client.force_login(user)
        for link in links:
            assert client.get(link).status_code == 404, (user, link)
        assert "Instrukcja wewnętrzna" not in client.get("/library/").content.decode()
        assert "Instrukcja wewnętrzna" not in client.get("/search/?q=instrukcja").content.decode()
    for role in (Role.TRAINER, Role.COORDINATOR):
        client.force_login(cast[role])
        response = client.get(f"/library/{item.pk}/download/")
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "Instrukcja wewnętrzna" in client.get("/library/").content.decode()
    item.refresh_from_db()
    assert item.download_count == 2


def test_files_have_no_public_address(partnership):
    item = make_document(partnership)
    with pytest.raises(NotImplementedError):
        item.current.file.url  # noqa: B018


def test_each_download_is_counted(client, partnership):
    item = make_document(partnership)
    for _ in range(3):
        assert client.get(f"/library/{item.pk}/download/").status_code == 200
    client.get(f"/library/{item.pk}/")
    item.refresh_from_db()
    assert item.download_count == 3


@pytest.mark.django_db(transaction=True)
def test_simultaneous_downloads_are_all_counted(partnership):
    """20 downloads at once from 10 threads: the counter is an UPDATE … SET n = n + 1, so none is lost."""
    item = make_document(partnership)
    errors = []

    def download():
        try:
            browser = Client()
            for _ in range(2):
                response = browser.get(f"/library/{item.pk}/download/")
                b"".join(response.streaming_content)
                assert response.status_code == 200
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=download) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    item.refresh_from_db()
    assert item.download_count == 20


def test_staff_add_a_document_and_a_new_version(client, partnership, coordinator):
    client.force_login(coordinator)
    form = {
        "title": "Karta pracy",
        "description": "Do warsztatów",
        "category": "template",
        "visibility": "public",
        "tag_names": "warsztaty, Warsztaty ,  biznesplan",
        "note": "pierwsze wydanie",
        "file": SimpleUploadedFile("karta.odt", odt("Karta", ["Pomysł"])),
    }
    response = client.post(reverse("portal:staff_library_create"), form)
    assert response.status_code == 302
    item = LibraryItem.objects.get(title="Karta pracy")
    assert item.current.kind == "odt" and item.current.uploaded_by == coordinator
    assert sorted(item.tags.values_list("name", flat=True)) == ["biznesplan", "warsztaty"]
    new_version = {"file": SimpleUploadedFile("karta.odt", odt("Karta", ["Pomysł 2"])), "note": "nowe pola"}
    response = client.post(reverse("portal:staff_library_version", args=[item.pk]), new_version)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.current.number == 2 and item.versions.count() == 2
    assert AuditEntry.objects.filter(content_type__model="libraryversion", action=AuditEntry.Action.CREATE).count() == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.pdf", b"MZ\x90\x00" + b"\x00" * 200, "PDF, DOCX, ODT, XLSX or PPTX"),
        ("archiwum.pdf", b"PK\x03\x04" + b"\x00" * 100, "PDF, DOCX, ODT, XLSX or PPTX"),
        ("za-duzy.pdf", PDF + b"0" * (20 * 1024 * 1024 + 1 - len(PDF)), "too large"),
    ],
)
def test_a_refused_upload_shows_a_message_at_the_field_and_saves_nothing(
    client, partnership, coordinator, name, content, message
):
    client.force_login(coordinator)
    form = {"title": "Zły plik", "category": "guide", "visibility": "public", "file": SimpleUploadedFile(name, content)}
    response = client.post(reverse("portal:staff_library_create"), form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'id="id_file_error"' in page
    assert not LibraryItem.objects.exists() and not LibraryVersion.objects.exists()


def test_a_refused_new_version_keeps_the_current_one(client, partnership, coordinator):
    item = make_document(partnership)
    client.force_login(coordinator)
    bad = {"file": SimpleUploadedFile("nowa.pdf", b"<script>alert(1)</script>")}
    response = client.post(reverse("portal:staff_library_version", args=[item.pk]), bad)
    assert response.status_code == 200
    assert item.versions.count() == 1


def test_the_demo_pdf_upload_helper_is_a_pdf():
    assert uploads.document_kind(pdf_upload()).code == "pdf"


def test_the_public_filter_offers_only_the_tags_of_public_items(client, partnership, cast):
    from muflon.portal.models import Tag

    public = make_document(partnership, "Poradnik")
    hidden = make_document(partnership, "Instrukcja wewnętrzna", visibility=LibraryItem.Visibility.STAFF)
    public.tags.add(Tag.objects.create(partnership=partnership, name="Spółdzielnie", slug="spoldzielnie"))
    hidden.tags.add(Tag.objects.create(partnership=partnership, name="Sprawy kadrowe", slug="kadry"))
    page = client.get("/library/").content.decode()
    assert "Spółdzielnie" in page and "Sprawy kadrowe" not in page
    client.force_login(cast[Role.COORDINATOR])
    assert "Sprawy kadrowe" in client.get("/library/").content.decode()
