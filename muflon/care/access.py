"""Who may do what in barrier support: the role sets and the two questions every scope asks."""

from muflon.accounts.models import Role

MANAGERS = (Role.ADMIN, Role.COORDINATOR)
CARE_ROLES = (Role.ADMIN, Role.COORDINATOR, Role.COUNSELLOR)
# Who may hand a client over to another counsellor: the coordinator, or the client's counsellor (checked
# in services.hand_over); administrators manage accounts, not cases.
HANDOVER_ROLES = (Role.COORDINATOR, Role.COUNSELLOR)


def manages_care(user) -> bool:
    """Coordinators and administrators see all barrier support of their partnership, never the notes."""
    return user.is_authenticated and user.has_role(*MANAGERS)


def is_counsellor(user) -> bool:
    return user.is_authenticated and user.has_role(Role.COUNSELLOR)
