"""Staff write Markdown; what reaches a page is sanitised HTML from an allow-list, so no script gets through."""

import re

import pytest
from django.urls import reverse

from muflon.portal.markup import render_markdown
from muflon.portal.models import NewsItem, Page

ATTACK = """## Śródtytuł

Zwykły tekst z **pogrubieniem** i [odnośnikiem](https://example.org).

<script>alert("skrypt")</script>
<img src="x" onerror="alert('onerror')">
<a href="javascript:alert('link')">kliknij</a>
<p onclick="alert('click')" style="color:red">akapit</p>
<iframe src="https://example.org"></iframe>
[markdown-link](javascript:alert('md'))
<svg onload="alert('svg')"></svg>
"""


def assert_harmless(html: str):
    """No script element, event handler, javascript: link, frame, inline style or foreign element in the markup
    (the same words escaped as visible text are harmless)."""
    lowered = html.lower()
    for trace in ("<script", "javascript:", "<iframe", "<img", "<svg", "style="):
        assert trace not in lowered, trace
    assert not re.search(r"<[^>]*\son\w+\s*=", lowered), "an event handler attribute"


def test_markdown_keeps_formatting_and_drops_script():
    html = render_markdown(ATTACK)
    assert "<h2>Śródtytuł</h2>" in html
    assert "<strong>pogrubieniem</strong>" in html
    assert 'href="https://example.org"' in html
    assert_harmless(html)


def test_headings_start_below_the_page_title():
    assert render_markdown("# Tytuł") == "<h2>Tytuł</h2>"


@pytest.mark.django_db
def test_script_posted_by_staff_never_reaches_the_public_page(client, coordinator, partnership):
    """A page and a news item posted with <script>, onerror= and javascript: links come out clean."""
    client.force_login(coordinator)
    page_form = {"title": "Atak", "slug": "atak", "body": ATTACK, "menu_order": 1, "show_in_menu": "on"}
    client.post(reverse("portal:staff_page_create"), {**page_form, "status": "published"})
    news_form = {
        "title": "Atak <script>alert(1)</script>",
        "slug": "atak",
        "lead": "<img src=x onerror=alert(1)>",
        "body": ATTACK,
        "publish_at": "2026-01-01T10:00",
        "status": "published",
    }
    client.post(reverse("portal:staff_news_create"), news_form)
    assert Page.objects.filter(slug="atak").exists() and NewsItem.objects.filter(slug="atak").exists()
    preview = client.post(reverse("portal:staff_news_create"), {**news_form, "slug": "inny", "preview": "1"})
    client.logout()
    for response in (
        client.get("/pages/atak/"),
        client.get("/news/atak/"),
        client.get("/news/"),
        client.get("/"),
        preview,
    ):
        assert response.status_code == 200
        body = response.content.decode()
        assert "Śródtytuł" in body or "Atak" in body
        # The rendered part: the main content, or the preview above the form (whose fields hold the escaped text).
        if 'class="preview"' in body:
            body = body.split('<section class="preview"', 1)[1].split("</section>", 1)[0]
        assert_harmless(body.split("<main", 1)[-1].split("</main>", 1)[0])
    # Plain-text fields are escaped, not interpreted.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/news/atak/").content.decode()
