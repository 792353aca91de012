"""Who may do what with participants: the role sets and the level of detail each role sees."""

from collections.abc import Callable

from muflon.accounts.models import Role

# Areas built on people widen who sees a participant from their AppConfig.ready(): rule(user, roles) gives the
# Q of the extra people that user sees, or None. `Participant.objects.visible_to` ORs them in.
_visibility_rules: list[Callable] = []


def add_visibility_rule(rule: Callable) -> None:
    if rule not in _visibility_rules:
        _visibility_rules.append(rule)


def visibility_rules() -> list[Callable]:
    return list(_visibility_rules)


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
