"""A participant's copy of their own data (GDPR art. 15/20): one dict, written out as JSON or as a PDF."""

import json
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone

from muflon.people.models import Participant

# Left out on purpose: case notes and tasks (staff-internal working notes), counsellors' confidential notes, and
# which staff member
# recorded each row. The staff member responsible for the person and for each plan item is their
# contact, so it stays.


def choice(obj, field_name):
    """A choice field as its stored code and its label in the current language."""
    code = getattr(obj, field_name)
    if code in ("", None):
        return None
    return {"code": code, "label": str(getattr(obj, f"get_{field_name}_display")())}


def staff_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# Areas built on people add their part of the export from their AppConfig.ready(): (data, pdf_template).
_sections: list[tuple[Callable[[Participant], dict], str]] = []


def add_section(data: Callable[[Participant], dict], *, pdf_template: str) -> None:
    """`data(participant)` gives plain types merged into the export; `pdf_template` shows them in the PDF."""
    if all(template != pdf_template for _, template in _sections):
        _sections.append((data, pdf_template))


def person_data(participant: Participant) -> dict:
    """Everything the partnership keeps about the person that they may take with them, in plain types."""
    data = people_data(participant)
    for section, _template in _sections:
        data.update(section(participant))
    return data


def people_data(participant: Participant) -> dict:
    """The people area's part: personal data, grounds, referrals, consents, diagnoses, plans, path."""
    participant = (
        Participant.objects.select_related("partnership", "gmina", "case_worker")
        .prefetch_related(
            "eligibility_grounds__category",
            "referrals__organisation",
            "consents",
            "assessments__scores",
            "plans__items__responsible",
            "transitions",
            "follow_ups",
        )
        .get(pk=participant.pk)
    )
    return {
        "exported_on": timezone.localdate(),
        "partnership": participant.partnership.name,
        "personal_data": {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "pesel": participant.pesel,
            "document_type": choice(participant, "document_type"),
            "document_number": participant.document_number,
            "birth_date": participant.birth_date,
            "sex": choice(participant, "sex"),
            "phone": participant.phone,
            "email": participant.email,
            "street": participant.street,
            "postal_code": participant.postal_code,
            "city": participant.city,
            "gmina": participant.gmina.name,
            "education": choice(participant, "education"),
            "labour_status": choice(participant, "labour_status"),
            "unemployed_since": participant.unemployed_since,
            "long_term_unemployed": participant.long_term_unemployed,
            "joined_on": participant.joined_on,
            "stage": choice(participant, "stage"),
            "stage_since": participant.stage_since,
            "staff_member_responsible": staff_name(participant.case_worker),
        },
        "eligibility_grounds": [
            {
                "category": ground.category.name,
                "legal_basis": ground.category.legal_basis,
                "evidence": choice(ground, "evidence"),
                "evidence_date": ground.evidence_date,
            }
            for ground in participant.eligibility_grounds.all()
        ],
        "referrals": [
            {
                "source": choice(referral, "source"),
                "organisation": referral.organisation.name if referral.organisation else "",
                "referred_on": referral.referred_on,
                "reason": referral.reason,
            }
            for referral in participant.referrals.all()
        ],
        "consents": [
            {
                "purpose": choice(consent, "purpose"),
                "given_on": consent.given_on,
                "method": choice(consent, "method"),
                "withdrawn_on": consent.withdrawn_on,
            }
            for consent in participant.consents.all()
        ],
        "diagnoses": [
            {
                "assessed_on": assessment.assessed_on,
                "barriers": [
                    {"area": choice(score, "area"), "severity": choice(score, "severity"), "notes": score.notes}
                    for score in assessment.scores.all()
                ],
                "strengths": assessment.strengths,
                "interests": assessment.interests,
                "business_idea": assessment.business_idea,
            }
            for assessment in participant.assessments.all()
        ],
        "support_plans": [
            {
                "version": plan.version,
                "prepared_on": timezone.localdate(plan.created_at),
                "goals": plan.goals,
                "items": [
                    {
                        "kind": choice(item, "kind"),
                        "description": item.description,
                        "target_date": item.target_date,
                        "status": choice(item, "status"),
                        "responsible": staff_name(item.responsible),
                    }
                    for item in plan.items.all()
                ],
            }
            for plan in sorted(participant.plans.all(), key=lambda plan: plan.version, reverse=True)
        ],
        "stage_history": [
            {
                "moved_on": move.moved_on,
                "from_stage": choice(move, "from_stage"),
                "to_stage": choice(move, "to_stage"),
                "exit_reason": choice(move, "exit_reason"),
                "note": move.note,
            }
            for move in participant.transitions.all()
        ],
        "follow_ups": [
            {
                "kind": choice(follow_up, "kind"),
                "due_on": follow_up.due_on,
                "outcome": choice(follow_up, "outcome"),
                "details": follow_up.details,
                "recorded_on": follow_up.recorded_on,
            }
            for follow_up in participant.follow_ups.all()
        ],
    }


def as_json(data: dict) -> str:
    """UTF-8 JSON with ISO dates; Polish letters stay letters."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def pdf_html(data: dict) -> str:
    """The HTML that the PDF is made from (tests read it: the PDF's own text is compressed)."""
    templates = [template for _data, template in _sections]
    return render_to_string("people/me_data.pdf.html", {"data": data, "section_templates": templates})


def as_pdf(data: dict) -> bytes:
    """An A4 PDF of the data, through WeasyPrint; it may fetch no file and no address (no protocol allowed)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=pdf_html(data), url_fetcher=URLFetcher(allowed_protocols=set())).write_pdf()
