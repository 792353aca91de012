"""The portal's demo: the pilot partnership's pages, two years of news, four stories with consent and a library of
real files; loading it twice changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from muflon.core.models import AuditEntry
from muflon.partnership.models import Partnership
from muflon.portal import uploads
from muflon.portal.models import LibraryItem, LibraryVersion, NewsItem, Page, SuccessStory


@pytest.mark.django_db
def test_demo_content_is_complete_real_and_loaded_once(client):
    call_command("load_demo", participants=20)
    counts = [model.objects.count() for model in (Page, NewsItem, SuccessStory, LibraryItem, LibraryVersion)]
    entries = AuditEntry.objects.count()
    call_command("load_demo", participants=20)
    assert [model.objects.count() for model in (Page, NewsItem, SuccessStory, LibraryItem, LibraryVersion)] == counts
    assert AuditEntry.objects.count() == entries

    pilot = Partnership.objects.get(is_default=True)
    assert set(Page.objects.public_on(pilot).values_list("slug", flat=True)) == {
        "misja",
        "partnerstwo",
        "ekonomia-spoleczna",
        "co-upowszechniamy",
        "kontakt",
        "deklaracja-dostepnosci",
    }
    public_news = NewsItem.objects.public_on(pilot)
    assert 18 <= public_news.count() <= 22
    oldest = public_news.order_by("publish_at").first().publish_at
    assert (timezone.now() - oldest).days >= 700
    assert SuccessStory.objects.public_on(pilot).count() == 4
    assert SuccessStory.objects.filter(participant__isnull=False).count() == 2
    kinds = set(LibraryVersion.objects.values_list("kind", flat=True))
    assert {"pdf", "docx", "odt", "xlsx"} <= kinds
    for version in LibraryVersion.objects.all():
        with version.file.open("rb") as handle:
            upload = SimpleUploadedFile(f"plik.{version.kind}", handle.read())
        assert uploads.document_kind(upload).code == version.kind
    assert LibraryItem.objects.filter(visibility="staff").count() == 1
    assert LibraryItem.objects.filter(versions__number=2).exists()
    for path in ("/", "/news/", "/stories/", "/library/", "/pages/misja/", "/news/feed/"):
        assert client.get(path).status_code == 200, path
