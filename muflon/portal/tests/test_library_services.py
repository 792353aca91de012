"""Adding and editing a library item: the item, its tags and its first file in one action."""

import pytest

from muflon.core.models import AuditEntry
from muflon.portal import services, uploads
from muflon.portal.models import LibraryItem, LibraryVersion, Tag
from muflon.portal.tests.makers import make_document, pdf_upload

pytestmark = pytest.mark.django_db


def test_a_new_item_gets_its_tags_and_its_first_file_as_the_current_version(partnership, coordinator):
    upload = pdf_upload()
    item = LibraryItem(partnership=partnership, title="Statut", category=LibraryItem.Category.GUIDE)
    services.add_library_item(
        item, upload, uploads.document_kind(upload), tag_names="statut, spółdzielnia", note="wzór", by=coordinator
    )
    item.refresh_from_db()
    assert sorted(item.tags.values_list("name", flat=True)) == ["spółdzielnia", "statut"]
    assert (item.current.number, item.current.note, item.current.uploaded_by) == (1, "wzór", coordinator)


def test_a_new_item_whose_file_cannot_be_stored_leaves_nothing_behind(partnership, coordinator, monkeypatch):
    def broken_storage(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "store_file", broken_storage)
    upload = pdf_upload()
    item = LibraryItem(partnership=partnership, title="Statut", category=LibraryItem.Category.GUIDE)
    with pytest.raises(OSError):
        services.add_library_item(item, upload, uploads.document_kind(upload), tag_names="statut", by=coordinator)
    assert not LibraryItem.objects.exists()
    assert not Tag.objects.exists()
    assert not LibraryVersion.objects.exists()


def test_editing_an_item_makes_its_tags_exactly_the_named_ones_with_an_audit_entry(partnership, coordinator):
    item = make_document(partnership)
    services.save_library_item(item, tag_names="dotacje", by=coordinator)
    item.title = "Poradnik dotacyjny"
    services.save_library_item(item, tag_names="księgowość, dotacje", by=coordinator)
    item.refresh_from_db()
    assert item.title == "Poradnik dotacyjny"
    assert sorted(item.tags.values_list("name", flat=True)) == ["dotacje", "księgowość"]
    tag_changes = AuditEntry.objects.filter(object_id=str(item.pk), changes__has_key="tags").order_by("id")
    assert [entry.changes["tags"]["new"] for entry in tag_changes] == [["dotacje"], ["dotacje", "księgowość"]]
