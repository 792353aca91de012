"""A participant's copy of their own data holds their care records, never a counsellor's confidential notes."""

import datetime
from decimal import Decimal

import pytest

from muflon.care import services
from muflon.care.models import CareArrangement, Dependant
from muflon.people import data_export

# dates: Sessions and care dated yesterday.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]

CANARY = "kanarek-notatki-7f3a"


def test_the_copy_has_sessions_and_care_and_no_note(care_client, counsellor, coordinator, yesterday):
    person = care_client.participant
    services.record_session(
        care_client, held_on=yesterday, minutes=50, form="individual", summary="Sesja odbyta", by=counsellor
    )
    services.write_note(care_client, f"Poufne: {CANARY}", by=counsellor)
    dependant = Dependant.objects.create(participant=person, kind="child_under_7", care_needs="Przedszkole")
    arrangement = CareArrangement(
        dependant=dependant,
        provider="kindergarten",
        starts_on=yesterday,
        ends_on=yesterday + datetime.timedelta(days=90),
        hours_per_week=Decimal("20"),
        monthly_cost=Decimal("350.00"),
        paid_by="project",
    )
    services.save_arrangement(arrangement, by=coordinator)

    data = data_export.person_data(person)
    assert [(s["held_on"], s["minutes"], s["form"]["code"]) for s in data["counselling_sessions"]] == [
        (yesterday, 50, "individual")
    ]
    [kept] = data["dependants"]
    assert kept["kind"]["code"] == "child_under_7"
    assert kept["care_arrangements"][0]["monthly_cost_pln"] == Decimal("350.00")
    for text in (data_export.as_json(data), data_export.pdf_html(data)):
        assert CANARY not in text
    assert "Przedszkole" in data_export.pdf_html(data)
