"""Who may do what with participants: the role sets and the level of detail each role sees."""

from muflon.accounts.models import Role

MANAGERS = (Role.ADMIN, Role.COORDINATOR)
LIST_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.ADVISOR, Role.COUNSELLOR, Role.PARTNER)
NOTE_WRITERS = (Role.ADMIN, Role.COORDINATOR, Role.ADVISOR, Role.COUNSELLOR)
PLAN_WRITERS = (Role.ADMIN, Role.COORDINATOR, Role.ADVISOR)

FULL, BASIC, STAGE_ONLY = "full", "basic", "stage"


def detail_level(user) -> str:
    """How much of a visible participant the user sees: everything, basic data, or the stage only."""
    if user.has_role(Role.ADMIN, Role.COORDINATOR, Role.ADVISOR):
        return FULL
    if user.has_role(Role.COUNSELLOR):
        return BASIC
    return STAGE_ONLY
