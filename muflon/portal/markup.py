"""Rich text of the portal: Markdown written by staff, rendered to HTML and then cleaned by an allow-list."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

# What the rendered Markdown may keep; everything else (script, style, iframe, img, event handlers, inline styles,
# javascript: links) is removed by nh3 after rendering, so raw HTML in the text cannot inject anything.
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup", "abbr",
    "blockquote", "code", "pre", "ul", "ol", "li", "dl", "dt", "dd", "a",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["markdown.extensions.tables", "markdown.extensions.sane_lists"]


def clean_html(html: str) -> str:
    """HTML reduced to the allow-list; dangerous elements go with their content."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> SafeString:
    """Markdown as safe HTML for a public page."""
    html = markdown.markdown(text or "", extensions=EXTENSIONS)
    # The page's own title is its only h1: a "# heading" in the text becomes an h2.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return mark_safe(clean_html(html))  # noqa: S308 - cleaned by the allow-list just above


def plain_text(text: str) -> str:
    """The words of a Markdown text without markup, for search and feed summaries."""
    return nh3.clean(render_markdown(text), tags=set()).replace("&amp;", "&").replace("&nbsp;", " ")
