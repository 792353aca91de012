"""Checks of uploaded files by their content, not their name: library documents and images."""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError


@dataclass(frozen=True)
class DocumentKind:
    code: str
    extension: str
    content_type: str
    label: str


KINDS = {
    kind.code: kind
    for kind in [
        DocumentKind("pdf", "pdf", "application/pdf", "PDF"),
        DocumentKind(
            "docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"
        ),
        DocumentKind(
            "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"
        ),
        DocumentKind(
            "pptx",
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint (PPTX)",
        ),
        DocumentKind("odt", "odt", "application/vnd.oasis.opendocument.text", "OpenDocument (ODT)"),
    ]
}
# An OOXML package names its main part's type in [Content_Types].xml and keeps that part in its own folder.
OOXML_PARTS = {
    "docx": ("word/", b"wordprocessingml.document.main+xml"),
    "xlsx": ("xl/", b"spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/", b"presentationml.presentation.main+xml"),
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Zip members read to recognise a package are small; a larger one means a trick, not an office file.
MAX_MEMBER_READ = 1024 * 1024
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_MAX_WIDTH = 1600


def max_upload_bytes() -> int:
    return settings.PORTAL_MAX_UPLOAD_BYTES


def check_size(upload) -> None:
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_upload_bytes())},
            code="too_large",
        )


def refused_type() -> ValidationError:
    return ValidationError(
        _("This file is not a PDF, DOCX, ODT, XLSX or PPTX document (checked by its content, not its name)."),
        code="wrong_type",
    )


def document_kind(upload) -> DocumentKind:
    """The kind of a library document read from its bytes; refuses anything else, whatever its name says."""
    check_size(upload)
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        kind = KINDS["pdf"]
    elif head.startswith(b"PK\x03\x04"):
        kind = KINDS[package_kind(upload)]
    else:
        raise refused_type()
    upload.seek(0)
    check_extension(upload.name, kind)
    return kind


def package_kind(upload) -> str:
    """'docx', 'xlsx', 'pptx' or 'odt' for a zip package with the right parts; otherwise the file is refused."""
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
            if names and names[0] == "mimetype":
                if read_member(package, "mimetype").strip() == ODT_MIMETYPE:
                    return "odt"
                raise refused_type()
            if "[Content_Types].xml" in names:
                types = read_member(package, "[Content_Types].xml")
                for code, (folder, main_type) in OOXML_PARTS.items():
                    if main_type in types and any(name.startswith(folder) for name in names):
                        return code
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, KeyError) as error:
        raise refused_type() from error
    raise refused_type()


def read_member(package, name) -> bytes:
    info = package.getinfo(name)
    if info.file_size > MAX_MEMBER_READ:
        raise refused_type()
    return package.read(name)


def check_extension(name: str, kind: DocumentKind) -> None:
    """A name whose extension says another type is refused: nobody should open a file of a kind they did not expect."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension != kind.extension:
        raise ValidationError(
            _("The file is a %(kind)s document but its name ends in “.%(extension)s”; rename it to .%(right)s."),
            params={"kind": kind.label, "extension": extension, "right": kind.extension},
            code="wrong_extension",
        )


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    extension: str
    width: int
    height: int


def clean_image(upload) -> CleanImage:
    """A photo checked by Pillow and saved anew: turned upright, at most 1600 px wide, without its metadata (a phone
    photo carries the place where it was taken)."""
    check_size(upload)
    refused = ValidationError(_("This file is not a JPEG, PNG, WebP or GIF image."), code="not_image")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in IMAGE_FORMATS:
                raise refused
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("The image has too many pixels; make it smaller first."), code="too_big")
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            return reencode(image)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError) as error:
        raise refused from error
    finally:
        upload.seek(0)


def reencode(image) -> CleanImage:
    image = ImageOps.exif_transpose(image)
    if image.width > IMAGE_MAX_WIDTH:
        image = image.resize((IMAGE_MAX_WIDTH, round(image.height * IMAGE_MAX_WIDTH / image.width)))
    buffer = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        image.save(buffer, format="PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
        extension = "jpg"
    return CleanImage(buffer.getvalue(), extension, image.width, image.height)
