"""The staff menu: which entries each role sees. Later areas add their entries here."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import STAFF_ROLES, Role
from muflon.people.access import LIST_ROLES, MANAGERS


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset

    def is_for(self, user) -> bool:
        return user.has_role(*self.roles)


MENU = [
    MenuItem(_("Dashboard"), "core:dashboard", frozenset(Role)),
    MenuItem(_("Participants"), "people:list", frozenset(LIST_ROLES)),
    MenuItem(_("Recruitment queue"), "people:queue", frozenset(MANAGERS)),
    MenuItem(_("Follow-ups"), "people:follow_ups", frozenset(MANAGERS)),
    MenuItem(_("Workshops"), "education:list", frozenset({Role.ADMIN, Role.COORDINATOR, Role.TRAINER})),
    MenuItem(_("Barrier support"), "care:clients", frozenset({Role.COORDINATOR, Role.COUNSELLOR})),
    MenuItem(_("Polls"), "polls:manage", frozenset(MANAGERS)),
    MenuItem(_("Organisations"), "accounts:organisation_list", STAFF_ROLES),
    MenuItem(_("Public site"), "portal:staff", frozenset(MANAGERS)),
    MenuItem(_("Users and roles"), "accounts:user_list", frozenset({Role.ADMIN})),
    MenuItem(_("Audit log"), "core:audit_log", frozenset({Role.ADMIN})),
    MenuItem(_("My path"), "me:home", frozenset({Role.PARTICIPANT})),
    MenuItem(_("My workshops"), "me_workshops:home", frozenset({Role.PARTICIPANT})),
]


def menu_for(user) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
        for item in MENU
        if item.is_for(user)
    ]


def menu(request):
    """Context processor: the menu of the logged-in user, computed only when a template uses it."""
    user = getattr(request, "user", None)
    return {"menu_items": lambda: menu_for(user)}
