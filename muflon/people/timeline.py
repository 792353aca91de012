"""A participant's whole path as one list of dated events, newest first, and its items as HTML.

A path has dozens of events; written by the template engine (a date, a title, a detail, a name each) they were
the person's page's longest loop, so `items_html` writes them in Python, escaping every part."""

import datetime
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from muflon.core.formats import short_date


@dataclass
class Event:
    day: datetime.date
    kind: str
    title: str
    detail: str = ""
    by: str = ""


def timeline(participant) -> list[Event]:
    events = []
    for move in participant.transitions.all():
        detail = move.get_exit_reason_display() if move.exit_reason else move.note
        events.append(
            Event(
                move.moved_on,
                "stage",
                _("Stage: %(stage)s") % {"stage": move.get_to_stage_display()},
                detail,
                str(move.moved_by or ""),
            )
        )
    for referral in participant.referrals.all():
        source = referral.organisation.name if referral.organisation else referral.get_source_display()
        events.append(
            Event(referral.referred_on, "referral", _("Referral: %(source)s") % {"source": source}, referral.reason)
        )
    for consent in participant.consents.all():
        events.append(
            Event(
                consent.given_on,
                "consent",
                _("Consent given: %(purpose)s") % {"purpose": consent.get_purpose_display()},
            )
        )
        if consent.withdrawn_on:
            events.append(
                Event(
                    consent.withdrawn_on,
                    "consent",
                    _("Consent withdrawn: %(purpose)s") % {"purpose": consent.get_purpose_display()},
                )
            )
    for assessment in participant.assessments.all():
        events.append(Event(assessment.assessed_on, "diagnosis", _("Diagnosis"), by=str(assessment.assessed_by)))
    for plan in participant.plans.all():
        events.append(
            Event(
                plan.created_at.date(),
                "plan",
                _("Support plan, version %(version)s") % {"version": plan.version},
                by=str(plan.created_by),
            )
        )
    for follow_up in participant.follow_ups.all():
        if follow_up.outcome:
            events.append(
                Event(
                    follow_up.recorded_on or follow_up.due_on,
                    "follow_up",
                    _("Follow-up %(kind)s: %(outcome)s")
                    % {"kind": follow_up.get_kind_display(), "outcome": follow_up.get_outcome_display()},
                    follow_up.details,
                )
            )
    return sorted(events, key=lambda event: event.day, reverse=True)


def items_html(events) -> str:
    """The <li> of each event: its date, its title, the detail after a colon and who recorded it."""
    items = []
    for event in events:
        day = f'<time datetime="{event.day:%Y-%m-%d}">{escape(short_date(event.day))}</time>'
        detail = f": {escape(event.detail)}" if event.detail else ""
        by = f' <span class="muted">({escape(event.by)})</span>' if event.by else ""
        items.append(f"<li>{day} — <strong>{escape(event.title)}</strong>{detail}{by}</li>")
    return mark_safe("".join(items))  # noqa: S308 - every part is escaped above
