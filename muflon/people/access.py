"""Who may do what with participants: the level of detail each role sees and one access helper per model."""

from muflon.accounts.models import Role
from muflon.core.access import get_visible_or_404
from muflon.people.models import Candidate, Consent, FollowUp, Participant, Task

FULL, BASIC, CONTACT, STAGE_ONLY = "full", "basic", "contact", "stage"


def detail_level(user) -> str:
    """How much of a visible participant the user sees: everything, basic data (counsellors), name and
    contact (trainers, for the people in their workshops), or the stage only (partner institutions).

    One exception lives in the care area: a counsellor sees the barrier scores of their own counselling
    clients there (care.views.person), since those barriers are what their work is about."""
    if user.has_role(Role.ADMIN, Role.COORDINATOR, Role.ADVISOR):
        return FULL
    if user.has_role(Role.COUNSELLOR):
        return BASIC
    if user.has_role(Role.TRAINER):
        return CONTACT
    return STAGE_ONLY


# What each level of detail shows of a person (the person's page and the list follow it). The list's search,
# filters and export offer only these attributes, so that no role learns by searching or filtering what it is
# not shown.
SHOWN = {
    FULL: frozenset(
        {
            "name",
            "pesel",
            "birth_date",
            "sex",
            "phone",
            "email",
            "gmina",
            "address",
            "education",
            "labour_status",
            "case_worker",
            "legal_grounds",
            "referrals",
            "stage",
        }
    ),
    BASIC: frozenset({"name", "phone", "email", "gmina", "stage"}),
    CONTACT: frozenset({"name", "phone", "email", "stage"}),
    STAGE_ONLY: frozenset({"name", "stage"}),
}


def shows(level: str, attribute: str) -> bool:
    """Whether users of this level of detail are shown this attribute of a person."""
    return attribute in SHOWN[level]


# One access helper per model: the row if the user may see it, 404 for another partnership's or a hidden row.
# `within` narrows the lookup further (to a participant, a state), with the same 404 outside it.


def participant_for(request, pk, **within) -> Participant:
    return get_visible_or_404(Participant.objects, request.user, pk=pk, **within)


def candidate_for(request, pk, **within) -> Candidate:
    return get_visible_or_404(Candidate.objects, request.user, pk=pk, **within)


def consent_for(request, pk, **within) -> Consent:
    return get_visible_or_404(Consent.objects, request.user, pk=pk, **within)


def task_for(request, pk, **within) -> Task:
    return get_visible_or_404(Task.objects, request.user, pk=pk, **within)


def follow_up_for(request, pk, **within) -> FollowUp:
    return get_visible_or_404(FollowUp.objects, request.user, pk=pk, **within)
