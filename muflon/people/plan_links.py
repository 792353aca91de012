"""Plan items fulfilled in an area built on people (a workshop item, by the education area): the area adds a
field to the plan item form and keeps the link in its own tables, registered from its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanItemLink:
    name: str  # the form field, and the key of that value in the items given to services.revise_plan
    field: Callable  # field(partnership) -> a form field
    initial: Callable  # initial(items) -> {item pk: the field's value} for the items of one plan
    attach: Callable  # attach(item, value): keep the link of a newly saved item, in revise_plan's transaction


_links: dict[str, PlanItemLink] = {}


def add_plan_item_link(link: PlanItemLink) -> None:
    _links.setdefault(link.name, link)


def plan_item_links() -> list[PlanItemLink]:
    return list(_links.values())
