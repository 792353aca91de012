"""A support plan item names the workshop that fulfils it; the link is the education area's, kept across versions."""

import pytest
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.education.models import PlanItemWorkshop, WorkshopType
from muflon.people import services as people_services
from tests.factories import PartnershipFactory, days_ahead

pytestmark = pytest.mark.django_db


def plan_form(workshop_pk, *, description="Warsztat motywacyjny", responsible):
    return {
        "goals": "Założenie spółdzielni",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-kind": "workshop",
        "items-0-workshop_type": workshop_pk,
        "items-0-description": description,
        "items-0-target_date": days_ahead(),
        "items-0-responsible": responsible.pk,
        "items-0-status": "planned",
    }


@pytest.fixture
def workshop(partnership):
    return WorkshopType.objects.create(partnership=partnership, name="Motywacja", category="motivation", hours=8)


def test_the_plan_form_offers_the_partnership_s_workshops_and_keeps_the_chosen_one(
    client, coordinator, participant, cast, workshop
):
    foreign = WorkshopType.objects.create(
        partnership=PartnershipFactory(slug="obce"), name="Obcy warsztat", category="motivation", hours=8
    )
    client.force_login(coordinator)
    url = reverse("people:plan", args=[participant.pk])
    offered = client.get(url).context["formset"].forms[0].fields["workshop_type"].queryset
    assert list(offered) == [workshop]

    refused = client.post(url, plan_form(foreign.pk, responsible=cast[Role.TRAINER]))
    assert refused.status_code == 200 and refused.context["formset"].forms[0].errors["workshop_type"]
    assert not PlanItemWorkshop.objects.exists()

    assert client.post(url, plan_form(workshop.pk, responsible=cast[Role.TRAINER])).status_code == 302
    item = people_services.current_plan(participant).items.get()
    assert item.workshop_link.workshop_type == workshop

    # The next version starts from the current one, workshop included.
    initial = client.get(url).context["formset"].forms[0].initial
    assert initial["workshop_type"] == workshop.pk


def test_an_item_without_a_workshop_gets_no_link(client, coordinator, participant, cast):
    client.force_login(coordinator)
    url = reverse("people:plan", args=[participant.pk])
    assert client.post(url, plan_form("", responsible=cast[Role.TRAINER])).status_code == 302
    assert people_services.current_plan(participant).items.get().description == "Warsztat motywacyjny"
    assert not PlanItemWorkshop.objects.exists()
