"""Sections the areas built on people add to a person's pages, from their AppConfig.ready(), so that people's
templates name no area (the staff page of a participant and the participant's own home page).

A section is a template and a function of (request, participant, context) giving its context, or None to leave the
section out; it is rendered in its slot of the page, in `order`."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

# Where a section may go, page by page: after the personal data and after the diagnosis on the staff page of a
# participant; after the path on the participant's own home page.
PAGES = {"staff": ("after_personal_data", "after_diagnosis"), "own": ("own_after_path",)}
SLOTS = tuple(slot for slots in PAGES.values() for slot in slots)


@dataclass(frozen=True)
class Section:
    template: str
    data: Callable
    slot: str
    order: int


_sections: list[Section] = []


def add_section(template: str, data: Callable, *, slot: str, order: int = 100) -> None:
    """Render `template` in `slot` with the context `data(request, participant, context)`, unless that is None."""
    if slot not in SLOTS:
        raise ValueError(f"unknown slot {slot!r}: one of {', '.join(SLOTS)}")
    if any(section.template == template and section.slot == slot for section in _sections):
        return  # ready() may run twice in tests that reload apps
    _sections.append(Section(template, data, slot, order))
    _sections.sort(key=lambda section: section.order)


def sections(request, participant, context, *, page: str) -> dict[str, str]:
    """Each slot of `page` with its sections as HTML, for the page's context (`sections.<slot>`)."""
    html = dict.fromkeys(PAGES[page], "")
    for section in _sections:
        if section.slot not in html:
            continue
        data = section.data(request, participant, context)
        if data is not None:
            html[section.slot] += render_to_string(section.template, data, request=request)
    return {slot: mark_safe(text) for slot, text in html.items()}  # noqa: S308 - rendered by the template engine
