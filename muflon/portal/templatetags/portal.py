"""Template filters of the portal: Markdown bodies rendered and sanitised."""

from django import template

from muflon.portal.markup import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Staff-written Markdown as sanitised HTML."""
    return render_markdown(text)
