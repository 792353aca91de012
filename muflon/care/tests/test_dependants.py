"""Care for dependants: arrangements never overlap and never cost less than nothing; the coordinator's list of
activities of people whose dependants have no care arranged."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from muflon.care import services
from muflon.care.models import CareArrangement, Dependant, SelfHelpGroup
from muflon.education.services import enrol
from tests.factories import make_edition, make_participant

# dates: Care gaps in the coming weeks, arrangements and groups from today.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def dependant(participant):
    return Dependant.objects.create(participant=participant, kind="child_under_7", name="Zosia")


def arrangement(dependant, starts_on, ends_on=None, **overrides):
    fields = {
        "dependant": dependant,
        "provider": "kindergarten",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "hours_per_week": Decimal("20"),
        "monthly_cost": Decimal("300"),
        "paid_by": "project",
    }
    fields.update(overrides)
    return CareArrangement(**fields)


def form_data(**overrides):
    data = {
        "provider": "nursery",
        "provider_name": "Żłobek Miejski",
        "starts_on": "2026-03-01",
        "ends_on": "2026-06-30",
        "hours_per_week": "25",
        "monthly_cost": "450.50",
        "paid_by": "project",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_a_dependant_and_arranges_care(english, participant, coordinator):
    english.force_login(coordinator)
    response = english.post(
        reverse("care:dependant_create", args=[participant.pk]),
        {"kind": "child_under_7", "name": "Zosia", "care_needs": "Alergia", "needs_care": "on"},
    )
    assert response.status_code == 302
    dependant = Dependant.objects.get()
    response = english.post(reverse("care:arrangement_create", args=[dependant.pk]), form_data())
    assert response.status_code == 302
    saved = CareArrangement.objects.get()
    assert (saved.monthly_cost, saved.ends_on) == (Decimal("450.50"), datetime.date(2026, 6, 30))
    page = english.get(reverse("care:person", args=[participant.pk])).content.decode()
    assert "Żłobek Miejski" in page and "450,50" in page


def test_a_negative_cost_is_refused_at_the_field(english, dependant, coordinator):
    english.force_login(coordinator)
    response = english.post(reverse("care:arrangement_create", args=[dependant.pk]), form_data(monthly_cost="-10"))
    assert response.status_code == 200
    assert 'id="id_monthly_cost_error"' in response.content.decode()
    assert not CareArrangement.objects.exists()


def test_an_overlapping_arrangement_is_refused_at_the_field(english, dependant, coordinator):
    services.save_arrangement(
        arrangement(dependant, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)), by=coordinator
    )
    english.force_login(coordinator)
    response = english.post(reverse("care:arrangement_create", args=[dependant.pk]), form_data())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_starts_on_error"' in page and "overlaps another arrangement" in page
    assert CareArrangement.objects.count() == 1


@pytest.mark.parametrize(
    "starts_on, ends_on, overlaps",
    [
        ("2026-04-01", "2026-05-31", False),  # the day after the first ends
        ("2025-12-01", "2025-12-31", False),  # before it
        ("2026-03-31", "2026-04-30", True),  # the last day is shared
        ("2025-12-01", None, True),  # open-ended over it
        ("2026-02-01", "2026-02-02", True),  # inside
    ],
)
def test_periods_overlap_exactly_when_they_share_a_day(dependant, coordinator, starts_on, ends_on, overlaps):
    services.save_arrangement(
        arrangement(dependant, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)), by=coordinator
    )
    candidate = arrangement(
        dependant,
        datetime.date.fromisoformat(starts_on),
        datetime.date.fromisoformat(ends_on) if ends_on else None,
    )
    if overlaps:
        with pytest.raises(ValidationError):
            services.save_arrangement(candidate, by=coordinator)
        assert CareArrangement.objects.count() == 1
    else:
        services.save_arrangement(candidate, by=coordinator)
        assert CareArrangement.objects.count() == 2


def test_the_database_itself_refuses_overlapping_arrangements(dependant):
    """Behind the form and the service: a trigger (SQLite) or an exclusion constraint (PostgreSQL)."""
    arrangement(dependant, datetime.date(2026, 1, 1)).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        arrangement(dependant, datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)).save()
    first = CareArrangement.objects.get()
    first.ends_on = datetime.date(2026, 4, 30)
    first.save()
    arrangement(dependant, datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)).save()
    first.ends_on = None
    with pytest.raises(IntegrityError), transaction.atomic():
        first.save()


def test_the_database_refuses_a_negative_cost(dependant):
    with pytest.raises(IntegrityError), transaction.atomic():
        arrangement(dependant, datetime.date(2026, 1, 1), monthly_cost=Decimal("-1")).save()


def test_another_dependant_may_have_care_at_the_same_time(dependant, participant, coordinator):
    brother = Dependant.objects.create(participant=participant, kind="disabled_adult", name="Brat")
    services.save_arrangement(arrangement(dependant, datetime.date(2026, 1, 1)), by=coordinator)
    services.save_arrangement(arrangement(brother, datetime.date(2026, 1, 1)), by=coordinator)
    assert CareArrangement.objects.count() == 2


# The coordinator's list ------------------------------------------------------------------------------------


def next_week_at(hour):
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def test_upcoming_activities_without_care_are_listed_until_care_covers_them(
    english, participant, dependant, partnership, gmina, coordinator, counsellor
):
    edition = make_edition(partnership, gmina, meetings=1, start=next_week_at(9), type_name="Warsztaty kulinarne")
    enrol(edition, participant, by=coordinator)
    group = SelfHelpGroup.objects.create(
        partnership=partnership,
        topic="Grupa rodziców",
        facilitator=counsellor,
        place="x",
        schedule="x",
        status="facilitated",
        started_on=timezone.localdate(),
    )
    services.add_member(group, participant, on=timezone.localdate(), by=coordinator)
    services.add_group_meeting(group, starts_at=next_week_at(17), ends_at=next_week_at(18), by=coordinator)
    # Someone without dependants never appears.
    other = make_participant(partnership, gmina, by=coordinator, first_name="Ola", document_number="OLA000001")
    enrol(edition, other, by=coordinator)

    english.force_login(coordinator)
    page = english.get(reverse("care:gaps")).content.decode()
    assert "Warsztaty kulinarne" in page and "Grupa rodziców" in page and "Zosia" in page
    assert "Ola Nowak" not in page

    services.save_arrangement(
        arrangement(dependant, timezone.localdate(), timezone.localdate() + datetime.timedelta(days=30)),
        by=coordinator,
    )
    page = english.get(reverse("care:gaps")).content.decode()
    assert "Warsztaty kulinarne" not in page and "Grupa rodziców" not in page
    assert "Everyone who needs care has it arranged for these dates." in page


def test_a_dependant_who_needs_no_care_never_makes_a_gap(participant, dependant, partnership, gmina, coordinator):
    edition = make_edition(partnership, gmina, meetings=1, start=next_week_at(9))
    enrol(edition, participant, by=coordinator)
    today = timezone.localdate()
    assert len(services.care_gaps(partnership.pk, start=today, end=today + datetime.timedelta(days=14))) == 1
    dependant.needs_care = False
    dependant.save()
    assert services.care_gaps(partnership.pk, start=today, end=today + datetime.timedelta(days=14)) == []


def test_a_counsellor_sees_dependants_of_own_clients_only(client, care_client, counsellor, other_counsellor):
    Dependant.objects.create(participant=care_client.participant, kind="older_person", name="Mama")
    assert Dependant.objects.visible_to(counsellor).count() == 1
    assert Dependant.objects.visible_to(other_counsellor).count() == 0
    client.force_login(other_counsellor)
    assert client.get(reverse("care:person", args=[care_client.participant.pk])).status_code == 404


def test_the_gap_list_takes_four_queries_and_skips_members_who_left(
    participant, dependant, partnership, gmina, coordinator, counsellor, django_assert_num_queries
):
    group = SelfHelpGroup.objects.create(
        partnership=partnership,
        topic="Grupa rodziców",
        facilitator=counsellor,
        place="x",
        schedule="x",
        status="facilitated",
        started_on=timezone.localdate(),
    )
    member = services.add_member(group, participant, on=timezone.localdate(), by=coordinator)
    services.add_group_meeting(group, starts_at=next_week_at(17), ends_at=next_week_at(18), by=coordinator)
    edition = make_edition(partnership, gmina, meetings=2, start=next_week_at(9))
    enrol(edition, participant, by=coordinator)
    today = timezone.localdate()
    # Meetings of workshops, of groups, the dependants of the people found, their arrangements.
    with django_assert_num_queries(4):
        gaps = services.care_gaps(partnership.pk, start=today, end=today + datetime.timedelta(days=14))
    assert len(gaps) == 3
    services.remove_member(member, on=today, by=coordinator)
    gaps = services.care_gaps(partnership.pk, start=today, end=today + datetime.timedelta(days=14))
    assert [gap.activity for gap in gaps] == ["Warsztaty motywacyjne", "Warsztaty motywacyjne"]
