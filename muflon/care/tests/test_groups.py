"""Self-help groups: status and facilitator, members with consent, meetings and attendance, who sees them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from muflon.care import services
from muflon.care.models import GroupAttendance, GroupMeeting, GroupMember, SelfHelpGroup
from tests.factories import make_participant

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


def test_facilitator_adds_a_meeting_and_marks_attendance(client, group, participant, counsellor, coordinator):
    member = services.add_member(group, participant, on=datetime.date(2026, 2, 1), by=coordinator)
    client.force_login(counsellor)
    response = client.post(
        reverse("care:group_meeting", args=[group.pk]),
        {"meeting-day": "2026-03-03", "meeting-starts": "17:00", "meeting-ends": "18:30", "meeting-topic": "Stres"},
    )
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get()
    assert timezone.localtime(meeting.starts_at).hour == 17
    response = client.post(reverse("care:group_attendance", args=[group.pk, meeting.pk]), {"present": [member.pk]})
    assert response.status_code == 302
    assert GroupAttendance.objects.get().present is True
    client.post(reverse("care:group_attendance", args=[group.pk, meeting.pk]), {})
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
