"""Recording a diagnosis: the assessment and its barrier scores in one action."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from muflon.accounts.models import Role
from muflon.core.models import AuditEntry
from muflon.people import services
from muflon.people.models import Assessment, BarrierScore

pytestmark = pytest.mark.django_db

SCORES = {
    BarrierScore.Area.FINANCES: (3, "Długi"),
    BarrierScore.Area.HEALTH: (0, ""),
}


def test_a_diagnosis_is_saved_with_its_scores_and_who_made_it(participant, cast):
    advisor = cast[Role.ADVISOR]
    day = timezone.localdate() - datetime.timedelta(days=3)
    assessment = services.record_assessment(
        participant, assessed_on=day, scores=SCORES, strengths="Sumienna", business_idea="Catering", by=advisor
    )
    assessment.refresh_from_db()
    assert (assessment.participant, assessment.assessed_on, assessment.assessed_by) == (participant, day, advisor)
    assert (assessment.strengths, assessment.interests, assessment.business_idea) == ("Sumienna", "", "Catering")
    assert sorted(assessment.scores.values_list("area", "severity", "notes")) == [
        ("finances", 3, "Długi"),
        ("health", 0, ""),
    ]
    audited = set(
        AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).values_list("content_type__model", flat=True)
    )
    assert {"assessment", "barrierscore"} <= audited


def test_a_diagnosis_dated_in_the_future_is_refused_at_its_date_and_nothing_is_saved(participant, cast):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        services.record_assessment(participant, assessed_on=tomorrow, scores=SCORES, by=cast[Role.ADVISOR])
    assert "assessed_on" in refused.value.message_dict
    assert not Assessment.objects.exists()


def test_a_severity_out_of_the_scale_is_refused_and_nothing_is_saved(participant, cast):
    scores = {**SCORES, BarrierScore.Area.HOUSING: (7, "")}
    with pytest.raises(ValidationError):
        services.record_assessment(participant, assessed_on=timezone.localdate(), scores=scores, by=cast[Role.ADVISOR])
    assert not Assessment.objects.exists()
    assert not BarrierScore.objects.exists()
