"""Small real documents for the demo library: PDFs made with WeasyPrint, a DOCX and an ODT built with zipfile,
an XLSX with openpyxl, and simple pictures for news items made with Pillow."""

import functools
import io
import zipfile
from xml.sax.saxutils import escape

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from PIL import Image, ImageDraw

PDF_STYLE = mark_safe("""
@page { size: A4; margin: 2cm; @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a; }
h1 { font-size: 20pt; color: #073763; margin-bottom: 4pt; }
.subtitle { color: #4a4a4a; margin-top: 0; }
h2 { font-size: 13pt; color: #0b5394; margin-top: 16pt; }
""")  # noqa: S308 - our own constant CSS


@functools.lru_cache(maxsize=32)
def pdf(title: str, subtitle: str, sections: tuple) -> bytes:
    """A short PDF: a title, a subtitle and (heading, paragraph) sections; Polish letters through DejaVu."""
    from weasyprint import HTML

    body = format_html_join("", "<h2>{}</h2><p>{}</p>", sections)
    html = format_html(
        '<html lang="pl"><head><meta charset="utf-8"><title>{}</title><style>{}</style></head>'
        '<body><h1>{}</h1><p class="subtitle">{}</p>{}</body></html>',
        title,
        PDF_STYLE,
        title,
        subtitle,
        body,
    )
    return HTML(string=html).write_pdf()


def docx(title: str, paragraphs: list[str]) -> bytes:
    """A minimal Word document: the parts Word and LibreOffice need, nothing more."""
    runs = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' for text in paragraphs)
    heading = (
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'
        f"<w:t>{escape(title)}</w:t></w:r></w:p>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{heading}{runs}</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", relationships)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def odt(title: str, paragraphs: list[str]) -> bytes:
    """A minimal OpenDocument text: the `mimetype` member first and stored, then the manifest and the content."""
    text = "".join(f"<text:p>{escape(paragraph)}</text:p>" for paragraph in paragraphs)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f'<office:body><office:text><text:h text:outline-level="1">{escape(title)}</text:h>{text}'
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        package.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def xlsx(sheet_title: str, header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def picture(colour: tuple, accent: tuple, shape: str) -> bytes:
    """A simple illustration (sky, hills and a house or people), 960 x 540 PNG."""
    image = Image.new("RGB", (960, 540), colour)
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 540), (0, 360), (260, 250), (520, 350), (760, 240), (960, 330), (960, 540)], fill=accent)
    if shape == "house":
        draw.rectangle([380, 300, 580, 460], fill=(250, 245, 235))
        draw.polygon([(360, 300), (480, 210), (600, 300)], fill=(160, 50, 40))
        draw.rectangle([455, 380, 505, 460], fill=(90, 60, 40))
    else:
        for index, x in enumerate(range(300, 700, 100)):
            draw.ellipse([x, 300 - index % 2 * 10, x + 50, 350 - index % 2 * 10], fill=(250, 220, 180))
            draw.rectangle([x - 5, 355, x + 55, 470], fill=(40 + index * 40, 90, 160 - index * 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
