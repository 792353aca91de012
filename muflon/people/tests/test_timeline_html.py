"""The person's page writes the path's events in Python: the same HTML the template wrote, escaped."""

import datetime

from django.template import Context, Template
from django.utils import translation

from muflon.people.timeline import Event, items_html

TEMPLATE = Template(
    "{% for event in timeline %}"
    '<li><time datetime="{{ event.day|date:\'Y-m-d\' }}">{{ event.day|date:"SHORT_DATE_FORMAT" }}</time> — '
    "<strong>{{ event.title }}</strong>{% if event.detail %}: {{ event.detail }}{% endif %}"
    '{% if event.by %} <span class="muted">({{ event.by }})</span>{% endif %}</li>'
    "{% endfor %}"
)
EVENTS = [
    Event(datetime.date(2026, 3, 9), "stage", "Etap: <wsparcie>", 'powód "x" & <b>y</b>', "Jan <Kowalski>"),
    Event(datetime.date(2025, 12, 31), "consent", "Zgoda udzielona"),
    Event(datetime.date(2025, 1, 2), "diagnosis", "Diagnoza", by="Anna"),
]


def test_events_are_the_html_the_template_wrote_in_both_languages():
    for language in ["pl", "en"]:
        with translation.override(language):
            assert items_html(EVENTS) == TEMPLATE.render(Context({"timeline": EVENTS}))


def test_every_part_is_escaped_and_the_date_is_polish():
    with translation.override("pl"):
        html = items_html(EVENTS)
    assert "<b>" not in html and "<wsparcie>" not in html and "<Kowalski>" not in html
    assert "&lt;b&gt;y&lt;/b&gt;" in html
    assert '<time datetime="2026-03-09">09-03-2026</time>' in html  # Django's Polish short date
