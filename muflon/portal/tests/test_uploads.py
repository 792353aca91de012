"""Uploads are checked by their content: library documents (PDF, DOCX, ODT, XLSX, PPTX) and images."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from muflon.portal import uploads
from muflon.portal.demo_documents import docx, odt, xlsx
from muflon.portal.tests.makers import PDF

LIMIT = 20 * 1024 * 1024


def upload(name, content):
    return SimpleUploadedFile(name, content)


def zipped(members: dict, first=None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        if first:
            package.writestr(*first)
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def pptx() -> bytes:
    types = (
        b'<Types><Override PartName="/ppt/presentation.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>'
    )
    return zipped({"[Content_Types].xml": types, "ppt/presentation.xml": b"<p/>"})


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("poradnik.pdf", PDF, "pdf"),
        ("statut.docx", docx("Statut", ["§ 1."]), "docx"),
        ("karta.odt", odt("Karta", ["Pomysł"]), "odt"),
        ("budzet.xlsx", xlsx("Budżet", ["a"], [[1]]), "xlsx"),
        ("slajdy.pptx", pptx(), "pptx"),
        ("WIELKIE.PDF", PDF, "pdf"),
    ],
)
def test_documents_are_recognised_by_their_content(name, content, kind):
    assert uploads.document_kind(upload(name, content)).code == kind


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,  # a Windows program
        zipped({"virus.exe": b"MZ..."}),  # an ordinary zip
        zipped({"[Content_Types].xml": b"<Types/>", "other/x.xml": b"<x/>"}),  # OOXML-like without a known part
        zipped({"content.xml": b"<x/>"}, first=("mimetype", "application/vnd.oasis.opendocument.spreadsheet")),
        b"<html><script>alert(1)</script></html>",
        b"",
        b"PK\x03\x04 broken zip",
    ],
)
def test_a_pdf_name_with_other_content_is_refused(content):
    """An EXE, a plain ZIP, a spreadsheet ODF or HTML named .pdf is refused with a message about the type."""
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        uploads.document_kind(upload("poradnik.pdf", content))
    assert refused.value.code == "wrong_type"
    assert "PDF, DOCX, ODT, XLSX or PPTX" in refused.value.messages[0]


def test_a_document_whose_name_says_another_type_is_refused():
    with pytest.raises(ValidationError) as refused:
        uploads.document_kind(upload("statut.pdf", docx("Statut", ["§ 1."])))
    assert refused.value.code == "wrong_extension"
    assert ".docx" in refused.value.messages[0]


def test_twenty_megabytes_pass_and_one_byte_more_is_refused():
    exactly = PDF + b"0" * (LIMIT - len(PDF))
    assert uploads.document_kind(upload("duzy.pdf", exactly)).code == "pdf"
    with pytest.raises(ValidationError) as refused:
        uploads.document_kind(upload("za-duzy.pdf", exactly + b"0"))
    assert refused.value.code == "too_large"
    assert "20,0" in refused.value.messages[0] or "20.0" in refused.value.messages[0]


def png_with_exif() -> bytes:
    image = Image.new("RGB", (2400, 1200), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Aparat z GPS"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_an_image_is_saved_anew_smaller_and_without_its_metadata():
    cleaned = uploads.clean_image(upload("zdjecie.jpg", png_with_exif()))
    assert (cleaned.width, cleaned.height, cleaned.extension) == (1600, 800, "jpg")
    with Image.open(io.BytesIO(cleaned.content)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


@pytest.mark.parametrize(
    "content", [b"GIF89a not really", PDF, b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"]
)
def test_something_else_named_as_an_image_is_refused(content):
    with pytest.raises(ValidationError) as refused:
        uploads.clean_image(upload("zdjecie.png", content))
    assert refused.value.code == "not_image"
