"""The access matrix lines of the public portal (portal); merged into tests/test_access_matrix.py.

The public site answers everyone with the published content of the request's site (the world's partnership is the
default one, so another partnership's staff see it too); editing is for the partnership's administrators and
coordinators, and another partnership's entry is not found. Staff-only library files: muflon/portal/tests."""

import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from tests.access_common import MANAGERS, Expect, everyone

# Small fixed files, written again for each world under the files root (tests of the portal use a temporary one).
MATRIX_FILES = "access-matrix"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001649444154789c63e44a39c1c0c0c0c4c0"
    "c0c0c0c000000df4013ad26049f00000000049454e44ae426082"
)


def editing(key=None):
    """A staff page of the site: managers of the partnership; another partnership's entry is not found."""
    if key is None:
        return Expect(allowed=MANAGERS, outsider=200)
    return Expect(allowed=MANAGERS, args=lambda world: [world[key].pk], outsider=404)


# url name -> Expect for GET; see tests/access_common.py.
MATRIX = {
    "portal:home": everyone(),
    "portal:page": everyone(args=lambda world: [world["portal_page"].slug]),
    "portal:news_list": everyone(),
    "portal:news_feed": everyone(),
    "portal:news_year": everyone(args=lambda world: [world["portal_news"].publish_at.year]),
    "portal:news_month": everyone(
        args=lambda world: [world["portal_news"].publish_at.year, world["portal_news"].publish_at.month]
    ),
    "portal:news_detail": everyone(args=lambda world: [world["portal_news"].slug]),
    "portal:news_image": everyone(args=lambda world: [world["portal_news"].slug]),
    "portal:story_list": everyone(),
    "portal:story_detail": everyone(args=lambda world: [world["portal_story"].slug]),
    "portal:story_image": everyone(args=lambda world: [world["portal_story"].slug]),
    "portal:library": everyone(),
    "portal:library_item": everyone(args=lambda world: [world["portal_document"].pk]),
    "portal:library_download": everyone(args=lambda world: [world["portal_document"].pk]),
    "portal:library_version": everyone(args=lambda world: [world["portal_document"].pk, 1]),
    "portal:search": everyone(),
    "portal:staff": editing(),
    "portal:staff_pages": editing(),
    "portal:staff_page_create": editing(),
    "portal:staff_page_edit": editing("portal_page"),
    "portal:staff_news": editing(),
    "portal:staff_news_create": editing(),
    "portal:staff_news_edit": editing("portal_news"),
    "portal:staff_stories": editing(),
    "portal:staff_story_create": editing(),
    "portal:staff_story_edit": editing("portal_story"),
    "portal:staff_library": editing(),
    "portal:staff_library_create": editing(),
    "portal:staff_library_edit": editing("portal_document"),
    "portal:staff_library_version": editing("portal_document"),
}

# url name -> Expect for an empty POST.
POST_MATRIX = {}


def write_matrix_files() -> None:
    folder = Path(settings.PORTAL_FILES_ROOT) / MATRIX_FILES
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "guide.pdf").write_bytes(PDF)
    (folder / "photo.png").write_bytes(PNG)


def extend_world(world):
    """A published page, news item (with an image), story (with its consent) and public library document."""
    from muflon.portal.models import LibraryItem, LibraryVersion, NewsItem, Page, Status, SuccessStory

    write_matrix_files()
    partnership = world["participant"].partnership
    published = {"partnership": partnership, "status": Status.PUBLISHED}
    yesterday = timezone.now() - datetime.timedelta(days=1)
    image = {"image": f"{MATRIX_FILES}/photo.png", "image_alt": "Jeden piksel", "publish_at": yesterday}
    world["portal_page"] = Page.objects.create(**published, slug="misja", title="Misja", body="Tekst")
    world["portal_news"] = NewsItem.objects.create(
        **published, **image, slug="wiadomosc", title="Wiadomość", lead="Zajawka", body="Tekst"
    )
    world["portal_story"] = SuccessStory.objects.create(
        **published,
        **image,
        slug="historia",
        title="Historia",
        lead="Zajawka",
        body="Tekst",
        consent_given_by="Zarząd spółdzielni",
        consent_given_on=datetime.date(2026, 1, 5),
    )
    document = LibraryItem.objects.create(partnership=partnership, title="Poradnik", category="guide")
    document.current = LibraryVersion.objects.create(
        item=document, number=1, file=f"{MATRIX_FILES}/guide.pdf", kind="pdf", size=len(PDF), original_name="p.pdf"
    )
    document.save()
    world["portal_document"] = document
