"""Who may do what in barrier support: the role sets and the two questions every scope asks.

Counsellors work with their own clients, coordinators see all of the partnership's barrier support (never a
note), nobody else: administrators manage accounts and roles, not cases of health data."""

from muflon.accounts.models import Role

MANAGERS = (Role.COORDINATOR,)
CARE_ROLES = (Role.COORDINATOR, Role.COUNSELLOR)
# Who may hand a client over to another counsellor: the coordinator, or the client's counsellor (checked
# in services.hand_over).
HANDOVER_ROLES = (Role.COORDINATOR, Role.COUNSELLOR)


def manages_care(user) -> bool:
    """Coordinators see all barrier support of their partnership, never the notes."""
    return user.is_authenticated and user.has_role(*MANAGERS)


def is_counsellor(user) -> bool:
    return user.is_authenticated and user.has_role(Role.COUNSELLOR)
