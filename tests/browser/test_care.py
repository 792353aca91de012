"""Browser journey: a counsellor records a session and a confidential note and reads it back, and marks attendance
at the group meeting held (the one ahead says from when); the coordinator sees that the session took place but not
the note; the care pages pass axe."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from muflon.accounts.models import Role
from muflon.care import services
from muflon.care.models import (
    CareArrangement,
    ConfidentialNote,
    CounsellingSession,
    Dependant,
    GroupAttendance,
    SelfHelpGroup,
)
from muflon.people.models import Assessment, BarrierScore
from muflon.people.services import give_consent
from tests.browser.axe import assert_accessible
from tests.browser.login import log_in_with_session
from tests.factories import at_nine

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

NOTE = "Rozmowa o powrocie do pracy; klientka boi się pierwszego dnia."


@pytest.fixture
def care_world(cast, participant, partnership):
    coordinator, counsellor = cast[Role.COORDINATOR], cast[Role.COUNSELLOR]
    give_consent(participant, "health_data", on=participant.joined_on, method="paper", by=coordinator)
    client = services.refer_to_counselling(
        participant, counsellor=counsellor, kind="psychological", referred_on=participant.joined_on, by=coordinator
    )
    for day, severity in [(datetime.date(2026, 1, 10), 3), (datetime.date(2026, 4, 10), 1)]:
        assessment = Assessment.objects.create(participant=participant, assessed_on=day, assessed_by=coordinator)
        for area in BarrierScore.Area:
            BarrierScore.objects.create(assessment=assessment, area=area, severity=severity)
    group = SelfHelpGroup.objects.create(
        partnership=partnership,
        topic="Grupa rodziców",
        facilitator=counsellor,
        place="Świetlica",
        schedule="wtorki 17:00",
        status="facilitated",
        started_on=participant.joined_on,
    )
    member = services.add_member(group, participant, on=participant.joined_on, by=coordinator)
    held, ahead = (
        services.add_group_meeting(
            group, starts_at=at_nine(days), ends_at=at_nine(days) + datetime.timedelta(hours=1), by=coordinator
        )
        for days in (-1, 3)
    )
    dependant = Dependant.objects.create(participant=participant, kind="child_under_7", name="Zosia")
    services.save_arrangement(
        CareArrangement(
            dependant=dependant,
            provider="kindergarten",
            starts_on=participant.joined_on,
            ends_on=participant.joined_on + datetime.timedelta(days=30),
            hours_per_week=Decimal(20),
            monthly_cost=Decimal("350.00"),
            paid_by="project",
        ),
        by=coordinator,
    )
    return {"client": client, "group": group, "member": member, "held": held, "ahead": ahead}


def test_counsellor_records_a_session_and_a_note_the_coordinator_sees_only_the_session(
    page, browser, live_server, log_in, cast, care_world
):
    client = care_world["client"]
    log_in(cast[Role.COUNSELLOR])
    page.goto("/app/care/")
    assert_accessible(page)
    page.get_by_role("link", name=str(client.participant)).click()
    page.wait_for_url(f"**/app/care/clients/{client.pk}/")
    assert_accessible(page)

    page.locator(f"a[href$='/clients/{client.pk}/sessions/new/']").click()
    page.fill("#id_minutes", "55")
    page.select_option("#id_form", "therapeutic")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    session = CounsellingSession.objects.get()
    assert (session.minutes, session.form) == (55, "therapeutic")

    page.locator(f"a[href$='/clients/{client.pk}/notes/new/']").click()
    page.fill("#id_text", NOTE)
    page.select_option("#id_session", str(session.pk))
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    note = ConfidentialNote.objects.get()
    assert NOTE not in note.ciphertext

    page.locator(f"a[href$='/app/care/notes/{note.pk}/']").click()
    expect(page.locator(".confidential")).to_have_text(NOTE)
    assert_accessible(page)

    page.goto(f"/app/care/people/{client.participant_id}/")
    expect(page.locator("svg[role=img]")).to_be_visible()
    assert_accessible(page)
    group, held, ahead = care_world["group"], care_world["held"], care_world["ahead"]
    page.goto(f"/app/care/groups/{group.pk}/")
    assert_accessible(page)
    # The meeting ahead: no link from the group, and its page says from when, with no form.
    expect(page.locator(f"a[href$='/groups/{group.pk}/meetings/{ahead.pk}/']")).to_have_count(0)
    page.goto(f"/app/care/groups/{group.pk}/meetings/{ahead.pk}/")
    expect(page.get_by_text(f"({timezone.localtime(ahead.starts_at):%d-%m-%Y, %H:%M}).")).to_be_visible()
    expect(page.locator("input[type=checkbox]")).to_have_count(0)
    assert_accessible(page)
    # The meeting held yesterday: marked from the group's page.
    page.goto(f"/app/care/groups/{group.pk}/")
    page.locator(f"a[href$='/groups/{group.pk}/meetings/{held.pk}/']").click()
    page.locator(f"input[type=checkbox][value='{care_world['member'].pk}']").check()
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert GroupAttendance.objects.get(meeting=held).present is True

    coordinator_context = browser.new_context(base_url=live_server.url)
    coordinator_page = coordinator_context.new_page()
    log_in_with_session(coordinator_page, live_server.url, cast[Role.COORDINATOR])
    coordinator_page.goto(f"/app/care/clients/{client.pk}/")
    expect(coordinator_page.locator("#sessions-caption")).to_be_visible()
    expect(coordinator_page.get_by_role("cell", name="55", exact=True)).to_be_visible()
    assert NOTE not in coordinator_page.content()
    assert coordinator_page.locator(f"a[href$='/app/care/notes/{note.pk}/']").count() == 0
    response = coordinator_page.goto(f"/app/care/notes/{note.pk}/")
    assert response.status == 404 and NOTE not in coordinator_page.content()
    for url in ["/app/care/sessions/", "/app/care/groups/", "/app/care/care/", "/app/care/care/gaps/"]:
        coordinator_page.goto(url)
        assert NOTE not in coordinator_page.content()
        assert_accessible(coordinator_page)
    coordinator_context.close()
