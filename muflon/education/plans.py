"""Support plan items of kind "workshop": which workshop fulfils them (a field of people's plan item form), and
marking them done when the person completes an edition of it."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from muflon.education.models import PlanItemWorkshop, WorkshopType
from muflon.people.models import PlanItem
from muflon.people.plan_links import PlanItemLink


def workshop_field(partnership) -> forms.Field:
    return forms.ModelChoiceField(
        queryset=WorkshopType.objects.filter(partnership=partnership),
        required=False,
        label=capfirst(_("workshop")),
        help_text=_("For a workshop: completing an edition of it marks this item done."),
    )


def workshops_of(items) -> dict[int, int]:
    """{plan item pk: workshop type pk} for the items that name a workshop."""
    links = PlanItemWorkshop.objects.filter(plan_item__in=items).values_list("plan_item_id", "workshop_type_id")
    return dict(links)


def attach_workshop(item: PlanItem, workshop_type: WorkshopType) -> None:
    PlanItemWorkshop.objects.create(plan_item=item, workshop_type=workshop_type)


PLAN_ITEM_WORKSHOP = PlanItemLink("workshop_type", workshop_field, workshops_of, attach_workshop)


def fulfil_plan_items(plan, workshop_type: WorkshopType) -> None:
    """Mark done the items of `plan` that the completed workshop fulfils."""
    for item in plan.items.filter(workshop_link__workshop_type=workshop_type).exclude(status=PlanItem.Status.DONE):
        item.status = PlanItem.Status.DONE
        item.save(update_fields=["status", "updated_at"])
