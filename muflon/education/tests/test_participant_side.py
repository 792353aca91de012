"""The participant's own workshops at /me/workshops/: signing up, the waiting list, leaving, feedback, progress."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from muflon.accounts.models import Role
from muflon.education import person_page, progress, services
from muflon.education.models import Edition, Enrolment, Feedback, WorkshopType
from tests.concurrency import in_threads
from tests.factories import UserFactory, make_edition, make_participant

# dates: Editions open, running or finished as of today; feedback only after the end.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]

HOME = reverse("me_workshops:home")


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def finish(edition):
    """Move the edition's dates into the past, as if it had ended a week ago."""
    Edition.objects.filter(pk=edition.pk).update(starts_on=days(-8), ends_on=days(-7))
    edition.refresh_from_db()
    return edition


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture(autouse=True)
def english(settings):
    """Pages in English, so that the tests read the source texts whatever the Polish catalogue holds."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def me(cast, partnership, gmina, coordinator):
    """Marta Kowalczyk, linked to the cast's participant login."""
    return make_participant(
        partnership,
        gmina,
        by=coordinator,
        first_name="Marta",
        last_name="Kowalczyk",
        document_number="ME0000001",
        user=cast[Role.PARTICIPANT],
    )


@pytest.fixture
def someone_else(partnership, gmina, coordinator):
    return make_participant(
        partnership, gmina, by=coordinator, first_name="Olga", last_name="Kanarkowa", document_number="OT0000001"
    )


@pytest.fixture
def edition(partnership, gmina, cast):
    return make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]], capacity=3, step_free=True)


@pytest.fixture
def me_client(client, cast, me):
    client.force_login(cast[Role.PARTICIPANT])
    return client


def test_the_page_lists_open_editions_with_dates_place_access_and_places_left(
    me_client, edition, partnership, gmina, other_partnership
):
    make_edition(partnership, gmina, type_name="Zamknięte szkolenie", enrolment_open=False, start=edition_start(30))
    finish(make_edition(partnership, gmina, type_name="Dawne szkolenie", start=edition_start(60)))
    make_edition(other_partnership, gmina, type_name="Obce szkolenie")

    page = me_client.get(HOME).content.decode()

    assert "Warsztaty motywacyjne" in page
    assert "Centrum Szkoleń, ul. Długa 1" in page
    assert "Step-free access: yes." in page
    assert "3 places left." in page
    for hidden in ["Zamknięte szkolenie", "Dawne szkolenie", "Obce szkolenie"]:
        assert hidden not in page


def edition_start(days_ahead):
    return timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days_ahead)


def test_signing_up_gives_a_place_and_says_so(me_client, me, edition):
    response = me_client.post(reverse("me_workshops:enrol", args=[edition.pk]))

    assert response.status_code == 302 and response["Location"] == HOME
    assert Enrolment.objects.get(participant=me, edition=edition).status == "enrolled"
    assert len(message_texts(response)) == 1
    assert "Warsztaty motywacyjne" in message_texts(response)[0]


def test_a_full_edition_puts_the_person_on_the_waiting_list_and_says_so(
    me_client, me, edition, someone_else, coordinator
):
    services.change_capacity(edition, 1, by=coordinator)
    services.enrol(edition, someone_else, by=coordinator)

    page = me_client.get(HOME).content.decode()
    assert "No places left: you can join the waiting list." in page
    assert "Join the waiting list" in page

    response = me_client.post(reverse("me_workshops:enrol", args=[edition.pk]))

    assert Enrolment.objects.get(participant=me, edition=edition).status == "waiting"
    [text] = message_texts(response)
    assert "waiting list" in text and "place 1" in text
    page = me_client.get(HOME).content.decode()
    assert "You are on the waiting list, place 1." in page


def test_signing_up_twice_is_refused_with_a_message_and_saves_nothing(me_client, me, edition):
    me_client.post(reverse("me_workshops:enrol", args=[edition.pk]))
    response = me_client.post(reverse("me_workshops:enrol", args=[edition.pk]))

    assert response.status_code == 302
    assert Enrolment.objects.filter(participant=me).count() == 1
    assert message_texts(response)[-1].startswith("We could not sign you up.")


def test_a_closed_or_another_partnerships_edition_cannot_be_joined_and_the_page_says_so(
    me_client, me, partnership, gmina, other_partnership
):
    closed = make_edition(partnership, gmina, type_name="Zamknięte", enrolment_open=False)
    foreign = make_edition(other_partnership, gmina, type_name="Obce")

    for edition in (closed, foreign):
        response = me_client.post(reverse("me_workshops:enrol", args=[edition.pk]))
        assert response.status_code == 302
        assert message_texts(response)[-1] == "This workshop is not open for signing up any more."
    assert not Enrolment.objects.filter(participant=me).exists()


def test_own_enrolments_show_their_status_and_the_place_on_the_waiting_list(
    me_client, me, edition, someone_else, coordinator, partnership, gmina
):
    services.change_capacity(edition, 1, by=coordinator)
    services.enrol(edition, someone_else, by=coordinator)
    services.enrol(edition, me, by=coordinator)
    other = make_edition(partnership, gmina, type_name="Komunikacja", start=edition_start(40))
    services.enrol(other, me, by=coordinator)

    page = me_client.get(HOME).content.decode()

    assert "You are on the waiting list, place 1." in page
    assert "You have a place." in page
    assert "Kanarkowa" not in page


def test_leaving_frees_the_place_for_the_first_person_waiting(me_client, me, edition, someone_else, coordinator):
    services.change_capacity(edition, 1, by=coordinator)
    mine = services.enrol(edition, me, by=coordinator)
    theirs = services.enrol(edition, someone_else, by=coordinator)

    asked = me_client.post(reverse("me_workshops:withdraw", args=[mine.pk]))
    assert asked.status_code == 200 and Enrolment.objects.get(pk=mine.pk).status == "enrolled"

    response = me_client.post(reverse("me_workshops:withdraw", args=[mine.pk]), {"confirmed": "yes"})

    assert response.status_code == 302
    assert Enrolment.objects.get(pk=mine.pk).status == "withdrawn"
    assert Enrolment.objects.get(pk=theirs.pk).status == "enrolled"
    assert "no longer signed up" in message_texts(response)[0]


def test_nobody_can_withdraw_another_persons_enrolment(me_client, me, edition, someone_else, coordinator):
    theirs = services.enrol(edition, someone_else, by=coordinator)

    response = me_client.post(reverse("me_workshops:withdraw", args=[theirs.pk]))

    assert response.status_code == 404
    assert Enrolment.objects.get(pk=theirs.pk).status == "enrolled"


def test_a_finished_workshop_cannot_be_left(me_client, me, edition, coordinator):
    mine = services.enrol(edition, me, by=coordinator)
    finish(edition)

    response = me_client.post(reverse("me_workshops:withdraw", args=[mine.pk]))

    assert Enrolment.objects.get(pk=mine.pk).status == "enrolled"
    assert "already finished" in message_texts(response)[0]


def test_actions_answer_only_post(me_client, me, edition, coordinator):
    mine = services.enrol(edition, me, by=coordinator)
    assert me_client.get(reverse("me_workshops:enrol", args=[edition.pk])).status_code == 405
    assert me_client.get(reverse("me_workshops:withdraw", args=[mine.pk])).status_code == 405


def test_only_participants_open_the_page(client, cast, me):
    assert client.get(HOME)["Location"].startswith(reverse("login"))
    client.force_login(cast[Role.TRAINER])
    assert client.get(HOME).status_code == 403


def test_a_login_without_a_participant_record_sees_a_friendly_page(client, partnership):
    client.force_login(UserFactory(partnership=partnership, roles=[Role.PARTICIPANT]))
    response = client.get(HOME)
    assert response.status_code == 200
    assert "people/me_not_linked.html" in [template.name for template in response.templates]


# Feedback


def test_after_the_end_an_enrolled_person_rates_the_workshop_once(me_client, me, edition, coordinator):
    mine = services.enrol(edition, me, by=coordinator)
    finish(edition)
    url = reverse("me_workshops:feedback", args=[mine.pk])

    form_page = me_client.get(url).content.decode()
    assert form_page.count('type="radio"') == 5
    assert 'name="rating"' in form_page
    assert "Tell us how it was" in me_client.get(HOME).content.decode()

    response = me_client.post(url, {"rating": "4", "comment": "Dobre ćwiczenia"})
    assert response.status_code == 302
    feedback = Feedback.objects.get(enrolment=mine)
    assert (feedback.rating, feedback.comment) == (4, "Dobre ćwiczenia")

    again = me_client.post(url, {"rating": "1", "comment": "Drugi raz"})
    assert again.status_code == 302
    assert "already" in message_texts(again)[-1]
    assert Feedback.objects.get(enrolment=mine).rating == 4
    assert "Your rating: 4 out of 5." in me_client.get(HOME).content.decode()


def test_feedback_before_the_end_is_refused(me_client, me, edition, coordinator):
    mine = services.enrol(edition, me, by=coordinator)
    url = reverse("me_workshops:feedback", args=[mine.pk])

    assert me_client.get(url).status_code == 302
    response = me_client.post(url, {"rating": "5"})

    assert response.status_code == 302
    assert "after it has ended" in message_texts(response)[-1]
    assert not Feedback.objects.exists()


def test_people_who_only_waited_or_left_cannot_rate(me_client, me, edition, someone_else, coordinator):
    services.change_capacity(edition, 1, by=coordinator)
    services.enrol(edition, someone_else, by=coordinator)
    waiting = services.enrol(edition, me, by=coordinator)
    finish(edition)

    response = me_client.post(reverse("me_workshops:feedback", args=[waiting.pk]), {"rating": "5"})

    assert "Only people who took part" in message_texts(response)[-1]
    assert not Feedback.objects.exists()


def test_a_rating_outside_one_to_five_or_missing_is_an_error_on_the_field(me_client, me, edition, coordinator):
    mine = services.enrol(edition, me, by=coordinator)
    finish(edition)
    url = reverse("me_workshops:feedback", args=[mine.pk])

    for rating in ["6", "0", ""]:
        response = me_client.post(url, {"rating": rating})
        assert response.status_code == 200
        assert response.context["form"].errors["rating"]
    assert not Feedback.objects.exists()


def test_nobody_rates_another_persons_enrolment(me_client, edition, someone_else, coordinator):
    theirs = services.enrol(edition, someone_else, by=coordinator)
    finish(edition)

    response = me_client.post(reverse("me_workshops:feedback", args=[theirs.pk]), {"rating": "1"})

    assert response.status_code == 404
    assert not Feedback.objects.exists()


# The calendar link


def test_the_page_shows_a_secret_calendar_link_made_on_the_first_visit(me_client, cast, me):
    from muflon.education.models import CalendarFeed

    assert not CalendarFeed.objects.exists()
    page = me_client.get(HOME).content.decode()
    feed = CalendarFeed.objects.get(user=cast[Role.PARTICIPANT])
    assert reverse("education_public:calendar_feed", args=[feed.token]) in page
    me_client.get(HOME)
    assert CalendarFeed.objects.get().token == feed.token


# Progress on the path


@pytest.fixture
def path_types(partnership):
    def workshop_type(name, order):
        return WorkshopType.objects.create(
            partnership=partnership, name=name, category="other", hours=4, path_order=order
        )

    return [workshop_type("Krok trzeci", 3), workshop_type("Krok pierwszy", 1), workshop_type("Krok drugi", 2)]


def test_path_progress_marks_each_step_done_in_progress_or_ahead(me, path_types, partnership, gmina, coordinator):
    third, first, second = path_types
    done = make_edition(partnership, gmina, type_name=first.name, start=edition_start(10))
    running = make_edition(partnership, gmina, type_name=second.name, start=edition_start(20))
    waiting_only = make_edition(partnership, gmina, type_name=third.name, capacity=1, start=edition_start(30))
    services.override_completion(
        services.enrol(done, me, by=coordinator), completed=True, reason="Egzamin", by=coordinator
    )
    services.enrol(running, me, by=coordinator)
    services.enrol(
        waiting_only, make_participant(partnership, gmina, by=coordinator, document_number="W1"), by=coordinator
    )
    services.enrol(waiting_only, me, by=coordinator)

    steps = progress.path_progress(me)

    assert [(step.workshop_type.name, step.state) for step in steps] == [
        ("Krok pierwszy", "done"),
        ("Krok drugi", "in_progress"),
        ("Krok trzeci", "ahead"),
    ]


def test_a_workshop_not_completed_stays_ahead(me, path_types, partnership, gmina, coordinator):
    failed = make_edition(partnership, gmina, type_name="Krok pierwszy", start=edition_start(10))
    enrolment = services.enrol(failed, me, by=coordinator)
    services.override_completion(enrolment, completed=False, reason="Nieobecności", by=coordinator)

    assert progress.path_progress(me)[0].state == "ahead"


def test_the_progress_partial_says_each_state_in_words(me, path_types, partnership, gmina, coordinator):
    running = make_edition(partnership, gmina, type_name="Krok drugi", start=edition_start(20))
    services.enrol(running, me, by=coordinator)

    with translation.override("en"):
        html = render_to_string("education/path_progress.html", person_page.own_page_path(None, me, {}))

    items = [" ".join(item.split("</li>")[0].split()) for item in html.split("<li>")[1:]]
    assert items == ["Krok pierwszy — still ahead", "Krok drugi — in progress", "Krok trzeci — still ahead"]


# Many people at once, through the pages


@pytest.mark.slow  # fifty threads
@pytest.mark.django_db(transaction=True)
def test_fifty_participants_signing_up_at_once_through_the_page_fill_ten_places_and_forty_wait(
    partnership, gmina, coordinator
):
    """No answer is an error page: each person is sent back to the page with a message."""
    edition = make_edition(partnership, gmina, capacity=10)
    clients = []
    for n in range(50):
        user = UserFactory(partnership=partnership, roles=[Role.PARTICIPANT], username=f"rush{n:02}")
        make_participant(
            partnership, gmina, by=coordinator, last_name=f"Rush{n:02}", document_number=f"RU{n:07}", user=user
        )
        client = Client()
        client.force_login(user)
        clients.append(client)
    url = reverse("me_workshops:enrol", args=[edition.pk])
    responses = []

    errors = in_threads(lambda client: responses.append(client.post(url)), clients)

    assert errors == []
    assert sorted((response.status_code, response["Location"]) for response in responses) == [(302, HOME)] * 50
    assert all(len(message_texts(response)) == 1 for response in responses)
    edition.refresh_from_db()
    statuses = list(edition.enrolments.values_list("status", flat=True))
    assert (statuses.count("enrolled"), statuses.count("waiting"), edition.enrolled_count) == (10, 40, 10)
