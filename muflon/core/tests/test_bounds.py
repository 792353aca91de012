"""Numbers and dates out of any sensible range are refused at their field; nothing reaches the database."""

import pytest
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.core.bounds import LARGEST_NUMBER
from muflon.education.models import Edition
from tests.factories import make_edition, make_participant

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_the_audit_filter_refuses_dates_out_of_range(client, cast, day):
    client.force_login(cast[Role.ADMIN])
    response = client.get(reverse("core:audit_log"), {"date_from": day, "date_to": day})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"date_from", "date_to"}


def test_the_audit_filter_takes_dates_at_the_edges(client, cast):
    client.force_login(cast[Role.ADMIN])
    response = client.get(reverse("core:audit_log"), {"date_from": "1900-01-01", "date_to": "2100-12-31"})
    assert response.status_code == 200 and not response.context["form"].errors


@pytest.mark.parametrize("capacity", [str(LARGEST_NUMBER + 1), "99999999999999999999999"])
def test_an_edition_with_an_enormous_capacity_is_refused_at_the_field(client, cast, partnership, gmina, capacity):
    edition = make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]])
    client.force_login(cast[Role.COORDINATOR])
    data = {
        "workshop_type": edition.workshop_type_id,
        "trainers": [cast[Role.TRAINER].pk],
        "organisation": "",
        "place": "Świetlica",
        "address": "ul. Krótka 2",
        "gmina": gmina.pk,
        "capacity": capacity,
        "enrolment_open": "on",
    }
    response = client.post(reverse("education:create"), data)
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    assert not Edition.objects.filter(place="Świetlica").exists()


HUGE_ID = "99999999999999999999"


def test_ids_beyond_any_column_match_nothing_in_an_in_lookup(partnership, gmina):
    edition = make_edition(partnership, gmina)
    found = Edition.objects.filter(pk__in=[int(HUGE_ID), -int(HUGE_ID), edition.pk])
    assert list(found) == [edition]
    assert not Edition.objects.filter(pk__in=[int(HUGE_ID)]).exists()


def test_a_choice_of_many_with_an_id_beyond_any_column_is_refused_at_the_field(client, cast, partnership, gmina):
    """The trainers of a new edition: a 20-digit id was a 500 on SQLite (the ids went to the database unchecked)."""
    edition = make_edition(partnership, gmina)
    client.force_login(cast[Role.COORDINATOR])
    data = {
        "workshop_type": edition.workshop_type_id,
        "trainers": [HUGE_ID],
        "place": "Świetlica",
        "address": "ul. Krótka 2",
        "gmina": gmina.pk,
        "capacity": "10",
    }
    response = client.post(reverse("education:create"), data)
    assert response.status_code == 200
    assert "trainers" in response.context["form"].errors


def test_enrolling_an_id_beyond_any_column_is_refused_at_the_field(client, cast, partnership, gmina):
    """The edition's page keeps the chosen person among the choices: that id reached the database too."""
    edition = make_edition(partnership, gmina)
    make_participant(partnership, gmina, by=cast[Role.COORDINATOR])
    client.force_login(cast[Role.COORDINATOR])
    response = client.post(reverse("education:enrol", args=[edition.pk]), {"enrol-participant": HUGE_ID})
    assert response.status_code == 200
    assert "participant" in response.context["enrol_form"].errors
