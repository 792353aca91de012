"""Operations of the portal that span several rows or files: library versions, downloads, images, tags."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from muflon.core import audit
from muflon.core.models import AuditEntry
from muflon.people.identity import normalise
from muflon.portal.models import LibraryItem, LibraryVersion, Tag
from muflon.portal.uploads import CleanImage, DocumentKind


def slug_for(text: str, max_length: int = 80) -> str:
    """An address part from Polish text: 'Spółdzielnia Łódź' -> 'spoldzielnia-lodz'."""
    return slugify(normalise(text))[:max_length].strip("-")


@transaction.atomic
def add_library_item(
    item: LibraryItem, upload, kind: DocumentKind, *, tag_names: str = "", note: str = "", by
) -> LibraryItem:
    """A new library item with its tags (named in `tag_names`, separated by commas) and its first file."""
    item.save()
    set_tags(item, tags_from_text(item.partnership, tag_names))
    add_version(item, upload, kind, note=note, by=by)
    return item


@transaction.atomic
def save_library_item(item: LibraryItem, *, tag_names: str, by) -> LibraryItem:
    """Save a library item's description and make its tags exactly those named in `tag_names`."""
    item.save()
    set_tags(item, tags_from_text(item.partnership, tag_names))
    return item


@transaction.atomic
def add_version(item: LibraryItem, upload, kind: DocumentKind, *, note: str = "", by) -> LibraryVersion:
    """Store a checked file as the item's next version and make it the current one; older versions stay."""
    item = LibraryItem.objects.select_for_update().get(pk=item.pk)
    last = item.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = LibraryVersion(
        item=item,
        number=last + 1,
        kind=kind.code,
        size=upload.size,
        original_name=upload.name.rsplit("/", 1)[-1][:255],
        note=note,
        uploaded_by=by,
    )
    store_file(version.file, f"{content_name(upload)}.{kind.extension}", upload)
    version.save()
    item.current = version
    item.save(update_fields=["current", "updated_at"])
    return version


def content_name(upload) -> str:
    """A file name from the content's hash, in one of 256 folders: 'ab/ab12…'."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = digest.hexdigest()[:32]
    return f"{name[:2]}/{name}"


def store_file(field_file, name: str, content) -> None:
    """Save under a name made of the content's hash: the same file uploaded again is stored once (the demo, loaded
    on every `make demo`, reuses its files)."""
    full_name = field_file.field.generate_filename(field_file.instance, name)
    if field_file.storage.exists(full_name):
        field_file.name = full_name
    else:
        field_file.save(name, content, save=False)


def count_download(item: LibraryItem) -> None:
    """One more download, counted in the database so that simultaneous downloads are all counted."""
    LibraryItem.objects.filter(pk=item.pk).update(download_count=F("download_count") + 1)


def store_image(publication, image: CleanImage) -> None:
    """Put a cleaned image on a news item or story (saved with it); the previous file goes when nothing uses it."""
    old_name = publication.image.name
    content = ContentFile(image.content)
    store_file(publication.image, f"{content_name(content)}.{image.extension}", content)
    publication.image_width, publication.image_height = image.width, image.height
    if old_name and old_name != publication.image.name:
        forget_image(publication, old_name)


def remove_image(publication) -> None:
    if publication.image.name:
        forget_image(publication, publication.image.name)
    publication.image = ""
    publication.image_width = publication.image_height = None
    publication.image_alt = ""


def forget_image(publication, name: str) -> None:
    """Delete an image file after the change is committed, unless another entry shows the same file."""
    from muflon.portal.models import NewsItem, SuccessStory

    storage = publication.image.storage

    def delete_if_unused():
        others = [model.objects.filter(image=name).exclude(pk=publication.pk) for model in (NewsItem, SuccessStory)]
        if not any(entries.exists() for entries in others):
            storage.delete(name)

    transaction.on_commit(delete_if_unused)


def tags_from_text(partnership, text: str) -> list[Tag]:
    """The tags named in a comma-separated text, created when new."""
    tags = []
    for name in dict.fromkeys(part.strip() for part in text.split(",")):
        if not name:
            continue
        tag, _ = Tag.objects.get_or_create(partnership=partnership, slug=slug_for(name, 60), defaults={"name": name})
        tags.append(tag)
    return tags


def set_tags(item: LibraryItem, tags: list[Tag]) -> None:
    """Set an item's tags; many-to-many changes bypass the model signals, so the audit entry is written here."""
    before = sorted(item.tags.values_list("name", flat=True))
    item.tags.set(tags)
    after = sorted(tag.name for tag in tags)
    if before != after:
        audit.record(AuditEntry.Action.UPDATE, obj=item, changes={"tags": {"old": before, "new": after}})
