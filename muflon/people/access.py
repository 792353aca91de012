"""Who may do what with participants: the role sets and the level of detail each role sees."""

from muflon.accounts.models import Role

MANAGERS = (Role.ADMIN, Role.COORDINATOR)
LIST_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.ADVISOR, Role.COUNSELLOR, Role.TRAINER, Role.PARTNER)
NOTE_WRITERS = (Role.ADMIN, Role.COORDINATOR, Role.ADVISOR, Role.COUNSELLOR)
PLAN_WRITERS = (Role.ADMIN, Role.COORDINATOR, Role.ADVISOR)

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
