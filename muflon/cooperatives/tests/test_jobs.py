"""Jobs in a cooperative: taking one moves the person to "employed in a cooperative", ending the last one asks
where they go next; a job ending before it starts, or before the cooperative existed, is refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from muflon.cooperatives import services
from muflon.cooperatives.models import Job
from muflon.cooperatives.tests.test_groups import in_support, weeks_ago
from muflon.cooperatives.tests.test_registration import VALID, with_founders
from muflon.people.path import Stage

pytestmark = [pytest.mark.django_db, pytest.mark.dates, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def cooperative(partnership, gmina, coordinator):
    group = services.form_group(
        partnership,
        by=coordinator,
        name="Smaki",
        business_idea="x",
        pkd_section="I",
        gmina=gmina,
        formed_on=weeks_ago(10),
    )
    with_founders(group, partnership, gmina, coordinator)
    return services.register_cooperative(group, registered_on=weeks_ago(6), by=coordinator, **VALID)


def job_values(**overrides):
    return {"contract": Job.Contract.COOPERATIVE, "working_time": Decimal("1"), **overrides}


def test_a_founder_takes_a_job_and_leaves_it_for_the_open_market(cooperative, coordinator):
    founder = cooperative.members.filter(participant__isnull=False).first().participant
    job = services.employ(cooperative, founder, starts_on=weeks_ago(5), by=coordinator, **job_values())
    founder.refresh_from_db()
    assert (founder.stage, founder.stage_since) == (Stage.EMPLOYED_COOPERATIVE, weeks_ago(5))
    with pytest.raises(ValidationError, match="goes next"):
        services.end_job(job, on=weeks_ago(1), by=coordinator)
    services.end_job(job, on=weeks_ago(1), by=coordinator, next_stage=Stage.EMPLOYED_OPEN_MARKET)
    founder.refresh_from_db()
    assert founder.stage == Stage.EMPLOYED_OPEN_MARKET
    job.refresh_from_db()
    assert job.ends_on == weeks_ago(1)


def test_an_employee_who_is_not_a_member_is_employed_too_and_counted(cooperative, partnership, gmina, coordinator):
    outsider_worker = in_support(partnership, gmina, coordinator, "Pracownik", excluded=False)
    services.employ(
        cooperative,
        outsider_worker,
        starts_on=weeks_ago(4),
        by=coordinator,
        **job_values(working_time=Decimal("0.5"), contract=Job.Contract.EMPLOYMENT),
    )
    founder = cooperative.members.filter(participant__isnull=False).first().participant
    services.employ(cooperative, founder, starts_on=weeks_ago(4), by=coordinator, **job_values())
    assert services.jobs_summary(cooperative) == {"jobs": 2, "excluded": 1, "full_time": Decimal("1.5")}
    assert services.jobs_summary(cooperative, on=weeks_ago(5)) == {"jobs": 0, "excluded": 0, "full_time": 0}


def test_bad_dates_and_shares_are_refused_and_nothing_is_saved(cooperative, coordinator):
    founder = cooperative.members.filter(participant__isnull=False).first().participant
    with pytest.raises(ValidationError, match="before the cooperative was registered"):
        services.employ(cooperative, founder, starts_on=weeks_ago(7), by=coordinator, **job_values())
    with pytest.raises(ValidationError) as refused:
        services.employ(
            cooperative, founder, starts_on=weeks_ago(3), by=coordinator, **job_values(ends_on=weeks_ago(4))
        )
    assert "ends_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.employ(
            cooperative, founder, starts_on=weeks_ago(3), by=coordinator, **job_values(working_time=Decimal("1.5"))
        )
    assert "working_time" in refused.value.message_dict
    assert not Job.objects.exists()
    founder.refresh_from_db()
    assert founder.stage == Stage.COOPERATIVE_MEMBER
    job = services.employ(cooperative, founder, starts_on=weeks_ago(3), by=coordinator, **job_values())
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        services.end_job(job, on=weeks_ago(4), by=coordinator, next_stage=Stage.EXITED, exit_reason="resigned")


def test_the_database_refuses_a_job_ending_before_it_starts(cooperative):
    founder = cooperative.members.filter(participant__isnull=False).first().participant
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(
            cooperative=cooperative,
            participant=founder,
            contract="employment",
            working_time=Decimal("1"),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() - datetime.timedelta(days=1),
        )
