"""Pages of barrier support: barriers over time as a chart with its table, lists in few queries.

The demo's barrier support is checked with the rest of the demo, in tests/test_demo.py."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.care import services
from muflon.care.charts import barriers_over_time
from muflon.care.models import CareArrangement, Dependant, SelfHelpGroup
from muflon.people.models import Assessment, BarrierScore
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed(participant, coordinator):
    """Two diagnoses: psychological barriers from 3 (severe) down to 1, health unchanged at 2."""
    for day, psychological in [(datetime.date(2026, 1, 10), 3), (datetime.date(2026, 4, 10), 1)]:
        assessment = Assessment.objects.create(participant=participant, assessed_on=day, assessed_by=coordinator)
        for area in BarrierScore.Area:
            severity = psychological if area == BarrierScore.Area.PSYCHOLOGICAL else 2
            BarrierScore.objects.create(assessment=assessment, area=area, severity=severity)
    return participant


def test_the_chart_draws_a_more_severe_barrier_higher(assessed):
    chart = barriers_over_time(assessed.assessments.prefetch_related("scores"))
    psychological = next(s for s in chart["series"] if s.label == BarrierScore.Area.PSYCHOLOGICAL.label)
    first, latest = psychological.points
    assert (first.severity, latest.severity) == (3, 1)
    assert first.y < latest.y and first.x < latest.x
    assert psychological.change == "3 → 1"
    assert chart["rows"][0][1] == [2, 2]


def test_no_diagnosis_no_chart(participant):
    assert barriers_over_time(participant.assessments.all()) == {}


def test_the_persons_care_page_shows_the_chart_with_a_text_alternative_and_the_table(english, assessed, coordinator):
    english.force_login(coordinator)
    page = english.get(reverse("care:person", args=[assessed.pk])).content.decode()
    assert '<svg viewBox="0 0 580' in page and 'role="img"' in page
    assert '<title id="barrier-chart-title">Barriers over time</title>' in page
    assert "psychological and motivational: 3 → 1" in page  # the description for screen readers
    assert '<table id="barrier-table">' in page and "<td>3</td>" in page and "<td>1</td>" in page
    assert "points=" in page  # a line for each area with two diagnoses


def test_the_participants_page_shows_the_chart_and_the_way_to_barrier_support(client, assessed, cast):
    client.force_login(cast[Role.COORDINATOR])
    page = client.get(reverse("people:detail", args=[assessed.pk])).content.decode()
    assert 'aria-labelledby="barrier-chart-title barrier-chart-desc"' in page
    assert reverse("care:person", args=[assessed.pk]) in page
    # The advisor sees the chart on the person's page, but barrier support is not their work.
    client.force_login(cast[Role.ADVISOR])
    page = client.get(reverse("people:detail", args=[assessed.pk])).content.decode()
    assert "barrier-chart-title" in page
    assert reverse("care:person", args=[assessed.pk]) not in page


def add_client(partnership, gmina, coordinator, counsellor, number):
    from muflon.people.services import give_consent

    person = make_participant(
        partnership, gmina, by=coordinator, first_name=f"Osoba{number}", document_number=f"QRY{number:06d}"
    )
    give_consent(person, "health_data", on=person.joined_on, method="paper", by=coordinator)
    client = services.refer_to_counselling(
        person, counsellor=counsellor, kind="psychological", referred_on=person.joined_on, by=coordinator
    )
    session = services.record_session(
        client, held_on=person.joined_on, minutes=50, form="individual", summary="x", by=counsellor
    )
    services.write_note(client, "x", session=session, by=counsellor)
    dependant = Dependant.objects.create(participant=person, kind="child_7_15", name="Dziecko")
    services.save_arrangement(
        CareArrangement(
            dependant=dependant,
            provider="family",
            starts_on=person.joined_on,
            hours_per_week=10,
            monthly_cost=0,
            paid_by="nobody",
        ),
        by=coordinator,
    )
    group = SelfHelpGroup.objects.create(
        partnership=partnership, topic=f"Grupa {number}", place="x", schedule="x", started_on=person.joined_on
    )
    services.add_member(group, person, on=person.joined_on, by=coordinator)


@pytest.mark.parametrize("url_name", ["care:clients", "care:sessions", "care:groups", "care:arrangements", "care:gaps"])
def test_lists_take_the_same_number_of_queries_for_more_rows(client, partnership, gmina, cast, url_name):
    coordinator, counsellor = cast[Role.COORDINATOR], cast[Role.COUNSELLOR]
    client.force_login(coordinator)
    add_client(partnership, gmina, coordinator, counsellor, 1)
    client.get(reverse(url_name))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name)).status_code == 200
    for number in range(2, 7):
        add_client(partnership, gmina, coordinator, counsellor, number)
    with CaptureQueriesContext(connection) as more:
        assert client.get(reverse(url_name)).status_code == 200
    assert len(more) == len(few)
