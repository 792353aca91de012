"""The staff menu: each app adds its entries from its AppConfig.ready(); core only keeps and filters them."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset
    order: int

    def is_for(self, user) -> bool:
        return user.has_role(*self.roles)


_menu: list[MenuItem] = []


def add_menu_item(label, url_name: str, *, roles, order: int) -> None:
    """Show `label` linking to `url_name` to users holding one of `roles`; lower `order` comes first."""
    if any(item.url_name == url_name for item in _menu):
        return  # ready() may run twice in tests that reload apps
    _menu.append(MenuItem(label, url_name, frozenset(roles), order))
    _menu.sort(key=lambda item: item.order)


def menu_for(user) -> list[dict]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
        for item in _menu
        if item.is_for(user)
    ]


def menu(request):
    """Context processor: the menu of the logged-in user, computed only when a template uses it."""
    user = getattr(request, "user", None)
    return {"menu_items": lambda: menu_for(user)}
