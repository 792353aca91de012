"""Makers of portal content for tests: published by default, in the given partnership."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from muflon.portal import services, uploads
from muflon.portal.models import LibraryItem, NewsItem, Page, Status, SuccessStory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def make_page(partnership, slug="misja", title="Nasza misja", body="Pomagamy wrócić do pracy.", **extra):
    extra.setdefault("status", Status.PUBLISHED)
    return Page.objects.create(partnership=partnership, slug=slug, title=title, body=body, **extra)


def make_news(partnership, slug="nowosc", title="Nowość", days_ago=1, **extra):
    extra.setdefault("status", Status.PUBLISHED)
    extra.setdefault("lead", f"Zajawka: {title}")
    extra.setdefault("body", "Treść wiadomości.")
    publish_at = timezone.now() - datetime.timedelta(days=days_ago)
    return NewsItem.objects.create(partnership=partnership, slug=slug, title=title, publish_at=publish_at, **extra)


def make_story(partnership, slug="historia", title="Historia sukcesu", **extra):
    extra.setdefault("status", Status.PUBLISHED)
    extra.setdefault("lead", "Jak znaleźli pracę.")
    extra.setdefault("body", "Cała historia.")
    if "participant" not in extra:
        extra.setdefault("consent_given_by", "Zarząd spółdzielni")
        extra.setdefault("consent_given_on", datetime.date(2026, 1, 10))
    publish_at = extra.pop("publish_at", timezone.now() - datetime.timedelta(days=1))
    return SuccessStory.objects.create(partnership=partnership, slug=slug, title=title, publish_at=publish_at, **extra)


def pdf_upload(name="poradnik.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_document(partnership, title="Poradnik spółdzielcy", *, by=None, visibility="public", **extra):
    extra.setdefault("category", LibraryItem.Category.GUIDE)
    item = LibraryItem.objects.create(partnership=partnership, title=title, visibility=visibility, **extra)
    upload = pdf_upload()
    services.add_version(item, upload, uploads.document_kind(upload), note="pierwsza", by=by)
    item.refresh_from_db()
    return item
