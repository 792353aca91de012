"""Staff pages of the educational path: editions list, catalogue, edition forms, an edition's page, attendance."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from muflon.accounts.models import Role
from muflon.education import services
from muflon.education.models import Attendance, Edition, Enrolment, Feedback, Meeting, WorkshopType
from muflon.region.models import Gmina
from tests.factories import UserFactory, after_the_meetings, at_nine, make_edition, make_participant

# dates: Editions and meetings are built relative to today.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]

PESEL = "44051401359"  # a valid PESEL of a man born on 14.05.1944


def next_month_at_nine():
    day = timezone.localdate() + datetime.timedelta(days=30)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


@pytest.fixture
def english(client):
    """The pages in English, so that messages read as their msgids whatever the Polish catalogue holds."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def trainer(cast):
    return cast[Role.TRAINER]


@pytest.fixture
def other_trainer(partnership):
    return UserFactory(
        username="trainer2", first_name="Ewa", last_name="Druga", partnership=partnership, roles=[Role.TRAINER]
    )


@pytest.fixture
def edition(partnership, gmina, trainer):
    return make_edition(partnership, gmina, trainers=[trainer], capacity=2, start=next_month_at_nine())


@pytest.fixture
def people(partnership, gmina, coordinator):
    """Three people; the first has a PESEL, a phone and an e-mail."""
    first = make_participant(
        partnership,
        gmina,
        by=coordinator,
        first_name="Adam",
        last_name="Abacki",
        pesel=PESEL,
        birth_date=datetime.date(1944, 5, 14),
        sex="M",
        document_type="",
        document_number="",
        phone="600 700 800",
        email="adam@example.org",
        street="Tajna 7",
    )
    others = [
        make_participant(partnership, gmina, by=coordinator, last_name=name, document_number=f"D{n:08}")
        for n, name in enumerate(["Babacka", "Cabacka"])
    ]
    return [first, *others]


def enrol_all(edition, people, by):
    return [services.enrol(edition, person, by=by) for person in people]


# The list


def test_list_shows_editions_newest_first_with_places_waiting_and_trainers(client, coordinator, partnership, gmina):
    """Columns: type, dates, place with gmina and access, trainers, enrolled/places, waiting, enrolment."""
    trainer = UserFactory(first_name="Olga", last_name="Trenerska", partnership=partnership, roles=[Role.TRAINER])
    older = make_edition(partnership, gmina, type_name="Stara", trainers=[trainer], start=next_month_at_nine())
    newer = make_edition(
        partnership,
        gmina,
        type_name="Nowa",
        capacity=1,
        step_free=True,
        start=next_month_at_nine() + datetime.timedelta(days=10),
    )
    people = [
        make_participant(partnership, gmina, by=coordinator, last_name=f"L{n}", document_number=f"L{n:08}")
        for n in range(3)
    ]
    enrol_all(newer, people, coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("education:list"))
    assert response.status_code == 200
    rows = response.context["page"].rows
    assert [row.pk for row in rows] == [newer.pk, older.pk]
    assert (rows[0].enrolled_count, rows[0].capacity, rows[0].waiting_count) == (1, 1, 2)
    assert rows[1].waiting_count == 0
    assert "Olga Trenerska" in response.text


@pytest.mark.parametrize("criterion", ["workshop_type", "trainer", "gmina", "date_from", "date_to"])
def test_list_filters_by_type_trainer_gmina_and_meeting_dates(
    client, coordinator, partnership, gmina, trainer, criterion
):
    """Each filter keeps the matching edition and leaves the other out."""
    start = next_month_at_nine()
    elsewhere = Gmina.objects.exclude(pk=gmina.pk).first()
    matching = make_edition(partnership, gmina, type_name="Motywacja", trainers=[trainer], start=start)
    other = make_edition(
        partnership, elsewhere, type_name="Komunikacja", start=start + datetime.timedelta(days=20), meetings=1
    )
    value = {
        "workshop_type": matching.workshop_type_id,
        "trainer": trainer.pk,
        "gmina": gmina.pk,
        # The other edition meets later: a period up to the first edition's last day leaves it out...
        "date_to": matching.ends_on.isoformat(),
        # ...and a period from the other's day leaves out the first.
        "date_from": other.starts_on.isoformat(),
    }[criterion]
    client.force_login(coordinator)
    response = client.get(reverse("education:list"), {criterion: value})
    found = {row.pk for row in response.context["page"].rows}
    expected = {other.pk} if criterion == "date_from" else {matching.pk}
    assert found == expected


def test_a_period_ending_before_it_starts_is_refused_at_the_field(english, coordinator):
    """A date filter whose end comes before its start is refused at the end field."""
    english.force_login(coordinator)
    response = english.get(reverse("education:list"), {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.context["form"].errors == {"date_to": ["The end of the period is before its start."]}


def test_list_makes_the_same_number_of_queries_for_many_editions(
    client, coordinator, partnership, gmina, trainer, other_trainer, django_assert_max_num_queries
):
    """Trainers are prefetched and the waiting count annotated: no query per row."""
    people = [
        make_participant(partnership, gmina, by=coordinator, last_name=f"Q{n}", document_number=f"Q{n:08}")
        for n in range(3)
    ]
    start = next_month_at_nine()

    def add_edition(n):
        edition = make_edition(
            partnership,
            gmina,
            type_name=f"Typ {n}",
            trainers=[trainer, other_trainer],
            capacity=1,
            meetings=1,
            start=start + datetime.timedelta(days=n),
        )
        enrol_all(edition, people, coordinator)

    add_edition(0)
    client.force_login(coordinator)
    url = reverse("education:list")
    client.get(url)  # the session and the user's roles are warm from here on
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(url).status_code == 200
    for n in range(1, 12):
        add_edition(n)
    with django_assert_max_num_queries(len(one_row)):
        response = client.get(url)
    assert len(response.context["page"].rows) == 12


def test_a_trainer_sees_only_their_own_editions(client, partnership, gmina, trainer, other_trainer):
    """A trainer lists only the editions they run; another trainer's edition is not found."""
    mine = make_edition(partnership, gmina, type_name="Moja", trainers=[trainer], start=next_month_at_nine())
    theirs = make_edition(partnership, gmina, type_name="Cudza", trainers=[other_trainer], meetings=0)
    client.force_login(trainer)
    response = client.get(reverse("education:list"))
    assert [row.pk for row in response.context["page"].rows] == [mine.pk]
    assert "trainer" not in response.context["form"].fields
    assert client.get(reverse("education:edition", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("education:edition", args=[mine.pk])).status_code == 200


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.COUNSELLOR, Role.MUNICIPALITY_OFFICER, Role.PARTICIPANT])
def test_other_roles_are_refused_the_staff_pages(client, cast, edition, role):
    """Advisors, counsellors, municipality officers and participants get 403 on the staff pages."""
    client.force_login(cast[role])
    assert client.get(reverse("education:list")).status_code == 403
    assert client.get(reverse("education:edition", args=[edition.pk])).status_code == 403


def test_another_partnerships_edition_is_not_found(client, outsider, edition):
    """The other partnership's administrator gets 404 on the edition, its edit form, attendance and actions."""
    client.force_login(outsider)
    meeting = edition.meetings.first()
    assert client.get(reverse("education:list")).context["page"].rows == []
    for name, args in [
        ("education:edition", [edition.pk]),
        ("education:edit", [edition.pk]),
        ("education:attendance", [edition.pk, meeting.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse("education:add_meeting", args=[edition.pk]), {}).status_code == 404


# The catalogue


def test_catalogue_averages_feedback_per_type_and_per_trainer(client, coordinator, partnership, gmina, people):
    """Ratings are averaged in the database from Feedback through Enrolment and Edition."""
    first_trainer = UserFactory(first_name="Anna", last_name="Pierwsza", partnership=partnership, roles=[Role.TRAINER])
    second_trainer = UserFactory(first_name="Beata", last_name="Druga", partnership=partnership, roles=[Role.TRAINER])
    start = next_month_at_nine()
    one = make_edition(partnership, gmina, type_name="Motywacja", trainers=[first_trainer], capacity=5, start=start)
    two = make_edition(
        partnership,
        gmina,
        type_name="Motywacja",
        trainers=[first_trainer, second_trainer],
        capacity=5,
        start=start + datetime.timedelta(days=5),
    )
    make_edition(partnership, gmina, type_name="Bez ocen", meetings=0)
    for edition, ratings in [(one, [5, 4]), (two, [1])]:
        for person, rating in zip(people, ratings, strict=False):
            Feedback.objects.create(enrolment=services.enrol(edition, person, by=coordinator), rating=rating)
    client.force_login(coordinator)
    response = client.get(reverse("education:catalogue"))
    assert response.status_code == 200
    types = {t.name: (t.average, t.ratings) for t in response.context["types"]}
    assert types["Bez ocen"] == (None, 0)
    assert types["Motywacja"][1] == 3 and types["Motywacja"][0] == pytest.approx(10 / 3)
    trainers = {str(t): (t.average, t.ratings) for t in response.context["trainers"]}
    assert trainers["Anna Pierwsza"][1] == 3 and trainers["Anna Pierwsza"][0] == pytest.approx(10 / 3)
    assert trainers["Beata Druga"] == (1, 1)


def test_a_trainer_sees_the_catalogue_with_only_their_own_rating(client, trainer, other_trainer, edition):
    """A trainer sees the catalogue and their own average, not other trainers', and cannot add types."""
    client.force_login(trainer)
    response = client.get(reverse("education:catalogue"))
    assert response.status_code == 200
    assert [t.pk for t in response.context["trainers"]] == [trainer.pk]
    assert reverse("education:type_create") not in response.text
    assert client.get(reverse("education:type_create")).status_code == 403


def test_coordinator_adds_and_edits_a_workshop_type(client, coordinator, partnership):
    """A coordinator adds a workshop type to the partnership's catalogue and changes its threshold."""
    client.force_login(coordinator)
    form = {
        "name": "Kurs baristy",
        "category": "vocational",
        "description": "",
        "hours": "40",
        "qualification": "Barista",
        "issues_certificate": "on",
        "completion_threshold": "80",
        "path_order": "5",
    }
    assert client.get(reverse("education:type_create")).status_code == 200
    response = client.post(reverse("education:type_create"), form)
    assert response["Location"] == reverse("education:catalogue")
    created = WorkshopType.objects.get(name="Kurs baristy")
    assert created.partnership == partnership
    response = client.post(reverse("education:type_edit", args=[created.pk]), {**form, "completion_threshold": "90"})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.completion_threshold == 90


def test_a_workshop_name_already_in_the_catalogue_is_refused(english, coordinator, edition):
    """A second type of the same name is refused at the name field, nothing saved."""
    english.force_login(coordinator)
    response = english.post(
        reverse("education:type_create"),
        {"name": edition.workshop_type.name, "category": "motivation", "hours": "8", "completion_threshold": "80"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["The catalogue already has a workshop of this name."]
    assert WorkshopType.objects.count() == 1


# Creating and editing editions


def edition_data(edition, **overrides):
    data = {
        "workshop_type": edition.workshop_type_id,
        "trainers": [t.pk for t in edition.trainers.all()],
        "organisation": "",
        "place": edition.place,
        "address": edition.address,
        "gmina": edition.gmina_id,
        "step_free": "",
        "capacity": str(edition.capacity),
        "enrolment_open": "on",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_an_edition_with_trainers(client, coordinator, edition, trainer, partnership):
    """A new edition belongs to the coordinator's partnership, with the trainers chosen."""
    client.force_login(coordinator)
    assert client.get(reverse("education:create")).status_code == 200
    response = client.post(reverse("education:create"), edition_data(edition, place="Świetlica", capacity="12"))
    created = Edition.objects.get(place="Świetlica")
    assert response["Location"] == reverse("education:edition", args=[created.pk])
    assert (created.partnership, created.capacity, list(created.trainers.all())) == (partnership, 12, [trainer])


def test_only_trainers_of_the_partnership_are_offered(client, coordinator, trainer, other_trainer, cast, outsider):
    """The trainers to choose are the partnership's users with the trainer role, nobody else."""
    client.force_login(coordinator)
    offered = set(client.get(reverse("education:create")).context["form"].fields["trainers"].queryset)
    assert offered == {trainer, other_trainer}


def test_a_capacity_below_those_enrolled_is_refused_at_the_field_and_nothing_is_saved(
    english, coordinator, edition, people
):
    """The service's refusal shows at the capacity field, and no other change of the form is saved."""
    enrol_all(edition, people[:2], coordinator)
    english.force_login(coordinator)
    response = english.post(
        reverse("education:edit", args=[edition.pk]), edition_data(edition, capacity="1", place="Nowe miejsce")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["capacity"] == [
        "2 people are already enrolled: the capacity cannot be lower."
    ]
    edition.refresh_from_db()
    assert (edition.capacity, edition.place) == (2, "Centrum Szkoleń")


def test_a_larger_capacity_lets_the_first_waiting_person_in(client, coordinator, edition, people):
    """The edit goes through the service; the seat counter is never overwritten by the form."""
    enrolments = enrol_all(edition, people, coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("education:edit", args=[edition.pk]), edition_data(edition, capacity="3", step_free="on")
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.capacity, edition.enrolled_count, edition.step_free) == (3, 3, True)
    assert Enrolment.objects.get(pk=enrolments[2].pk).status == Enrolment.Status.ENROLLED


# An edition's page


def test_coordinator_sees_people_enrolled_and_waiting_with_positions(client, coordinator, edition, people):
    """Coordinators see the people enrolled (by surname), the waiting list in order and the enrol form."""
    enrol_all(edition, people, coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("education:edition", args=[edition.pk]))
    assert response.status_code == 200
    assert [str(e.participant) for e in response.context["enrolled"]] == ["Adam Abacki", "Anna Babacka"]
    assert [str(e.participant) for e in response.context["waiting"]] == ["Anna Cabacka"]
    assert reverse("education:enrol", args=[edition.pk]) in response.text


def test_a_trainer_sees_names_and_contacts_of_enrolled_people_only_never_a_pesel(
    client, trainer, coordinator, edition, people
):
    """A trainer sees names, phones and e-mails of the people enrolled; no PESEL, address or waiting names."""
    enrol_all(edition, people, coordinator)
    client.force_login(trainer)
    response = client.get(reverse("education:edition", args=[edition.pk]))
    assert response.status_code == 200
    assert "Adam Abacki" in response.text
    assert "600 700 800" in response.text and "adam@example.org" in response.text
    assert PESEL not in response.text and "Tajna" not in response.text
    assert "Cabacka" not in response.text  # waiting: not the trainer's person yet
    assert response.context["waiting_count"] == 1
    assert reverse("education:enrol", args=[edition.pk]) not in response.text


def test_the_page_shows_attendance_share_completion_and_the_average_rating(
    client, coordinator, trainer, edition, people
):
    """Per person: meetings attended of all and completion; for the edition: the average rating."""
    came, missed = enrol_all(edition, people[:2], coordinator)
    first, second = edition.meetings.all()
    with after_the_meetings(edition):
        services.mark_attendance(first, {came.pk: "present", missed.pk: "present"}, by=trainer)
        services.mark_attendance(second, {came.pk: "present", missed.pk: "absent"}, by=trainer)
    Feedback.objects.create(enrolment=came, rating=5)
    Feedback.objects.create(enrolment=missed, rating=2)
    client.force_login(coordinator)
    response = client.get(reverse("education:edition", args=[edition.pk]))
    rows = {e.pk: e for e in response.context["enrolled"]}
    assert (rows[came.pk].present, rows[came.pk].share, rows[came.pk].completed) == (2, 100, True)
    assert (rows[missed.pk].present, rows[missed.pk].share, rows[missed.pk].completed) == (1, 50, False)
    assert response.context["feedback"] == {"average": 3.5, "count": 2}


def test_coordinator_enrols_and_a_full_edition_puts_the_person_on_the_waiting_list(
    english, coordinator, edition, people
):
    """Enrolling from the page fills the places, then the waiting list, and says so."""
    english.force_login(coordinator)
    url = reverse("education:enrol", args=[edition.pk])
    statuses = []
    for person in people:
        response = english.post(url, {"enrol-participant": person.pk}, follow=True)
        statuses.append(Enrolment.objects.get(participant=person).status)
    assert statuses == ["enrolled", "enrolled", "waiting"]
    assert "The edition is full: Anna Cabacka is on the waiting list." in response.text


def test_enrolling_twice_is_refused_at_the_field_and_saves_nothing(english, coordinator, edition, people):
    """Someone already enrolled is not among the people to choose: their id is refused at the participant field."""
    services.enrol(edition, people[0], by=coordinator)
    english.force_login(coordinator)
    response = english.post(reverse("education:enrol", args=[edition.pk]), {"enrol-participant": people[0].pk})
    assert response.status_code == 200
    assert response.context["enrol_form"].errors["participant"] == [
        "This person cannot be chosen here. Type the name again and choose from what is found."
    ]
    assert Enrolment.objects.count() == 1


# Choosing whom to enrol: a text box (core.chooser) instead of a select of hundreds


def enrol_post(client, edition, **data):
    return client.post(reverse("education:enrol", args=[edition.pk]), {f"enrol-{k}": v for k, v in data.items()})


def test_a_name_that_matches_one_person_enrols_them(english, coordinator, edition, people):
    english.force_login(coordinator)
    response = enrol_post(english, edition, participant_text="cabac")
    assert response.status_code == 302
    assert [e.participant for e in Enrolment.objects.all()] == [people[2]]


def test_namesakes_come_back_as_a_choice_told_apart_and_the_chosen_one_is_enrolled(
    english, coordinator, edition, partnership, gmina, people
):
    """Two Anna Nowaks: the form comes back with both to choose from (year of birth, gmina, record), the text
    kept and nothing saved; choosing one with the same text enrols her."""
    older, younger = (
        make_participant(
            partnership, gmina, by=coordinator, birth_date=datetime.date(year, 1, 5), document_number=f"N{year}"
        )
        for year in (1970, 1995)
    )
    english.force_login(coordinator)
    response = enrol_post(english, edition, participant_text="Nowak Anna")
    assert response.status_code == 200
    assert response.context["enrol_form"].errors["participant"] == [
        "2 people match “Nowak Anna”: choose one of them below."
    ]
    assert 'name="enrol-participant_text" value="Nowak Anna"' in response.text
    assert f"Nowak Anna (born 1970, Głuszyca, record {older.pk})" in response.text
    assert f"Nowak Anna (born 1995, Głuszyca, record {younger.pk})" in response.text
    assert '<a href="#id_enrol-participant">Participant: 2 people match' in response.text  # the error summary
    assert not Enrolment.objects.exists()
    response = enrol_post(english, edition, participant_text="Nowak Anna", participant=younger.pk)
    assert response.status_code == 302
    assert [e.participant for e in Enrolment.objects.all()] == [younger]


def test_a_name_nobody_has_is_an_error_at_the_field_with_the_text_kept(english, coordinator, edition, people):
    english.force_login(coordinator)
    response = enrol_post(english, edition, participant_text="Zzyzx")
    assert response.context["enrol_form"].errors["participant"] == [
        "Nobody matches “Zzyzx” among the people not yet enrolled in this edition or waiting for it."
    ]
    assert 'value="Zzyzx"' in response.text and 'aria-invalid="true"' in response.text
    assert "<title>Error:" in response.text
    assert not Enrolment.objects.exists()


def test_people_already_in_the_edition_are_not_offered(english, coordinator, edition, people):
    services.enrol(edition, people[1], by=coordinator)
    english.force_login(coordinator)
    response = enrol_post(english, edition, participant_text="Babacka")
    assert response.context["enrol_form"].errors["participant"][0].startswith("Nobody matches “Babacka”")
    assert Enrolment.objects.count() == 1


def test_another_partnerships_person_is_refused_by_exact_name_and_by_id(
    english, coordinator, edition, people, other_partnership, outsider, gmina
):
    stranger = make_participant(other_partnership, gmina, by=outsider, last_name="Obca", first_name="Zofia")
    english.force_login(coordinator)
    by_name = enrol_post(english, edition, participant_text="Obca Zofia")
    assert by_name.context["enrol_form"].errors["participant"][0].startswith("Nobody matches")
    for data in ({"participant": stranger.pk}, {"participant": stranger.pk, "participant_text": "Obca Zofia"}):
        refused = enrol_post(english, edition, **data)
        assert refused.context["enrol_form"].errors["participant"] == [
            "This person cannot be chosen here. Type the name again and choose from what is found."
        ]
        assert "Obca" not in refused.text.replace('value="Obca Zofia"', "")
    assert not Enrolment.objects.exists()


def test_a_refusal_by_the_service_keeps_the_chosen_person_and_says_why_at_the_field(
    english, coordinator, edition, people
):
    Edition.objects.filter(pk=edition.pk).update(enrolment_open=False)
    english.force_login(coordinator)
    response = enrol_post(english, edition, participant_text="Abacki Adam", participant=people[0].pk)
    assert response.context["enrol_form"].errors["participant"] == ["Enrolment to this edition is closed."]
    assert f'<input type="hidden" name="enrol-participant" value="{people[0].pk}"' in response.text
    assert f"Chosen: Abacki Adam (born 1944, Głuszyca, record {people[0].pk})" in response.text
    assert not Enrolment.objects.exists()


# The people to enrol as you type (the chooser's endpoint)


def people_found(client, edition, query):
    response = client.get(reverse("education:enrol_people", args=[edition.pk]), {"q": query})
    assert response.status_code == 200
    return response


def test_as_you_type_the_people_not_yet_in_the_edition_are_offered_by_name_or_pesel(
    english, coordinator, edition, people, other_partnership, outsider, gmina
):
    services.enrol(edition, people[1], by=coordinator)
    make_participant(other_partnership, gmina, by=outsider, last_name="Cabacka", first_name="Obca")
    english.force_login(coordinator)
    response = people_found(english, edition, "acka")
    assert response.text.count('role="option"') == 0  # a name starts with what is typed
    response = people_found(english, edition, "caba")
    assert response.text.count('role="option"') == 1
    assert f'data-value="{people[2].pk}" data-text="Cabacka Anna">Cabacka Anna (born 1980' in response.text
    assert "1 person found." in response.text
    assert 'role="option"' not in people_found(english, edition, "Babacka").text  # already enrolled
    assert "no-store" in response["Cache-Control"]
    assert f'data-value="{people[0].pk}"' in people_found(english, edition, PESEL).text


def test_as_you_type_nothing_is_looked_for_below_two_characters_and_at_most_twenty_are_offered(
    english, coordinator, edition, partnership, gmina
):
    for n in range(25):
        make_participant(partnership, gmina, by=coordinator, last_name=f"Kowal{chr(97 + n)}", document_number=f"K{n}")
    english.force_login(coordinator)
    short = people_found(english, edition, "K")
    assert 'role="option"' not in short.text and "Type at least 2 characters." in short.text
    many = people_found(english, edition, "kowal")
    assert many.text.count('role="option"') == 20
    assert "The first 20 people found; type more of the name to find others." in many.text


def test_as_you_type_hostile_text_gets_a_message_never_a_server_error(english, coordinator, edition, people):
    english.force_login(coordinator)
    # A NUL anywhere in a request is refused before any view (core.middleware.NullCharacterMiddleware).
    url = reverse("education:enrol_people", args=[edition.pk])
    assert english.get(url, {"q": "Ab\x00"}).status_code == 400
    assert "at most 100 characters" in people_found(english, edition, "a" * 10000).text
    assert "Nobody matches “&lt;script&gt;”" in people_found(english, edition, "<script>").text
    assert "Nobody matches" in people_found(english, edition, "%' OR 1=1 --").text


def test_as_you_type_is_for_those_who_enrol_in_their_own_partnership(client, cast, edition, people, outsider):
    url = reverse("education:enrol_people", args=[edition.pk])
    anonymous = client.get(url, {"q": "Abacki"})
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    client.force_login(cast[Role.TRAINER])  # runs the edition, does not enrol
    assert client.get(url, {"q": "Abacki"}).status_code == 403
    client.force_login(outsider)
    assert client.get(url, {"q": "Abacki"}).status_code == 404


def test_withdrawing_moves_the_first_waiting_person_up(english, coordinator, edition, people):
    """A withdrawal frees a place that goes to the first person waiting; the message names them."""
    first, _, waiting = enrol_all(edition, people, coordinator)
    english.force_login(coordinator)
    url = reverse("education:withdraw", args=[edition.pk, first.pk])
    assert "Withdraw" in english.post(url).text and Enrolment.objects.get(pk=first.pk).status == "enrolled"
    response = english.post(url, {"confirmed": "yes"}, follow=True)
    assert "Anna Cabacka moved up from the waiting list and has a place." in response.text
    assert Enrolment.objects.get(pk=first.pk).status == Enrolment.Status.WITHDRAWN
    assert Enrolment.objects.get(pk=waiting.pk).status == Enrolment.Status.ENROLLED


def test_completion_decided_by_hand_needs_a_reason_which_is_kept(english, coordinator, edition, people):
    """Without a reason the decision is refused at the field; with one, it is saved with the reason."""
    enrolment = services.enrol(edition, people[0], by=coordinator)
    english.force_login(coordinator)
    url = reverse("education:override", args=[edition.pk])
    decision = {"completion-enrolment": enrolment.pk, "completion-completed": "yes", "completion-reason": ""}
    response = english.post(url, decision)
    assert response.status_code == 200
    assert "reason" in response.context["completion_form"].errors
    enrolment.refresh_from_db()
    assert enrolment.completion_overridden is False
    response = english.post(url, {**decision, "completion-reason": "Egzamin zdany"})
    assert response["Location"] == reverse("education:edition", args=[edition.pk]) + "#main"
    enrolment.refresh_from_db()
    assert (enrolment.completed, enrolment.completion_overridden, enrolment.override_reason) == (
        True,
        True,
        "Egzamin zdany",
    )


def test_completion_can_be_decided_only_for_people_enrolled(english, coordinator, edition, people):
    """A person on the waiting list is not among the choices: the decision is refused at the field."""
    *_, waiting = enrol_all(edition, people, coordinator)
    english.force_login(coordinator)
    response = english.post(
        reverse("education:override", args=[edition.pk]),
        {"completion-enrolment": waiting.pk, "completion-completed": "yes", "completion-reason": "Egzamin"},
    )
    assert "enrolment" in response.context["completion_form"].errors
    waiting.refresh_from_db()
    assert (waiting.completed, waiting.completion_overridden) == (None, False)


# Meetings


def meeting_data(day, starts="09:00", ends="11:00", room=""):
    return {"meeting-day": day.isoformat(), "meeting-starts": starts, "meeting-ends": ends, "meeting-room": room}


def test_coordinator_adds_a_meeting_and_the_dates_follow(client, coordinator, edition):
    """A meeting is added at the local time given and the edition's last day follows it."""
    client.force_login(coordinator)
    day = edition.ends_on + datetime.timedelta(days=7)
    response = client.post(reverse("education:add_meeting", args=[edition.pk]), meeting_data(day, room="Sala 2"))
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.ends_on == day
    meeting = edition.meetings.last()
    assert (timezone.localtime(meeting.starts_at).hour, meeting.room) == (9, "Sala 2")


def test_a_meeting_overlapping_the_trainers_other_meeting_is_refused_and_nothing_is_saved(
    english, coordinator, partnership, gmina, trainer, edition
):
    """The trainer is busy then: the service's message shows at the meeting form, no meeting is saved."""
    other = make_edition(partnership, gmina, type_name="Inna", trainers=[trainer], meetings=0)
    busy = timezone.localtime(edition.meetings.first().starts_at)
    english.force_login(coordinator)
    response = english.post(
        reverse("education:add_meeting", args=[other.pk]), meeting_data(busy.date(), starts="10:00", ends="12:00")
    )
    assert response.status_code == 200
    errors = response.context["meeting_form"].non_field_errors()
    assert len(errors) == 1 and errors[0].startswith("A trainer of this edition is busy then:")
    assert f"{busy:%d.%m.%Y %H:%M}" in errors[0]  # the meeting's local time, not UTC
    assert errors[0] in response.text
    assert not other.meetings.exists()


def test_a_meeting_ending_before_it_starts_is_refused(english, coordinator, edition):
    """The service's refusal shows at the meeting form; no meeting is saved."""
    english.force_login(coordinator)
    before = Meeting.objects.count()
    response = english.post(
        reverse("education:add_meeting", args=[edition.pk]),
        meeting_data(edition.ends_on + datetime.timedelta(days=3), starts="12:00", ends="10:00"),
    )
    assert response.context["meeting_form"].non_field_errors() == ["A meeting must end after it starts."]
    assert Meeting.objects.count() == before


def test_action_urls_refuse_a_get(client, coordinator, edition, people):
    """Enrol, withdraw, completion and add-meeting answer only POST."""
    enrolment = services.enrol(edition, people[0], by=coordinator)
    client.force_login(coordinator)
    for name, args in [
        ("education:add_meeting", [edition.pk]),
        ("education:enrol", [edition.pk]),
        ("education:withdraw", [edition.pk, enrolment.pk]),
        ("education:override", [edition.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 405


def test_a_trainer_may_not_manage_the_edition(client, trainer, edition, people, coordinator):
    """A trainer of the edition may not edit it or withdraw people (403), and nothing changes."""
    enrolment = services.enrol(edition, people[0], by=coordinator)
    client.force_login(trainer)
    assert client.get(reverse("education:edit", args=[edition.pk])).status_code == 403
    assert client.post(reverse("education:withdraw", args=[edition.pk, enrolment.pk])).status_code == 403
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.ENROLLED


# Attendance


def test_trainer_marks_attendance_and_sees_it_prefilled(client, trainer, coordinator, edition, people):
    """Once the meeting was held: one radio group per enrolled person; what was marked is saved and shown again."""
    came, missed = enrol_all(edition, people[:2], coordinator)
    meeting = edition.meetings.first()
    url = reverse("education:attendance", args=[edition.pk, meeting.pk])
    with after_the_meetings(edition):
        client.force_login(trainer)
        page = client.get(url)
        assert page.status_code == 200
        assert set(page.context["form"].fields) == {f"enrolment_{came.pk}", f"enrolment_{missed.pk}"}
        response = client.post(url, {f"enrolment_{came.pk}": "present", f"enrolment_{missed.pk}": "excused"})
        assert response["Location"] == reverse("education:edition", args=[edition.pk])
        marked = dict(Attendance.objects.filter(meeting=meeting).values_list("enrolment_id", "status"))
        assert marked == {came.pk: "present", missed.pk: "excused"}
        form = client.get(url).context["form"]
        assert form[f"enrolment_{missed.pk}"].value() == "excused"


def test_attendance_for_someone_not_enrolled_is_refused_and_nothing_is_saved(
    english, trainer, coordinator, edition, people
):
    """A stale page still listing a person who was withdrawn (or a forged field) is refused as a whole."""
    came, _, waiting = enrol_all(edition, people, coordinator)
    meeting = edition.meetings.first()
    with after_the_meetings(edition):
        english.force_login(trainer)
        response = english.post(
            reverse("education:attendance", args=[edition.pk, meeting.pk]),
            {f"enrolment_{came.pk}": "present", f"enrolment_{waiting.pk}": "present"},
        )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Attendance can be marked only for people enrolled in this edition."
    ]
    assert not Attendance.objects.exists()


def test_submitting_no_marks_says_so(english, trainer, edition, people, coordinator):
    """A form sent with nothing chosen gets a message instead of silently saving nothing."""
    enrol_all(edition, people[:1], coordinator)
    with after_the_meetings(edition):
        english.force_login(trainer)
        response = english.post(reverse("education:attendance", args=[edition.pk, edition.meetings.first().pk]), {})
    assert response.context["form"].non_field_errors() == ["Choose present, absent or excused for at least one person."]
    page = response.content.decode()
    assert "error-summary" in page and "There is a problem" in page and "<title>Error:" in page


def local_start(meeting) -> str:
    """'07-01-2027, 09:00': a meeting's start as the pages and messages write it, in local time."""
    return f"{timezone.localtime(meeting.starts_at):%d-%m-%Y, %H:%M}"


def test_a_meeting_not_started_offers_no_form_and_says_from_when(english, trainer, coordinator, edition, people):
    """Before the meeting starts, its attendance page has no form; it says attendance opens at the local start."""
    enrol_all(edition, people[:1], coordinator)
    meeting = edition.meetings.first()
    english.force_login(trainer)
    response = english.get(reverse("education:attendance", args=[edition.pk, meeting.pk]))
    assert response.status_code == 200
    assert 'type="radio"' not in response.text and "Save the attendance" not in response.text
    assert f"Attendance can be recorded only once the meeting has started ({local_start(meeting)})." in response.text
    assert "09:00" in local_start(meeting)


def test_a_forged_post_for_a_meeting_not_started_is_refused_and_nothing_is_saved(
    client, trainer, coordinator, edition, people
):
    """Marks sent for a meeting still ahead come back as an error above the page (in Polish, with the local start),
    the title says so, and no attendance or completion is saved."""
    came, missed = enrol_all(edition, people[:2], coordinator)
    meeting = edition.meetings.first()
    client.force_login(trainer)
    response = client.post(
        reverse("education:attendance", args=[edition.pk, meeting.pk]),
        {f"enrolment_{came.pk}": "present", f"enrolment_{missed.pk}": "absent"},
    )
    assert response.status_code == 200
    message = f"Obecność można zapisać dopiero po rozpoczęciu zajęć ({local_start(meeting)})."
    assert response.context["form"].non_field_errors() == [message]
    assert f'<div class="form-errors" role="alert"><p>{message}</p></div>' in response.text
    assert "<title>Błąd:" in response.text
    assert not Attendance.objects.exists()
    assert set(Enrolment.objects.values_list("completed", flat=True)) == {None}


def test_the_edition_page_offers_attendance_only_for_meetings_that_have_started(
    english, trainer, coordinator, edition, people
):
    """A meeting held yesterday links to its attendance; the meetings still ahead say when it opens instead."""
    enrol_all(edition, people[:1], coordinator)
    held = Meeting.objects.create(
        edition=edition, starts_at=at_nine(-1), ends_at=at_nine(-1) + datetime.timedelta(hours=2)
    )
    english.force_login(trainer)
    page = english.get(reverse("education:edition", args=[edition.pk])).text
    assert reverse("education:attendance", args=[edition.pk, held.pk]) in page
    for ahead in edition.meetings.exclude(pk=held.pk):
        assert reverse("education:attendance", args=[edition.pk, ahead.pk]) not in page
    assert page.count("once the meeting has started") == 2


def test_another_trainer_cannot_open_the_attendance_of_an_edition_not_theirs(client, other_trainer, edition):
    """Another trainer's edition is not found, for GET and POST."""
    client.force_login(other_trainer)
    url = reverse("education:attendance", args=[edition.pk, edition.meetings.first().pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def test_a_meeting_of_another_edition_is_not_found(client, coordinator, partnership, gmina, edition):
    """A meeting is reached only through its own edition."""
    other = make_edition(partnership, gmina, type_name="Inna", meetings=1, start=next_month_at_nine())
    client.force_login(coordinator)
    url = reverse("education:attendance", args=[edition.pk, other.meetings.first().pk])
    assert client.get(url).status_code == 404
