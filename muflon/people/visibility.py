"""Who else sees a participant: the rules that areas built on people add from their AppConfig.ready()."""

from collections.abc import Callable

# Areas built on people widen who sees a participant from their AppConfig.ready(): rule(user, roles) gives the
# Q of the extra people that user sees, or None. `Participant.objects.visible_to` ORs them in.
_visibility_rules: list[Callable] = []


def add_visibility_rule(rule: Callable) -> None:
    if rule not in _visibility_rules:
        _visibility_rules.append(rule)


def visibility_rules() -> list[Callable]:
    return list(_visibility_rules)
