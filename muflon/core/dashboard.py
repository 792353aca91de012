"""The dashboard's panels: each app adds what it shows there from its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    data: Callable  # data(user) -> what the template gets as `panel`; falsy hides the panel
    order: int


_panels: list[Panel] = []


def add_panel(template: str, data: Callable, *, order: int) -> None:
    """Render `template` on the dashboard with `panel` = data(user), unless that is empty."""
    if any(panel.template == template for panel in _panels):
        return
    _panels.append(Panel(template, data, order))
    _panels.sort(key=lambda panel: panel.order)


def panels_for(user) -> list[dict]:
    shown = []
    for panel in _panels:
        data = panel.data(user)
        if data:
            shown.append({"template": panel.template, "data": data})
    return shown
