"""A training firm's trainers plan their firm's editions: create, edit, add meetings; nothing of anyone else's."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from muflon.accounts.models import Organisation, Role
from muflon.education import services
from muflon.education.models import Edition, Meeting
from tests.factories import OrganisationFactory, UserFactory, make_edition, make_participant

# dates: Editions and meetings are built a month from now.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def firm(partnership):
    return OrganisationFactory(partnership=partnership, name="Szkolenia Sp. z o.o.", kind=Organisation.Kind.TRAINING)


@pytest.fixture
def firm_trainer(partnership, firm):
    return UserFactory(
        username="firma", last_name="Firmowa", partnership=partnership, organisation=firm, roles=[Role.TRAINER]
    )


@pytest.fixture
def colleague(partnership, firm):
    """Another trainer of the same firm."""
    return UserFactory(
        username="kolega", last_name="Kolega", partnership=partnership, organisation=firm, roles=[Role.TRAINER]
    )


@pytest.fixture
def freelancer(cast):
    """The cast's trainer works for no training firm."""
    return cast[Role.TRAINER]


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def edition_data(edition, firm, **overrides):
    data = {
        "workshop_type": edition.workshop_type_id,
        "trainers": [],
        "organisation": firm.pk,
        "place": "Sala firmy",
        "address": "ul. Szkolna 3",
        "gmina": edition.gmina_id,
        "capacity": "8",
        "enrolment_open": "on",
    }
    data.update(overrides)
    return data


def meeting_data(day):
    return {"meeting-day": day.isoformat(), "meeting-starts": "09:00", "meeting-ends": "11:00", "meeting-room": ""}


def next_month():
    return timezone.localdate() + datetime.timedelta(days=30)


def test_a_firms_trainer_creates_an_edition_for_the_firm_with_its_trainers(
    english, partnership, gmina, firm, firm_trainer, colleague, freelancer
):
    """Only the firm is offered as organiser and only its trainers; the new edition is then theirs to see."""
    template = make_edition(partnership, gmina, meetings=0)
    english.force_login(firm_trainer)
    page = english.get(reverse("education:list"))
    assert reverse("education:create") in page.content.decode()
    form = english.get(reverse("education:create")).context["form"]
    assert list(form.fields["organisation"].queryset) == [firm]
    assert set(form.fields["trainers"].queryset) == {firm_trainer, colleague}

    response = english.post(reverse("education:create"), edition_data(template, firm, trainers=[colleague.pk]))
    created = Edition.objects.get(place="Sala firmy")
    assert response["Location"] == reverse("education:edition", args=[created.pk])
    assert (created.organisation, list(created.trainers.all()), created.partnership) == (firm, [colleague], partnership)
    # Not among the edition's trainers, yet the firm's: listed and open to its planner.
    assert created in english.get(reverse("education:list")).context["page"].rows
    assert english.get(reverse("education:edition", args=[created.pk])).context["can_plan"] is True


def test_a_firms_trainer_cannot_name_another_organiser_or_trainer(
    english, partnership, gmina, firm_trainer, freelancer
):
    """A choice outside the firm is refused at its field and nothing is saved."""
    template = make_edition(partnership, gmina, meetings=0)
    other_firm = OrganisationFactory(partnership=partnership, kind=Organisation.Kind.TRAINING)
    english.force_login(firm_trainer)
    response = english.post(
        reverse("education:create"), edition_data(template, other_firm, trainers=[freelancer.pk], place="Obca sala")
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"organisation", "trainers"}
    assert not Edition.objects.filter(place="Obca sala").exists()


def test_a_firms_trainer_edits_and_adds_meetings_to_the_firms_editions(english, partnership, gmina, firm, firm_trainer):
    edition = make_edition(partnership, gmina, organisation=firm, meetings=0)
    english.force_login(firm_trainer)
    response = english.post(
        reverse("education:edit", args=[edition.pk]),
        edition_data(edition, firm, trainers=[firm_trainer.pk], place="Nowa sala", capacity="12"),
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.place, edition.capacity) == ("Nowa sala", 12)

    day = next_month()
    response = english.post(reverse("education:add_meeting", args=[edition.pk]), meeting_data(day))
    assert response.status_code == 302
    assert edition.meetings.get().starts_at.date() == day


def test_editing_keeps_a_trainer_from_outside_the_firm_named_by_the_coordinator(
    english, partnership, gmina, firm, firm_trainer, freelancer
):
    """The firm's planner is offered the edition's current trainers too, so saving does not drop them silently."""
    edition = make_edition(partnership, gmina, organisation=firm, trainers=[freelancer], meetings=0)
    english.force_login(firm_trainer)
    response = english.post(
        reverse("education:edit", args=[edition.pk]), edition_data(edition, firm, trainers=[freelancer.pk])
    )
    assert response.status_code == 302
    assert list(edition.trainers.all()) == [freelancer]


def test_a_firms_trainer_cannot_plan_an_edition_of_someone_else(
    english, partnership, gmina, firm_trainer, outsider, other_partnership
):
    """An edition they run but another organiser planned: seen, not planned (403); another partnership's: 404."""
    theirs = make_edition(partnership, gmina, trainers=[firm_trainer], meetings=0)
    english.force_login(firm_trainer)
    assert english.get(reverse("education:edition", args=[theirs.pk])).context["can_plan"] is False
    assert english.get(reverse("education:edit", args=[theirs.pk])).status_code == 403
    assert english.post(reverse("education:add_meeting", args=[theirs.pk]), meeting_data(next_month())).status_code
    assert not Meeting.objects.filter(edition=theirs).exists()

    elsewhere = make_edition(other_partnership, gmina, meetings=0)
    assert english.get(reverse("education:edit", args=[elsewhere.pk])).status_code == 404
    assert (
        english.post(reverse("education:add_meeting", args=[elsewhere.pk]), meeting_data(next_month())).status_code
        == 404
    )


def test_a_trainer_of_no_firm_and_a_firm_of_another_kind_cannot_create_editions(
    english, partnership, freelancer, labour_office
):
    english.force_login(freelancer)
    assert english.get(reverse("education:create")).status_code == 403
    assert reverse("education:create") not in english.get(reverse("education:list")).content.decode()
    # A trainer employed by the labour office is no training firm.
    office_trainer = UserFactory(partnership=partnership, organisation=labour_office, roles=[Role.TRAINER])
    english.force_login(office_trainer)
    assert english.get(reverse("education:create")).status_code == 403


def test_a_firms_trainer_sees_the_people_of_the_firms_editions_but_does_not_enrol_them(
    english, partnership, gmina, firm, firm_trainer, coordinator
):
    edition = make_edition(partnership, gmina, organisation=firm)
    person = make_participant(partnership, gmina, by=coordinator, last_name="Uczestniczka", document_number="F1")
    services.enrol(edition, person, by=coordinator)
    english.force_login(firm_trainer)
    page = english.get(reverse("education:edition", args=[edition.pk]))
    assert [e.participant for e in page.context["enrolled"]] == [person]
    assert "enrol_form" not in page.context
    assert english.post(reverse("education:enrol", args=[edition.pk]), {"participant": person.pk}).status_code == 403
    assert english.get(reverse("people:detail", args=[person.pk])).status_code == 200
