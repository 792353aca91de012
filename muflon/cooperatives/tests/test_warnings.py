"""A cooperative's status over time and the warnings the act's numbers give: members below the minimum (more than
three months: liquidation; founded by three under the 2018 rules: a year to admit two more), the share of members
from outside the excluded groups, and the share of jobs held by people at risk of exclusion."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from muflon.cooperatives import services
from muflon.cooperatives.models import Cooperative, CooperativeMember, Job
from muflon.cooperatives.tests.test_groups import in_support

pytestmark = [pytest.mark.django_db, pytest.mark.dates, pytest.mark.usefixtures("in_english")]

TODAY = timezone.localdate()
KRS = itertools.count(555555)


def cooperative_with(partnership, gmina, coordinator, *, excluded=5, others=0, registered_on=None, joined_on=None):
    registered_on = registered_on or TODAY - datetime.timedelta(days=400)
    cooperative = Cooperative.objects.create(
        partnership=partnership,
        name="Test spółdzielnia socjalna",
        krs=f"{next(KRS):010d}",
        gmina=gmina,
        pkd_section="N",
        registered_on=registered_on,
        status_since=registered_on,
    )
    people = [in_support(partnership, gmina, coordinator, f"E{n}") for n in range(excluded)]
    people += [in_support(partnership, gmina, coordinator, f"O{n}", excluded=False) for n in range(others)]
    members = [
        CooperativeMember.objects.create(
            cooperative=cooperative, participant=person, joined_on=joined_on or registered_on
        )
        for person in people
    ]
    return cooperative, members


def codes(cooperative, on=None):
    return [warning.code for warning in services.cooperative_warnings(cooperative, on)]


def test_five_members_are_enough_four_for_more_than_three_months_mean_liquidation(partnership, gmina, coordinator):
    cooperative, members = cooperative_with(partnership, gmina, coordinator)
    assert codes(cooperative) == []
    members[0].left_on = TODAY - datetime.timedelta(days=80)
    members[0].save()
    (warning,) = services.cooperative_warnings(cooperative)
    assert warning.code == "members_below_minimum" and "liquidation" not in warning.message and not warning.hard
    members[0].left_on = TODAY - datetime.timedelta(days=100)
    members[0].save()
    (warning,) = services.cooperative_warnings(cooperative)
    assert "must start liquidation" in warning.message


def test_founded_by_three_under_the_2018_rules_it_has_a_year(partnership, gmina, coordinator):
    registered = TODAY - datetime.timedelta(days=200)
    cooperative, _ = cooperative_with(partnership, gmina, coordinator, excluded=3, registered_on=registered)
    (warning,) = services.cooperative_warnings(cooperative)
    assert "has until" in warning.message and "liquidation" not in warning.message
    # The year is over and the two more never came: liquidation.
    late, _ = cooperative_with(
        partnership, gmina, coordinator, excluded=3, registered_on=TODAY - datetime.timedelta(days=400)
    )
    (warning,) = services.cooperative_warnings(late)
    assert "must start liquidation" in warning.message
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2025, 6, 15), 12) == datetime.date(2026, 6, 15)


def test_more_than_half_of_the_members_from_outside_the_excluded_groups_is_warned(partnership, gmina, coordinator):
    cooperative, _ = cooperative_with(partnership, gmina, coordinator, excluded=3, others=3)
    assert codes(cooperative) == []
    cooperative, _ = cooperative_with(partnership, gmina, coordinator, excluded=2, others=3)
    assert codes(cooperative) == ["members_others_share"]


def test_fewer_than_30_percent_of_jobs_for_people_at_risk_is_warned(partnership, gmina, coordinator):
    cooperative, members = cooperative_with(partnership, gmina, coordinator, excluded=5)
    workers = [in_support(partnership, gmina, coordinator, f"W{n}", excluded=False) for n in range(7)]
    for person in workers:
        Job.objects.create(
            cooperative=cooperative,
            participant=person,
            contract="employment",
            working_time=Decimal("1"),
            starts_on=TODAY - datetime.timedelta(days=10),
        )
    Job.objects.create(
        cooperative=cooperative,
        participant=members[0].participant,
        contract="cooperative",
        working_time=Decimal("1"),
        starts_on=TODAY - datetime.timedelta(days=10),
    )
    assert codes(cooperative) == ["employment_share"]  # 1 of 8
    for member in members[1:3]:
        Job.objects.create(
            cooperative=cooperative,
            participant=member.participant,
            contract="cooperative",
            working_time=Decimal("1"),
            starts_on=TODAY - datetime.timedelta(days=10),
        )
    assert codes(cooperative) == []  # 3 of 10


def test_status_changes_forward_in_time_and_a_closed_cooperative_stays_closed(partnership, gmina, coordinator):
    cooperative, _ = cooperative_with(partnership, gmina, coordinator)
    with pytest.raises(ValidationError, match="already has"):
        services.change_status(cooperative, "active", on=TODAY, by=coordinator)
    with pytest.raises(ValidationError, match="before the present status"):
        services.change_status(
            cooperative, "suspended", on=cooperative.registered_on - datetime.timedelta(days=1), by=coordinator
        )
    with pytest.raises(ValidationError, match="future"):
        services.change_status(cooperative, "suspended", on=TODAY + datetime.timedelta(days=1), by=coordinator)
    services.change_status(cooperative, "suspended", on=TODAY - datetime.timedelta(days=30), by=coordinator)
    services.change_status(cooperative, "closed", on=TODAY, by=coordinator)
    with pytest.raises(ValidationError, match="stays closed"):
        services.change_status(cooperative, "active", on=TODAY, by=coordinator)
    cooperative.refresh_from_db()
    assert (cooperative.status, cooperative.status_since) == ("closed", TODAY)


def test_admitting_two_more_members_lifts_the_warning_and_leaving_brings_it_back(partnership, gmina, coordinator):
    cooperative, members = cooperative_with(
        partnership, gmina, coordinator, excluded=3, registered_on=TODAY - datetime.timedelta(days=60)
    )
    assert codes(cooperative) == ["members_below_minimum"]
    newcomers = [in_support(partnership, gmina, coordinator, f"N{n}") for n in range(2)]
    for person in newcomers:
        services.admit_member(cooperative, participant=person, on=TODAY - datetime.timedelta(days=5), by=coordinator)
    assert codes(cooperative) == []
    with pytest.raises(ValidationError, match="Already a member"):
        services.admit_member(cooperative, participant=newcomers[0], on=TODAY, by=coordinator)
    with pytest.raises(ValidationError, match="between the registration"):
        services.admit_member(
            cooperative,
            participant=in_support(partnership, gmina, coordinator, "Za wcześnie"),
            on=cooperative.registered_on - datetime.timedelta(days=1),
            by=coordinator,
        )
    with pytest.raises(ValidationError, match="between joining"):
        services.member_leaves(members[0], on=cooperative.registered_on - datetime.timedelta(days=1), by=coordinator)
    services.member_leaves(members[0], on=TODAY, by=coordinator)
    assert codes(cooperative) == ["members_below_minimum"]
