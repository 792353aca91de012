"""Named actions on a participant's path; each runs in one transaction and leaves an audit trail."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from muflon.people.models import (
    Assessment,
    BarrierScore,
    Candidate,
    Consent,
    FollowUp,
    Participant,
    PlanItem,
    StageTransition,
    SupportPlan,
)
from muflon.people.path import Stage, can_move
from muflon.people.plan_links import plan_item_links

FOLLOW_UP_OFFSETS = {
    FollowUp.Kind.AT_EXIT: datetime.timedelta(days=0),
    FollowUp.Kind.AFTER_4_WEEKS: datetime.timedelta(weeks=4),
    FollowUp.Kind.AFTER_6_MONTHS: datetime.timedelta(days=182),
}


@transaction.atomic
def register_participant(participant: Participant, *, referral=None, consents=(), by) -> Participant:
    """Save a new participant with the referral and consents given at registration; the path starts."""
    # Field and cross-field rules here; the unique PESEL is the database's (and the form's) job.
    participant.full_clean(validate_constraints=False)
    participant.stage = Stage.RECRUITED
    participant.stage_since = participant.joined_on
    participant.save()
    StageTransition.objects.create(
        participant=participant, from_stage="", to_stage=Stage.RECRUITED, moved_on=participant.joined_on, moved_by=by
    )
    if referral is not None:
        referral.participant = participant
        referral.full_clean()
        referral.save()
    for consent in consents:
        consent.participant = participant
        consent.full_clean()
        consent.save()
    return participant


@transaction.atomic
def move_to_stage(participant, to_stage, *, on: datetime.date, by, exit_reason="", note="") -> StageTransition:
    """Move a person along the path if the move is allowed; an exit schedules the three follow-ups."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if not can_move(participant.stage, to_stage):
        raise ValidationError(
            _("A person cannot go from “%(from)s” to “%(to)s”.")
            % {"from": Stage(participant.stage).label, "to": Stage(to_stage).label}
        )
    if on > timezone.localdate():
        raise ValidationError(_("The date of the change cannot be in the future."))
    if on < participant.stage_since:
        raise ValidationError(
            _("The date cannot be before the start of the current stage (%(date)s).")
            % {"date": participant.stage_since.strftime("%d.%m.%Y")}
        )
    if to_stage == Stage.EXITED and not exit_reason:
        raise ValidationError(_("Give the reason for the exit."))
    transition = StageTransition.objects.create(
        participant=participant,
        from_stage=participant.stage,
        to_stage=to_stage,
        moved_on=on,
        moved_by=by,
        exit_reason=exit_reason if to_stage == Stage.EXITED else "",
        note=note,
    )
    participant.stage = to_stage
    participant.stage_since = on
    participant.save(update_fields=["stage", "stage_since", "updated_at"])
    if to_stage == Stage.EXITED:
        for kind, offset in FOLLOW_UP_OFFSETS.items():
            FollowUp.objects.create(participant=participant, exit=transition, kind=kind, due_on=on + offset)
    return transition


@transaction.atomic
def record_assessment(
    participant,
    *,
    assessed_on: datetime.date,
    scores: dict[str, tuple[int, str]],
    strengths: str = "",
    interests: str = "",
    business_idea: str = "",
    by,
) -> Assessment:
    """Record a diagnosis with its barrier scores (`scores`: area -> (severity, notes)); earlier diagnoses stay,
    to compare with."""
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("The date cannot be in the future.")})
    if assessed_on < participant.joined_on:
        raise ValidationError(
            {
                "assessed_on": _("The diagnosis cannot be dated before the start of participation (%(date)s).")
                % {"date": formats.date_format(participant.joined_on, "SHORT_DATE_FORMAT")}
            }
        )
    assessment = Assessment(
        participant=participant,
        assessed_on=assessed_on,
        assessed_by=by,
        strengths=strengths,
        interests=interests,
        business_idea=business_idea,
    )
    assessment.full_clean()
    assessment.save()
    for area, (severity, notes) in scores.items():
        score = BarrierScore(assessment=assessment, area=area, severity=severity, notes=notes)
        # One score per area, as the keys of `scores` are: no need to ask the database.
        score.full_clean(validate_unique=False, validate_constraints=False)
        score.save()
    return assessment


@transaction.atomic
def revise_plan(participant, *, goals: str, items: list[dict], by) -> SupportPlan:
    """Write a new version of the support plan; earlier versions stay as they were."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    latest = participant.plans.order_by("-version").first()
    plan = SupportPlan.objects.create(
        participant=participant, version=(latest.version + 1) if latest else 1, goals=goals, created_by=by
    )
    links = plan_item_links()
    for item in items:
        values = dict(item)
        linked = [(link, values.pop(link.name)) for link in links if link.name in values]
        plan_item = PlanItem(plan=plan, **values)
        plan_item.full_clean(exclude=["plan"])
        plan_item.save()
        for link, value in linked:
            if value is not None:
                link.attach(plan_item, value)
    return plan


def current_plan(participant) -> SupportPlan | None:
    return participant.plans.order_by("-version").prefetch_related("items__responsible").first()


@transaction.atomic
def give_consent(participant, purpose, *, on: datetime.date, method, by) -> Consent:
    if participant.consents.filter(purpose=purpose, withdrawn_on__isnull=True).exists():
        raise ValidationError(_("This consent is already given and in force."))
    consent = Consent(participant=participant, purpose=purpose, given_on=on, method=method)
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def withdraw_consent(consent: Consent, *, on: datetime.date, by) -> Consent:
    """Record the withdrawal; everything that depends on the consent stops at once."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    if on < consent.given_on or on > timezone.localdate():
        raise ValidationError(_("The date of withdrawal must be between the date given and today."))
    consent.withdrawn_on = on
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    return consent


@transaction.atomic
def decline_candidate(candidate: Candidate, *, reason: str, by) -> Candidate:
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != Candidate.Status.NEW:
        raise ValidationError(_("This sign-up has already been decided."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for declining."))
    candidate.status = Candidate.Status.DECLINED
    candidate.decline_reason = reason.strip()
    candidate.decided_by = by
    candidate.decided_at = timezone.now()
    candidate.save()
    return candidate


@transaction.atomic
def accept_candidate(candidate: Candidate, participant: Participant, *, referral=None, consents=(), by) -> Participant:
    """Register the participant made from a sign-up and close the sign-up as accepted."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != Candidate.Status.NEW:
        raise ValidationError(_("This sign-up has already been decided."))
    participant = register_participant(participant, referral=referral, consents=consents, by=by)
    candidate.status = Candidate.Status.ACCEPTED
    candidate.participant = participant
    candidate.decided_by = by
    candidate.decided_at = timezone.now()
    candidate.save()
    return participant


def follow_ups_due(partnership, week_start: datetime.date):
    """Pending follow-ups due in the week starting on `week_start` (or overdue), for the coordinator."""
    return (
        FollowUp.objects.filter(
            participant__partnership=partnership, outcome="", due_on__lt=week_start + datetime.timedelta(days=7)
        )
        .select_related("participant")
        .order_by("due_on", "id")
    )
