"""Sections other areas add to a person's pages: each page runs only its own slots, in order."""

import pytest
from django.test import RequestFactory

from muflon.people import person_page


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(person_page, "_sections", [])
    return person_page


def test_a_page_renders_only_its_own_slots_and_leaves_out_sections_without_data(registry, coordinator):
    calls = []

    def data(name):
        def give(request, participant, context):
            calls.append(name)
            return None if name == "hidden" else {"workshop_steps": []}

        return give

    registry.add_section("education/path_progress.html", data("own"), slot="own_after_path")
    registry.add_section("education/own_path_section.html", data("hidden"), slot="after_personal_data")
    request = RequestFactory().get("/")
    request.user = coordinator

    staff = registry.sections(request, None, {"level": "full"}, page="staff")
    assert calls == ["hidden"]
    assert staff == {"after_personal_data": "", "after_diagnosis": ""}

    own = registry.sections(request, None, {}, page="own")
    assert calls == ["hidden", "own"]
    assert "path-progress-heading" in own["own_after_path"]


def test_an_unknown_slot_is_refused(registry):
    with pytest.raises(ValueError, match="unknown slot"):
        registry.add_section("x.html", lambda *args: {}, slot="sidebar")
