"""Personal calendar feeds behind a secret link, and the e-mail reminder the day before each meeting."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from muflon.accounts.models import Role
from muflon.education import calendar, reminders, services
from muflon.education.models import CalendarFeed, Meeting
from tests.factories import UserFactory, make_edition, make_participant

# dates: Meetings are built days from now; reminders go out a day before them.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def me(cast, partnership, gmina, coordinator):
    return make_participant(
        partnership, gmina, by=coordinator, first_name="Marta", last_name="Kowalczyk", user=cast[Role.PARTICIPANT]
    )


@pytest.fixture
def stranger(partnership, gmina, coordinator):
    return make_participant(partnership, gmina, by=coordinator, last_name="Kanarkowa", document_number="KA0000001")


def at(days_ahead, hour=9):
    start = timezone.localtime() + datetime.timedelta(days=days_ahead)
    return start.replace(hour=hour, minute=0, second=0, microsecond=0)


def unfold(ics: str) -> list[str]:
    """Content lines with folding undone (RFC 5545, 3.1)."""
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def events(ics: str) -> list[dict]:
    found, current = [], None
    for line in unfold(ics):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return found


def feed_url(user):
    return reverse("education_public:calendar_feed", args=[calendar.feed_for(user).token])


def test_a_participants_feed_holds_one_event_per_meeting_of_their_enrolled_editions(
    client, cast, me, stranger, partnership, gmina, coordinator
):
    mine = make_edition(partnership, gmina, meetings=3, start=at(10), step_free=True)
    waiting = make_edition(partnership, gmina, type_name="Pełne", capacity=1, start=at(20))
    theirs = make_edition(partnership, gmina, type_name="Cudze", start=at(30))
    services.enrol(mine, me, by=coordinator)
    services.enrol(waiting, stranger, by=coordinator)
    services.enrol(waiting, me, by=coordinator)
    services.enrol(theirs, stranger, by=coordinator)

    response = client.get(feed_url(cast[Role.PARTICIPANT]))
    ics = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "\n" not in ics.replace("\r\n", "")
    assert {"VERSION:2.0", "PRODID:-//Muflon//Educational path//PL"} <= set(unfold(ics))
    found = events(ics)
    assert len(found) == 3 == ics.count("BEGIN:VEVENT") == ics.count("END:VEVENT")
    meetings = list(mine.meetings.all())
    assert [event["UID"] for event in found] == [f"meeting-{meeting.pk}@muflon" for meeting in meetings]
    assert [event["DTSTART"] for event in found] == [
        meeting.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ") for meeting in meetings
    ]
    assert all(event["DTEND"].endswith("Z") and event["DTSTAMP"].endswith("Z") for event in found)
    assert found[0]["SUMMARY"] == "Warsztaty motywacyjne"
    assert found[0]["LOCATION"] == f"Centrum Szkoleń\\, ul. Długa 1\\, {gmina.name}"
    for other in ["Pełne", "Cudze", "Kanarkowa"]:
        assert other not in ics


def test_a_trainers_feed_holds_the_meetings_of_the_editions_they_train_and_no_names_of_people(
    client, cast, stranger, partnership, gmina, coordinator
):
    trained = make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]], meetings=2, start=at(10))
    make_edition(partnership, gmina, type_name="Cudze", trainers=[UserFactory(partnership=partnership)], start=at(12))
    services.enrol(trained, stranger, by=coordinator)

    ics = client.get(feed_url(cast[Role.TRAINER])).content.decode()

    assert [event["UID"] for event in events(ics)] == [f"meeting-{m.pk}@muflon" for m in trained.meetings.all()]
    assert "Cudze" not in ics and "Kanarkowa" not in ics


def test_uids_stay_the_same_when_a_meeting_moves(client, cast, me, partnership, gmina, coordinator):
    edition = make_edition(partnership, gmina, meetings=1, start=at(10))
    services.enrol(edition, me, by=coordinator)
    url = feed_url(cast[Role.PARTICIPANT])
    before = events(client.get(url).content.decode())

    Meeting.objects.filter(edition=edition).update(starts_at=at(11), ends_at=at(11, hour=12))
    after = events(client.get(url).content.decode())

    assert before[0]["UID"] == after[0]["UID"]
    assert before[0]["DTSTART"] != after[0]["DTSTART"]


def test_an_unknown_token_is_not_found(client, cast, me):
    calendar.feed_for(cast[Role.PARTICIPANT])
    assert client.get(reverse("education_public:calendar_feed", args=["no-such-token"])).status_code == 404


def test_the_feed_of_a_deactivated_login_is_not_found(client, cast, me):
    url = feed_url(cast[Role.PARTICIPANT])
    cast[Role.PARTICIPANT].is_active = False
    cast[Role.PARTICIPANT].save()
    assert client.get(url).status_code == 404


def test_the_feed_is_private_to_caches_and_to_search_engines(client, cast, me):
    response = client.get(feed_url(cast[Role.PARTICIPANT]))
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_new_address_makes_the_old_one_stop_working(client, cast, me):
    user = cast[Role.PARTICIPANT]
    old = feed_url(user)
    client.force_login(user)

    response = client.post(reverse("education_public:calendar_reset"), {"next": reverse("me_workshops:home")})

    assert response.status_code == 302 and response["Location"] == reverse("me_workshops:home")
    new = feed_url(user)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_trainer_resets_too_and_an_outside_next_address_is_ignored(client, cast):
    client.force_login(cast[Role.TRAINER])
    old = CalendarFeed.objects.create(user=cast[Role.TRAINER]).token

    response = client.post(reverse("education_public:calendar_reset"), {"next": "https://evil.example.com/"})

    assert response.status_code == 302 and response["Location"] == reverse("shell:dashboard")
    assert CalendarFeed.objects.get(user=cast[Role.TRAINER]).token != old


@pytest.mark.parametrize("next_value", ["2026-01-01T25:61", "people:list", "evil.example.com", "///evil.example.com"])
def test_a_next_value_that_is_no_path_of_the_site_is_ignored(client, cast, next_value):
    """Not looked up as a URL name (a word that names none was a 500), not followed elsewhere."""
    client.force_login(cast[Role.TRAINER])

    response = client.post(reverse("education_public:calendar_reset"), {"next": next_value})

    assert response.status_code == 302 and response["Location"] == reverse("shell:dashboard")


def test_resetting_is_a_post_for_participants_and_trainers_only(client, cast):
    url = reverse("education_public:calendar_reset")
    assert client.post(url)["Location"].startswith(reverse("login"))
    client.force_login(cast[Role.COORDINATOR])
    assert client.post(url).status_code == 403
    client.force_login(cast[Role.TRAINER])
    assert client.get(url).status_code == 405


def test_the_trainers_snippet_shows_the_link_and_the_reset_button(rf, cast):
    from django.template.loader import render_to_string

    request = rf.get("/app/workshops/")
    feed = calendar.feed_for(cast[Role.TRAINER])
    with translation.override("en"):
        html = render_to_string("education/calendar_link.html", {"calendar_feed": feed}, request=request)

    assert f"http://testserver/calendar/{feed.token}.ics" in html
    assert reverse("education_public:calendar_reset") in html
    assert 'name="next" value="/app/workshops/"' in html


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Sala 1, piętro 2; wejście od podwórza", "Sala 1\\, piętro 2\\; wejście od podwórza"),
        ("C:\\dane\nlinia", "C:\\\\dane\\nlinia"),
        ("a\r\nb", "a\\nb"),
    ],
)
def test_text_values_are_escaped(text, escaped):
    assert calendar.escape_text(text) == escaped


def test_long_lines_fold_at_75_octets_without_splitting_a_letter():
    line = "SUMMARY:" + "Zażółć gęślą jaźń, " * 12
    folded = calendar.fold(line)
    physical = folded.split("\r\n")

    assert len(physical) > 1
    assert all(len(part.encode()) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert folded.replace("\r\n ", "") == line
    assert calendar.fold("SHORT:line") == "SHORT:line"


# Reminders


@pytest.fixture
def reminder_world(cast, partnership, gmina, coordinator):
    """An edition with one enrolled person who agreed to e-mail, one who did not, and one waiting."""
    trainer = cast[Role.TRAINER]
    edition = make_edition(partnership, gmina, trainers=[trainer], capacity=2, meetings=1, start=at(5))
    agreed = make_participant(
        partnership, gmina, by=coordinator, email="zgoda@example.org", consents=("support", "email"), last_name="Zgoda"
    )
    no_consent = make_participant(
        partnership, gmina, by=coordinator, email="brak@example.org", document_number="NC0000001", last_name="Brak"
    )
    waiting = make_participant(
        partnership,
        gmina,
        by=coordinator,
        email="czeka@example.org",
        consents=("support", "email"),
        document_number="WT0000001",
        last_name="Czeka",
    )
    for person in (agreed, no_consent, waiting):
        services.enrol(edition, person, by=coordinator)
    return edition


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def reminder_subjects():
    return [message.subject for message in mail.outbox if message.subject.startswith("Reminder:")]


@pytest.mark.django_db(transaction=True)
def test_a_new_meeting_schedules_its_reminder_a_day_before(reminder_world, coordinator):
    starts = at(3, hour=10)

    meeting = services.add_meeting(
        reminder_world, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), by=coordinator
    )

    task = DBTaskResult.objects.get(task_path="muflon.education.reminders.send_reminders_for_meeting")
    assert task.run_after == starts - datetime.timedelta(hours=24)
    assert task.args_kwargs["args"] == [meeting.pk, starts.isoformat()]
    run_worker()
    assert reminder_subjects() == []  # not yet: the worker leaves it for the day before


@pytest.mark.django_db(transaction=True)
def test_the_reminder_goes_to_enrolled_people_who_agreed_to_e_mail_and_to_the_trainer(
    reminder_world, coordinator, cast
):
    starts = at(3, hour=10)
    meeting = services.add_meeting(
        reminder_world, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), by=coordinator
    )
    DBTaskResult.objects.filter(task_path__endswith="send_reminders_for_meeting").update(
        run_after=timezone.now() - datetime.timedelta(minutes=1)
    )
    mail.outbox.clear()

    run_worker()

    reminders_sent = [message for message in mail.outbox if message.subject.startswith("Reminder:")]
    assert sorted(message.to[0] for message in reminders_sent) == ["trainer@example.org", "zgoda@example.org"]
    assert all(len(message.to) == 1 for message in reminders_sent)
    with translation.override("en"):
        subject, body = reminders.reminder_text(meeting)
    assert reminders_sent[0].subject == subject == f"Reminder: Warsztaty motywacyjne on {starts.day} {starts:%B %Y}"
    assert "10:00–12:00" in body and "Centrum Szkoleń" in body and "no step-free access" in body


@pytest.mark.django_db(transaction=True)
def test_a_reminder_job_run_again_after_its_worker_died_reminds_nobody_twice(reminder_world, coordinator):
    """The job queued the e-mails and its worker died before marking it done: run again, it queues them again
    with the same keys, and each person still gets one reminder."""
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=3)
    services.add_meeting(reminder_world, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), by=coordinator)
    run_worker()
    DBTaskResult.objects.filter(task_path__endswith="send_reminders_for_meeting").update(status=TaskResultStatus.READY)

    run_worker()

    job = DBTaskResult.objects.get(task_path__endswith="send_reminders_for_meeting")
    assert job.status == TaskResultStatus.SUCCESSFUL and len(job.worker_ids) == 2
    assert DBTaskResult.objects.filter(args_kwargs__kwargs__key__startswith="reminder:").count() == 4
    reminded = [message.to[0] for message in mail.outbox if message.subject.startswith("Reminder:")]
    assert sorted(reminded) == ["trainer@example.org", "zgoda@example.org"]


@pytest.mark.django_db(transaction=True)
def test_a_meeting_within_a_day_is_reminded_at_once(reminder_world, coordinator):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=3)

    services.add_meeting(reminder_world, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), by=coordinator)
    run_worker()

    assert len(reminder_subjects()) == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("change", ["moved", "deleted"])
def test_no_reminder_for_a_meeting_moved_or_deleted_since(reminder_world, coordinator, change):
    starts = at(3, hour=10)
    meeting = services.add_meeting(
        reminder_world, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), by=coordinator
    )
    if change == "moved":
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=at(4, hour=10), ends_at=at(4, hour=12))
    else:
        Meeting.objects.filter(pk=meeting.pk).delete()
    task = DBTaskResult.objects.get(task_path__endswith="send_reminders_for_meeting")
    DBTaskResult.objects.filter(pk=task.pk).update(run_after=timezone.now() - datetime.timedelta(minutes=1))

    run_worker()

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and task.return_value == 0
    assert reminder_subjects() == []
