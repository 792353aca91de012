"""What happens to a founding group: forming it, people and legal persons joining and leaving, what the act still
asks of it, and its registration as a cooperative. Joining, leaving and registering move people along their path
through people's own service."""

import datetime
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from muflon.cooperatives import rules
from muflon.cooperatives.models import (
    Cooperative,
    CooperativeMember,
    FoundingGroup,
    FoundingMember,
    Job,
    QuarterlyReport,
)
from muflon.core.formats import short_date
from muflon.people.models import Participant
from muflon.people.path import Stage, can_move
from muflon.people.services import move_to_stage


@transaction.atomic
def form_group(partnership, *, by, **values) -> FoundingGroup:
    """A new founding group of `partnership` with the given field values, checked before it is saved."""
    group = FoundingGroup(partnership=partnership, **values)
    if group.advisor_id and group.advisor.partnership_id != partnership.pk:
        raise ValidationError({"advisor": _("The advisor works for another partnership.")})
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def add_participant(group, participant, *, on: datetime.date, by) -> FoundingMember:
    """The participant joins the group on `on` and, unless already there, moves to "in a founding group"."""
    group = FoundingGroup.objects.select_for_update().get(pk=group.pk)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    check_can_join(group, participant.partnership_id, on)
    if FoundingMember.objects.filter(participant=participant, left_on__isnull=True).exists():
        raise ValidationError(
            {"participant": _("This person is already in a founding group; they must leave it first.")}
        )
    member = FoundingMember(group=group, participant=participant, joined_on=on)
    save_member(member, field="participant")
    if participant.stage != Stage.FOUNDING_GROUP:
        move_to_stage(participant, Stage.FOUNDING_GROUP, on=on, by=by, note=group.name)
    return member


@transaction.atomic
def add_legal_person(group, organisation, *, on: datetime.date, by) -> FoundingMember:
    group = FoundingGroup.objects.select_for_update().get(pk=group.pk)
    check_can_join(group, organisation.partnership_id, on, field="organisation")
    if group.members.filter(organisation=organisation, left_on__isnull=True).exists():
        raise ValidationError({"organisation": _("This legal person is already in the group.")})
    member = FoundingMember(group=group, organisation=organisation, joined_on=on)
    save_member(member, field="organisation")
    return member


@transaction.atomic
def remove_member(member, *, on: datetime.date, by, next_stage=Stage.IN_SUPPORT, exit_reason="") -> FoundingMember:
    """The member leaves on `on`; a participant still "in a founding group" goes on to `next_stage` (back to
    support, or an exit with its reason and follow-ups)."""
    member = FoundingMember.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise ValidationError(_("This member has already left the group."))
    if on < member.joined_on:
        raise ValidationError(
            {"left_on": _("Leaving cannot come before joining (%(date)s).") % {"date": short_date(member.joined_on)}}
        )
    member.left_on = on
    member.full_clean()
    member.save()
    participant = member.participant
    if participant is not None and participant.stage == Stage.FOUNDING_GROUP:
        move_to_stage(participant, next_stage, on=on, by=by, exit_reason=exit_reason, note=member.group.name)
    return member


def check_can_join(group, partnership_id, on, field="participant"):
    if partnership_id != group.partnership_id:
        raise ValidationError({field: _("Only people and organisations of the group's partnership may join it.")})
    if group.status != FoundingGroup.Status.FORMING:
        raise ValidationError(_("Only a group that is still forming takes new members."))
    if on < group.formed_on:
        raise ValidationError(
            {
                "joined_on": _("No one can join before the group was formed (%(date)s).")
                % {"date": short_date(group.formed_on)}
            }
        )


def save_member(member, *, field):
    member.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        # Two joins at the same moment: the database's unique index lets one through.
        raise ValidationError({field: _("This member was added to a founding group a moment ago.")}) from None


def current_members(group) -> list[FoundingMember]:
    return list(
        group.members.filter(left_on__isnull=True)
        .select_related("participant", "organisation")
        .prefetch_related("participant__eligibility_grounds__category")
    )


def composition(group, on: datetime.date | None = None) -> list[rules.Finding]:
    """What the act still asks of the group's present members, by the rules of `on` (the group's own day when
    not given)."""
    on = on or group.judged_on()
    return rules.judge_founders([member.founder(on) for member in current_members(group)], on=on)


@transaction.atomic
def register_cooperative(group, *, registered_on: datetime.date, by, **values) -> Cooperative:
    """The group's entry in the register (KRS) on `registered_on`: the cooperative is made from the group, its
    present members become its founders, and participants move on to "member of a cooperative".

    Refused, with nothing saved, while the group misses what the act of that day asks of its founders."""
    group = FoundingGroup.objects.select_for_update().get(pk=group.pk)
    if group.status != FoundingGroup.Status.FORMING:
        raise ValidationError(_("This group is no longer forming: it cannot be registered again."))
    if registered_on > timezone.localdate():
        raise ValidationError({"registered_on": _("The date of registration cannot be in the future.")})
    if registered_on < group.formed_on:
        raise ValidationError(
            {
                "registered_on": _("The registration cannot come before the group was formed (%(date)s).")
                % {"date": short_date(group.formed_on)}
            }
        )
    members = current_members(group)
    late = [str(member) for member in members if member.joined_on > registered_on]
    if late:
        raise ValidationError(
            {
                "registered_on": _("%(names)s joined after this date: correct the date or record their leaving first.")
                % {"names": ", ".join(late)}
            }
        )
    missing = [
        f.message for f in rules.judge_founders([m.founder(registered_on) for m in members], on=registered_on) if f.hard
    ]
    if missing:
        raise ValidationError(missing)
    cooperative = Cooperative(
        partnership_id=group.partnership_id,
        group=group,
        gmina=values.pop("gmina", group.gmina),
        pkd_section=values.pop("pkd_section", group.pkd_section),
        pkd_class=values.pop("pkd_class", group.pkd_class),
        registered_on=registered_on,
        status_since=registered_on,
        **values,
    )
    cooperative.full_clean()
    cooperative.save()
    group.status = FoundingGroup.Status.REGISTERED
    group.save(update_fields=["status", "updated_at"])
    for member in members:
        CooperativeMember.objects.create(
            cooperative=cooperative,
            participant=member.participant,
            organisation=member.organisation,
            founder=True,
            joined_on=registered_on,
        )
        member.left_on = max(registered_on, member.joined_on)
        member.save(update_fields=["left_on", "updated_at"])
        person = member.participant
        if person is not None and person.stage == Stage.FOUNDING_GROUP:
            move_to_stage(person, Stage.COOPERATIVE_MEMBER, on=registered_on, by=by, note=cooperative.name)
    return cooperative


@transaction.atomic
def employ(cooperative, participant, *, by, starts_on: datetime.date, **values) -> Job:
    """A job for the participant in the cooperative; the person moves on to "employed in a cooperative" unless
    they are there already."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.partnership_id != cooperative.partnership_id:
        raise ValidationError({"participant": _("Only people of the cooperative's partnership may work in it.")})
    if cooperative.status == Cooperative.Status.CLOSED:
        raise ValidationError(_("A closed cooperative employs no one."))
    if starts_on < cooperative.registered_on:
        raise ValidationError(
            {
                "starts_on": _("A job cannot start before the cooperative was registered (%(date)s).")
                % {"date": short_date(cooperative.registered_on)}
            }
        )
    job = Job(cooperative=cooperative, participant=participant, starts_on=starts_on, **values)
    job.full_clean()
    job.save()
    if participant.stage != Stage.EMPLOYED_COOPERATIVE and (job.ends_on is None or job.ends_on >= timezone.localdate()):
        move_to_stage(participant, Stage.EMPLOYED_COOPERATIVE, on=starts_on, by=by, note=cooperative.name)
    return job


@transaction.atomic
def end_job(job, *, on: datetime.date, by, next_stage=None, exit_reason="") -> Job:
    """The job's last day; a person leaving their only cooperative job moves on to `next_stage` (the open labour
    market, self-employment, or an exit with its reason and follow-ups)."""
    job = Job.objects.select_for_update().select_related("participant", "cooperative").get(pk=job.pk)
    if job.ends_on is not None and job.ends_on <= timezone.localdate():
        raise ValidationError(_("This job has already ended."))
    if on < job.starts_on:
        raise ValidationError(
            {"ends_on": _("A job cannot end before it starts (%(date)s).") % {"date": short_date(job.starts_on)}}
        )
    job.ends_on = on
    job.full_clean()
    job.save(update_fields=["ends_on", "updated_at"])
    other_jobs = Job.objects.filter(participant=job.participant, ends_on__isnull=True).exclude(pk=job.pk)
    if job.participant.stage == Stage.EMPLOYED_COOPERATIVE and not other_jobs.exists():
        if not next_stage:
            raise ValidationError({"next_stage": _("Say where the person goes next.")})
        move_to_stage(job.participant, next_stage, on=on, by=by, exit_reason=exit_reason, note=job.cooperative.name)
    return job


def jobs_summary(cooperative, on: datetime.date | None = None) -> dict:
    """Jobs held on `on` (today), and how many by people with a legal ground of exclusion valid that day."""
    on = on or timezone.localdate()
    jobs = list(
        cooperative.jobs.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("participant")
        .prefetch_related("participant__eligibility_grounds__category")
    )
    excluded = sum(1 for job in jobs if job.participant.eligibility_on(on))
    return {"jobs": len(jobs), "excluded": excluded, "full_time": sum((job.working_time for job in jobs), Decimal(0))}


@transaction.atomic
def change_status(cooperative, status, *, on: datetime.date, by) -> Cooperative:
    """The cooperative is suspended, in liquidation, closed or active again from `on`; a closed one stays closed."""
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    if cooperative.status == Cooperative.Status.CLOSED:
        raise ValidationError(_("A closed cooperative stays closed."))
    if status == cooperative.status:
        raise ValidationError({"status": _("The cooperative already has this status.")})
    if on > timezone.localdate():
        raise ValidationError({"status_since": _("The date cannot be in the future.")})
    if on < cooperative.status_since:
        raise ValidationError(
            {
                "status_since": _("The date cannot come before the present status began (%(date)s).")
                % {"date": short_date(cooperative.status_since)}
            }
        )
    cooperative.status, cooperative.status_since = status, on
    cooperative.full_clean()
    cooperative.save(update_fields=["status", "status_since", "updated_at"])
    return cooperative


# The act's minimum of members (art. 5): five natural persons, or two legal persons; more than three months below it
# and the cooperative must start liquidation.
MIN_NATURAL_MEMBERS = 5
MIN_LEGAL_MEMBERS = 2
MONTHS_BELOW_MINIMUM = 3


def cooperative_warnings(cooperative, on: datetime.date | None = None) -> list[rules.Finding]:
    """What the cooperative should see to, as warnings (not blocks): its members against the act's minimum and
    share, and its employment share (DOMAIN.md marks that rule unconfirmed)."""
    on = on or timezone.localdate()
    members = list(
        cooperative.members.filter(joined_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .select_related("participant", "organisation")
        .prefetch_related("participant__eligibility_grounds__category")
    )
    natural = [member for member in members if member.participant_id]
    legal = [member for member in members if member.organisation_id]
    warnings = []
    if len(natural) < MIN_NATURAL_MEMBERS and len(legal) < MIN_LEGAL_MEMBERS:
        below_since = below_minimum_since(cooperative, on)
        message = _("%(count)d natural-person members: the act asks for at least %(least)d.") % {
            "count": len(natural),
            "least": MIN_NATURAL_MEMBERS,
        }
        law = rules.rules_on(cooperative.registered_on)
        founded_by_fewer = below_since == cooperative.registered_on and law.excluded_to_admit
        if founded_by_fewer and on <= add_months(cooperative.registered_on, law.months_to_admit):
            # Founded by fewer than five under the 2018 rules: a year to admit and employ two more.
            message += " " + _("Founded by fewer: it has until %(date)s to admit and employ %(admit)d more.") % {
                "date": short_date(add_months(cooperative.registered_on, law.months_to_admit)),
                "admit": law.excluded_to_admit,
            }
        elif below_since is not None and months_between(below_since, on) >= MONTHS_BELOW_MINIMUM:
            message += " " + _(
                "Below the minimum since %(date)s, more than three months: the cooperative must start liquidation."
            ) % {"date": short_date(below_since)}
        warnings.append(rules.Finding("members_below_minimum", message, hard=False))
    others = sum(1 for member in natural if not member.participant.eligibility_on(on))
    if natural and Fraction(others, len(natural)) > Fraction(1, 2):
        warnings.append(
            rules.Finding(
                "members_others_share",
                _("%(others)d of %(count)d natural-person members are not at risk of exclusion: at most half may be.")
                % {"others": others, "count": len(natural)},
                hard=False,
            )
        )
    summary = jobs_summary(cooperative, on)
    if summary["jobs"] and Fraction(summary["excluded"], summary["jobs"]) < Fraction(3, 10):
        warnings.append(
            rules.Finding(
                "employment_share",
                _(
                    "Fewer than 30%% of the jobs are held by people at risk of exclusion (%(excluded)d of %(jobs)d): "
                    "below the share of a social enterprise."
                )
                % {"excluded": summary["excluded"], "jobs": summary["jobs"]},
                hard=False,
            )
        )
    return warnings


def below_minimum_since(cooperative, on: datetime.date) -> datetime.date | None:
    """The day the natural-person members last fell below the minimum (None if they were never above it, and then
    since registration)."""
    rows = list(cooperative.members.filter(participant__isnull=False).values_list("joined_on", "left_on"))
    days = sorted({day for joined, left in rows for day in (joined, left) if day is not None and day <= on})
    below_from = cooperative.registered_on
    for day in days:
        count = sum(1 for joined, left in rows if joined <= day and (left is None or left > day))
        if count >= MIN_NATURAL_MEMBERS:
            below_from = None
        elif below_from is None:
            below_from = day
    return below_from


def months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@transaction.atomic
def admit_member(cooperative, *, on: datetime.date, by, participant=None, organisation=None) -> CooperativeMember:
    """A participant or a legal person becomes a member on `on`; a participant whose path allows it moves on to
    "member of a cooperative"."""
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    field = "participant" if participant is not None else "organisation"
    newcomer = participant or organisation
    if newcomer.partnership_id != cooperative.partnership_id:
        raise ValidationError({field: _("Only people and organisations of the cooperative's partnership may join it.")})
    if cooperative.status == Cooperative.Status.CLOSED:
        raise ValidationError(_("A closed cooperative takes no members."))
    if on < cooperative.registered_on or on > timezone.localdate():
        raise ValidationError(
            {
                "joined_on": _("The date must fall between the registration (%(date)s) and today.")
                % {"date": short_date(cooperative.registered_on)}
            }
        )
    if cooperative.members.filter(left_on__isnull=True, **{field: newcomer}).exists():
        raise ValidationError({field: _("Already a member of this cooperative.")})
    member = CooperativeMember(
        cooperative=cooperative, participant=participant, organisation=organisation, joined_on=on
    )
    member.full_clean()
    member.save()
    if participant is not None and can_move(participant.stage, Stage.COOPERATIVE_MEMBER):
        move_to_stage(participant, Stage.COOPERATIVE_MEMBER, on=on, by=by, note=cooperative.name)
    return member


@transaction.atomic
def member_leaves(member, *, on: datetime.date, by) -> CooperativeMember:
    member = CooperativeMember.objects.select_for_update().get(pk=member.pk)
    if member.left_on is not None:
        raise ValidationError(_("This member has already left."))
    if on < member.joined_on or on > timezone.localdate():
        raise ValidationError(
            {
                "left_on": _("The date must fall between joining (%(date)s) and today.")
                % {"date": short_date(member.joined_on)}
            }
        )
    member.left_on = on
    member.full_clean()
    member.save(update_fields=["left_on", "updated_at"])
    return member


# A quarter's report is due this many days after the quarter ends; later it is listed as late.
REPORT_DUE_DAYS = 30


def previous_quarter(day: datetime.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter that ended before `day`'s quarter."""
    quarter = (day.month - 1) // 3 + 1
    return (day.year - 1, 4) if quarter == 1 else (day.year, quarter - 1)


def quarter_end(year: int, quarter: int) -> datetime.date:
    return add_months(datetime.date(year, 3 * quarter - 2, 1), 3) - datetime.timedelta(days=1)


@transaction.atomic
def submit_report(cooperative, *, year: int, quarter: int, by, **figures) -> QuarterlyReport:
    """The cooperative's figures for a quarter that has ended since its registration; one report per quarter."""
    cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    if not 1 <= quarter <= 4:
        raise ValidationError({"quarter": _("A quarter is 1, 2, 3 or 4.")})
    if quarter_end(year, quarter) >= timezone.localdate():
        raise ValidationError({"quarter": _("This quarter has not ended yet: report it once it is over.")})
    if quarter_end(year, quarter) < cooperative.registered_on:
        raise ValidationError({"quarter": _("The cooperative was not yet registered in this quarter.")})
    if cooperative.reports.filter(year=year, quarter=quarter).exists():
        raise ValidationError({"quarter": _("This quarter is already reported.")})
    report = QuarterlyReport(cooperative=cooperative, year=year, quarter=quarter, entered_by=by, **figures)
    report.full_clean()
    report.save()
    return report


def missing_reports(cooperative, on: datetime.date | None = None) -> list[tuple[int, int, bool]]:
    """(year, quarter, late) for each quarter since registration that has ended and has no report; late once
    REPORT_DUE_DAYS have passed."""
    on = on or timezone.localdate()
    reported = set(cooperative.reports.values_list("year", "quarter"))
    year, quarter = cooperative.registered_on.year, (cooperative.registered_on.month - 1) // 3 + 1
    missing = []
    while quarter_end(year, quarter) < on:
        if (year, quarter) not in reported:
            late = on > quarter_end(year, quarter) + datetime.timedelta(days=REPORT_DUE_DAYS)
            missing.append((year, quarter, late))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return missing
