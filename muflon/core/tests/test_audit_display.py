"""The audit log reads as words: field labels, choice labels, names instead of ids, dates in the local format."""

import datetime

import pytest
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.region.models import Gmina
from tests.factories import make_participant

pytestmark = pytest.mark.django_db


def audit_page(client, admin, settings) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(admin)
    return client.get(reverse("core:audit_log")).content.decode()


def test_a_change_shows_labels_names_choices_and_local_dates(client, cast, partnership, gmina, settings):
    person = make_participant(partnership, gmina, by=cast[Role.COORDINATOR], education="isced1")
    other_gmina = Gmina.objects.exclude(pk=gmina.pk).first()
    person.gmina = other_gmina
    person.education = "isced3"
    person.joined_on = datetime.date(2026, 3, 9)
    person.save()

    html = audit_page(client, cast[Role.ADMIN], settings)
    assert f"Gmina of residence: {gmina} → {other_gmina}" in html
    assert "primary (ISCED 1) → " in html and "isced3" not in html
    assert "09-03-2026" in html and "2026-03-09" not in html
    assert f"#{other_gmina.pk}" not in html


def test_many_to_many_and_code_written_changes_read_as_labels(client, cast, partnership, gmina, settings):
    from muflon.education import services
    from tests.factories import make_edition

    edition = make_edition(partnership, gmina, trainers=[])
    services.edit_edition(
        edition,
        workshop_type=edition.workshop_type,
        organisation=edition.organisation,
        place=edition.place,
        address=edition.address,
        gmina=edition.gmina,
        step_free=edition.step_free,
        capacity=edition.capacity + 2,
        enrolment_open=edition.enrolment_open,
        trainers=[cast[Role.TRAINER]],
        by=cast[Role.COORDINATOR],
    )

    html = audit_page(client, cast[Role.ADMIN], settings)
    assert "Places: 10 → 12" in html and "capacity:" not in html
    assert f"Trainers: — → {cast[Role.TRAINER].username}" in html and "trainers:" not in html
