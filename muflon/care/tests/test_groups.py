"""Self-help groups: status and facilitator, members with consent, meetings and attendance, who sees them."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from muflon.care import services
from muflon.care.models import GroupAttendance, GroupMeeting, GroupMember, SelfHelpGroup
from tests.factories import after_the_meetings, at_nine, days_ahead, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(partnership, counsellor):
    return SelfHelpGroup.objects.create(
        partnership=partnership,
        topic="Rodzice wracający do pracy",
        facilitator=counsellor,
        place="Świetlica",
        schedule="co drugi wtorek, 17:00",
        status="facilitated",
        started_on=datetime.date(2026, 1, 10),
    )


def group_data(**overrides):
    data = {
        "topic": "Grupa AA",
        "facilitator": "",
        "place": "MOK",
        "schedule": "czwartki 18:00",
        "status": "self_running",
        "started_on": "2026-02-01",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_self_running_group(english, coordinator):
    english.force_login(coordinator)
    response = english.post(reverse("care:group_create"), group_data())
    group = SelfHelpGroup.objects.get()
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert (group.status, group.facilitator, group.partnership) == ("self_running", None, coordinator.partnership)


def test_a_facilitated_group_needs_its_facilitator(english, coordinator):
    english.force_login(coordinator)
    response = english.post(reverse("care:group_create"), group_data(status="facilitated"))
    assert 'id="id_facilitator_error"' in response.content.decode()
    assert not SelfHelpGroup.objects.exists()


def test_a_member_needs_the_consent_to_processing_for_support(
    english, group, coordinator, partnership, gmina, participant
):
    no_consent = make_participant(partnership, gmina, by=coordinator, consents=(), document_number="NOC000001")
    english.force_login(coordinator)
    url = reverse("care:member_add", args=[no_consent.pk])
    response = english.post(url, {"membership-group": group.pk, "membership-joined_on": "2026-02-01"}, follow=True)
    assert "has no consent in force to processing for support" in response.content.decode()
    assert not GroupMember.objects.exists()
    english.post(
        reverse("care:member_add", args=[participant.pk]),
        {"membership-group": group.pk, "membership-joined_on": "2026-02-01"},
    )
    assert GroupMember.objects.get().participant == participant


def test_nobody_joins_a_closed_group_or_twice(group, participant, coordinator):
    services.add_member(group, participant, on=datetime.date(2026, 2, 1), by=coordinator)
    with translation.override("en"), pytest.raises(ValidationError, match="already a member"):
        services.add_member(group, participant, on=datetime.date(2026, 2, 2), by=coordinator)
    group.status = "closed"
    group.save()
    with translation.override("en"), pytest.raises(ValidationError, match="closed"):
        services.add_member(group, participant, on=datetime.date(2026, 2, 2), by=coordinator)


@pytest.mark.dates
def test_facilitator_adds_a_meeting_and_marks_attendance_once_it_is_held(
    client, group, participant, counsellor, coordinator
):
    """A meeting added for a day ahead takes attendance once it is held: present, then everybody absent."""
    member = services.add_member(group, participant, on=datetime.date(2026, 2, 1), by=coordinator)
    client.force_login(counsellor)
    response = client.post(
        reverse("care:group_meeting", args=[group.pk]),
        {"meeting-day": days_ahead(3), "meeting-starts": "17:00", "meeting-ends": "18:30", "meeting-topic": "Stres"},
    )
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get()
    assert timezone.localtime(meeting.starts_at).hour == 17
    url = reverse("care:group_attendance", args=[group.pk, meeting.pk])
    assert client.post(url, {"present": [member.pk]}).status_code == 200  # not yet: refused
    assert not GroupAttendance.objects.exists()
    with after_the_meetings(group):
        client.force_login(counsellor)
        response = client.post(url, {"present": [member.pk]})
        assert response.status_code == 302
        assert GroupAttendance.objects.get().present is True
        client.post(url, {})
        assert GroupAttendance.objects.get().present is False


def test_a_meeting_that_ends_before_it_starts_is_refused(english, group, counsellor):
    english.force_login(counsellor)
    response = english.post(
        reverse("care:group_meeting", args=[group.pk]),
        {"meeting-day": "2026-03-03", "meeting-starts": "18:00", "meeting-ends": "17:00"},
    )
    assert response.status_code == 200
    assert "A meeting must end after it starts." in response.content.decode()
    assert not GroupMeeting.objects.exists()


def test_a_member_leaves_and_is_not_marked_at_later_meetings(group, participant, coordinator):
    member = services.add_member(group, participant, on=datetime.date(2026, 2, 1), by=coordinator)
    services.remove_member(member, on=datetime.date(2026, 2, 20), by=coordinator)
    starts = timezone.make_aware(datetime.datetime(2026, 3, 3, 17, 0))
    meeting = services.add_group_meeting(
        group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), by=coordinator
    )
    assert list(services.members_on(meeting)) == []
    with pytest.raises(ValidationError):
        services.mark_group_attendance(meeting, [member.pk], by=coordinator)


# Attendance opens when the meeting starts. The meetings below lie a few days from today (or held yesterday), so these
# tests carry the `dates` mark: they are run again with the clock a year ahead.


@pytest.fixture
def member(group, participant, coordinator, today):
    """The cast's participant, a member of the group for a week now."""
    return services.add_member(group, participant, on=today - datetime.timedelta(days=7), by=coordinator)


def meeting_at(group, starts_at):
    return GroupMeeting.objects.create(
        group=group, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1)
    )


def local_start(meeting) -> str:
    """'07-01-2027, 09:00': a meeting's start as the messages write it, in local time."""
    return f"{timezone.localtime(meeting.starts_at):%d-%m-%Y, %H:%M}"


@pytest.mark.dates
def test_attendance_for_a_group_meeting_not_started_is_refused_with_its_local_start_and_nothing_is_saved(
    group, member, coordinator
):
    """Before a group meeting starts nobody can be marked: the refusal names the start in local time (9:00 in Warsaw,
    stored as 7:00 or 8:00 UTC), and no attendance is saved, present or absent."""
    ahead = meeting_at(group, at_nine(3))
    assert timezone.localtime(ahead.starts_at).hour == 9 and ahead.starts_at.astimezone(datetime.UTC).hour != 9
    with translation.override("pl"), pytest.raises(ValidationError) as refusal:
        services.mark_group_attendance(ahead, [member.pk], by=coordinator)
    assert refusal.value.messages == [f"Obecność można zapisać dopiero po rozpoczęciu zajęć ({local_start(ahead)})."]
    assert refusal.value.code == "meeting_not_started"
    with pytest.raises(ValidationError):
        services.mark_group_attendance(ahead, [], by=coordinator)  # "everybody absent" is attendance too
    assert not GroupAttendance.objects.exists()


@pytest.mark.dates
@pytest.mark.parametrize(("minutes_after_start", "accepted"), [(-1, False), (0, True), (1, True)])
def test_group_attendance_opens_at_the_minute_the_meeting_starts(
    minutes_after_start, accepted, group, member, coordinator
):
    """A minute before the start is refused; at the start and a minute after, the mark is saved."""
    meeting = meeting_at(group, at_nine(3))
    moment = meeting.starts_at + datetime.timedelta(minutes=minutes_after_start)
    with time_machine.travel(moment, tick=False):
        assert meeting.has_started() is accepted
        if accepted:
            assert services.mark_group_attendance(meeting, [member.pk], by=coordinator) == 1
        else:
            with pytest.raises(ValidationError):
                services.mark_group_attendance(meeting, [member.pk], by=coordinator)
    assert list(GroupAttendance.objects.values_list("present", flat=True)) == ([True] if accepted else [])


@pytest.mark.dates
def test_a_group_meeting_not_started_offers_no_form_and_says_from_when(english, group, member, counsellor):
    """Before the meeting starts, its attendance page has no form, says from when and leads back to the group."""
    ahead = meeting_at(group, at_nine(3))
    english.force_login(counsellor)
    response = english.get(reverse("care:group_attendance", args=[group.pk, ahead.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<form method="post" class="narrow"' not in page and 'type="checkbox"' not in page
    assert "Save the attendance" not in page
    assert f"<p>Attendance can be recorded only once the meeting has started ({local_start(ahead)}).</p>" in page
    assert f'<a href="{group.get_absolute_url()}">Back to the group</a>' in page
    assert "<title>Error:" not in page


@pytest.mark.dates
@pytest.mark.parametrize("present", [["member"], [], ["999999"]], ids=["one-present", "all-absent", "a-stranger"])
def test_a_forged_post_for_a_group_meeting_not_started_is_refused_and_nothing_is_saved(
    client, group, member, counsellor, present
):
    """Marks sent for a meeting still ahead (a member, nobody, or someone who is not a member) come back as the
    refusal above the page, in Polish with the local start, with "Błąd:" in the title; nothing is saved."""
    ahead = meeting_at(group, at_nine(3))
    client.force_login(counsellor)
    response = client.post(
        reverse("care:group_attendance", args=[group.pk, ahead.pk]),
        {"present": [member.pk if value == "member" else value for value in present]},
    )
    assert response.status_code == 200
    message = f"Obecność można zapisać dopiero po rozpoczęciu zajęć ({local_start(ahead)})."
    assert f'<div class="form-errors" role="alert"><p>{message}</p></div>' in response.content.decode()
    assert "<title>Błąd:" in response.content.decode()
    assert 'type="checkbox"' not in response.content.decode()
    assert not GroupAttendance.objects.exists()


@pytest.mark.dates
def test_a_group_meeting_held_yesterday_takes_attendance_over_the_page(english, group, member, counsellor):
    """Once the meeting has started its page offers the form, and the marks are saved."""
    held = meeting_at(group, at_nine(-1))
    url = reverse("care:group_attendance", args=[group.pk, held.pk])
    english.force_login(counsellor)
    page = english.get(url).content.decode()
    assert f'name="present" value="{member.pk}"' in page and "Attendance can be recorded only once" not in page
    assert english.post(url, {"present": [member.pk]})["Location"] == group.get_absolute_url()
    assert GroupAttendance.objects.get(meeting=held, member=member).present is True


@pytest.mark.dates
def test_the_group_page_offers_attendance_only_for_meetings_that_have_started(english, group, member, counsellor):
    """A meeting held yesterday links to its attendance; a meeting still ahead says when it opens instead."""
    held, ahead = meeting_at(group, at_nine(-1)), meeting_at(group, at_nine(3))
    english.force_login(counsellor)
    page = english.get(group.get_absolute_url()).content.decode()
    assert reverse("care:group_attendance", args=[group.pk, held.pk]) in page
    assert reverse("care:group_attendance", args=[group.pk, ahead.pk]) not in page
    assert page.count("once the meeting has started") == 1


def test_a_counsellor_sees_only_the_groups_they_facilitate(client, group, other_counsellor, counsellor, partnership):
    SelfHelpGroup.objects.create(
        partnership=partnership,
        topic="Grupa innej osoby",
        facilitator=other_counsellor,
        place="x",
        schedule="x",
        status="facilitated",
        started_on=datetime.date(2026, 1, 1),
    )
    client.force_login(counsellor)
    page = client.get(reverse("care:groups")).content.decode()
    assert "Rodzice wracający do pracy" in page and "Grupa innej osoby" not in page
