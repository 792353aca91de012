"""Who may do what in barrier support: the role sets and the two questions every scope asks.

Counsellors work with their own clients, coordinators see all of the partnership's barrier support (never a
note), nobody else: administrators manage accounts and roles, not cases of health data."""

from django.db.models import Q

from muflon.accounts.models import CARE_MANAGERS, Role


def manages_care(user) -> bool:
    """Coordinators see all barrier support of their partnership, never the notes."""
    return user.is_authenticated and user.has_role(*CARE_MANAGERS)


def is_counsellor(user) -> bool:
    return user.is_authenticated and user.has_role(Role.COUNSELLOR)


def open_counselling_clients(user, roles) -> Q | None:
    """Counsellors see their open counselling clients among participants, basic data only
    (people.access.detail_level); added to Participant.objects.visible_to from CareConfig.ready()."""
    if Role.COUNSELLOR in roles:
        return Q(counselling__counsellor=user, counselling__ended_on__isnull=True)
    return None
