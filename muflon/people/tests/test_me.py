"""The participant's own pages at /me/: own path, plan and activities, contact details, and the data export."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from muflon.accounts.models import Role
from muflon.core.models import AuditEntry
from muflon.people import data_export, services
from muflon.people.models import (
    Assessment,
    BarrierScore,
    CaseNote,
    Consent,
    EligibilityGround,
    ExclusionCategory,
    FollowUp,
    Participant,
    PlanItem,
    Referral,
    Task,
)
from muflon.people.path import ExitReason, Stage
from muflon.people.views_me import path_steps

# dates: Stages, plan items and upcoming activities are dated relative to today.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]

ME_URLS = ["me:home", "me:contact", "me:data_json", "me:data_pdf"]
DOWNLOADS = ["me:data_json", "me:data_pdf"]
# Strings that belong to another person or to staff only: none may ever reach the participant.
CANARIES = ["Kanarkowa", "Zuzanna-Kanarek", "02211307589", "CANARY-OTHER-GOAL", "CANARY-OTHER-ITEM", "700 999 888"]
STAFF_ONLY = ["CANARY-NOTE", "CANARY-TASK"]


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def staff(cast):
    """The coordinator records things (not shown to the participant); the advisor is the person's helper."""
    coordinator, advisor = cast[Role.COORDINATOR], cast[Role.ADVISOR]
    coordinator.first_name, coordinator.last_name = "Regina", "Rejestratorska"
    coordinator.save()
    advisor.first_name, advisor.last_name = "Anna", "Doradczyni"
    advisor.save()
    return SimpleNamespace(coordinator=coordinator, advisor=advisor)


@pytest.fixture
def person(cast, partnership, gmina, labour_office, staff):
    """A participant linked to the cast's participant login, in support, with a plan in two versions."""
    participant = Participant(
        partnership=partnership,
        first_name="Józef",
        last_name="Źdźbło",
        pesel="44051401359",
        birth_date=datetime.date(1944, 5, 14),
        sex=Participant.Sex.MALE,
        phone="600 100 200",
        email="jozef@example.org",
        city="Głuszyca",
        gmina=gmina,
        education=Participant.Education.ISCED_2,
        labour_status=Participant.LabourStatus.REGISTERED_UNEMPLOYED,
        unemployed_since=days(-400),
        long_term_unemployed=True,
        joined_on=days(-60),
        case_worker=staff.advisor,
        user=cast[Role.PARTICIPANT],
    )
    services.register_participant(
        participant,
        referral=Referral(
            source=Referral.Source.LABOUR_OFFICE,
            organisation=labour_office,
            referred_on=days(-61),
            reason="Długo bez pracy",
        ),
        consents=[Consent(purpose=Consent.Purpose.SUPPORT, given_on=days(-60), method=Consent.Method.PAPER)],
        by=staff.coordinator,
    )
    EligibilityGround.objects.create(
        participant=participant,
        category=ExclusionCategory.objects.order_by("sort", "code").first(),
        evidence=EligibilityGround.Evidence.LABOUR_OFFICE_CERTIFICATE,
        evidence_date=days(-62),
    )
    assessment = Assessment.objects.create(
        participant=participant,
        assessed_on=days(-45),
        assessed_by=staff.advisor,
        strengths="Sumienność",
        interests="Stolarstwo",
        business_idea="Warsztat stolarski",
    )
    BarrierScore.objects.create(
        assessment=assessment, area=BarrierScore.Area.FINANCES, severity=BarrierScore.Severity.MEDIUM, notes="Długi"
    )
    services.move_to_stage(participant, Stage.DIAGNOSED, on=days(-40), by=staff.coordinator)
    services.revise_plan(
        participant,
        goals="Pierwsza wersja planu",
        items=[
            {
                "kind": PlanItem.Kind.WORKSHOP,
                "description": "Stary warsztat",
                "target_date": days(-20),
                "responsible": staff.advisor,
            }
        ],
        by=staff.coordinator,
    )
    services.revise_plan(
        participant,
        goals="Założyć spółdzielnię stolarską",
        items=[
            {
                "kind": PlanItem.Kind.WORKSHOP,
                "description": "Warsztat motywacyjny",
                "target_date": days(7),
                "responsible": staff.advisor,
            },
            {
                "kind": PlanItem.Kind.ADVISORY,
                "description": "Doradztwo biznesowe",
                "target_date": days(3),
                "responsible": staff.advisor,
                "status": PlanItem.Status.IN_PROGRESS,
            },
            {
                "kind": PlanItem.Kind.OTHER,
                "description": "Zaległa rozmowa",
                "target_date": days(-5),
                "responsible": staff.advisor,
            },
            {
                "kind": PlanItem.Kind.OTHER,
                "description": "Już zrobione",
                "target_date": days(10),
                "responsible": staff.advisor,
                "status": PlanItem.Status.DONE,
            },
            {
                "kind": PlanItem.Kind.GRANT,
                "description": "Odwołane",
                "target_date": days(20),
                "responsible": staff.advisor,
                "status": PlanItem.Status.CANCELLED,
            },
        ],
        by=staff.coordinator,
    )
    services.move_to_stage(participant, Stage.IN_SUPPORT, on=days(-30), by=staff.coordinator, note="Gotowy")
    CaseNote.objects.create(participant=participant, author=staff.coordinator, text="CANARY-NOTE trudna rozmowa")
    Task.objects.create(
        participant=participant,
        title="CANARY-TASK zadzwonić",
        due_on=days(2),
        assignee=staff.coordinator,
        created_by=staff.coordinator,
    )
    return participant


@pytest.fixture
def other_person(partnership, gmina, staff):
    """Another participant of the same partnership, full of canary strings."""
    participant = Participant(
        partnership=partnership,
        first_name="Zuzanna-Kanarek",
        last_name="Kanarkowa",
        pesel="02211307589",
        birth_date=datetime.date(2002, 1, 13),
        sex=Participant.Sex.FEMALE,
        phone="700 999 888",
        gmina=gmina,
        education=Participant.Education.ISCED_3,
        labour_status=Participant.LabourStatus.INACTIVE,
        joined_on=days(-10),
    )
    services.register_participant(participant, by=staff.coordinator)
    services.revise_plan(
        participant,
        goals="CANARY-OTHER-GOAL",
        items=[
            {
                "kind": PlanItem.Kind.WORKSHOP,
                "description": "CANARY-OTHER-ITEM",
                "target_date": days(1),
                "responsible": staff.advisor,
            }
        ],
        by=staff.coordinator,
    )
    return participant


@pytest.fixture
def me(client, cast, person):
    """The client logged in as the linked participant, reading the pages in English (the msgids)."""
    client.force_login(cast[Role.PARTICIPANT])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_home_shows_the_current_stage_and_how_long_in_plain_words(me):
    """The page names the current stage, its start date and the time spent in it."""
    response = me.get(reverse("me:home"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "in support" in text
    assert "You have been in this stage for" in text
    assert str(days(-30).year) in text


def test_home_shows_the_path_in_stage_order_with_done_now_and_ahead(me):
    """Stages gone through are done, the current one is marked, the rest are ahead; no exit on the way."""
    response = me.get(reverse("me:home"))
    steps = [(step.stage, step.state) for step in response.context["steps"]]
    assert steps[:4] == [
        (Stage.RECRUITED, "done"),
        (Stage.DIAGNOSED, "done"),
        (Stage.IN_SUPPORT, "now"),
        (Stage.FOUNDING_GROUP, "ahead"),
    ]
    assert [stage for stage, _ in steps] == [stage for stage in Stage if stage != Stage.EXITED]
    assert 'aria-current="step"' in response.content.decode()


def test_path_of_a_person_who_left_shows_the_exit_and_the_skipped_stages():
    """After an exit the exit is now; stages never reached before it are skipped, not done."""
    person = SimpleNamespace(stage=Stage.EXITED)
    steps = {step.stage: step.state for step in path_steps(person, {Stage.RECRUITED, Stage.DIAGNOSED, Stage.EXITED})}
    assert steps[Stage.DIAGNOSED] == "done"
    assert steps[Stage.IN_SUPPORT] == "skipped"
    assert steps[Stage.EXITED] == "now"


def test_home_shows_the_current_plan_with_goals_items_and_the_helper(me):
    """The latest plan version: goals, each item's kind, description, date, status and the staff member's name."""
    text = me.get(reverse("me:home")).content.decode()
    assert "Założyć spółdzielnię stolarską" in text
    assert "Pierwsza wersja planu" not in text
    for description in ["Warsztat motywacyjny", "Doradztwo biznesowe", "Zaległa rozmowa", "Już zrobione", "Odwołane"]:
        assert description in text
    assert "advisory hours" in text.lower()
    assert "Status: in progress" in text
    assert "Anna Doradczyni" in text


def test_upcoming_activities_are_open_items_from_today_on_soonest_first(me):
    """Done, cancelled and past items are not upcoming; the soonest comes first."""
    response = me.get(reverse("me:home"))
    assert [item.description for item in response.context["upcoming"]] == [
        "Doradztwo biznesowe",
        "Warsztat motywacyjny",
    ]


def test_home_shows_dates_the_polish_way(client, cast, person):
    """In Polish a date reads like "14 maja 2025" (day, month in the genitive, year)."""
    client.force_login(cast[Role.PARTICIPANT])
    response = client.get(reverse("me:home"), HTTP_ACCEPT_LANGUAGE="pl")
    day = days(-30)
    months = "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia"
    expected = f"{day.day} {months.split()[day.month - 1]} {day.year}"
    assert expected in response.content.decode()


def test_timeline_shows_own_events_without_notes_tasks_or_who_recorded_them(me):
    """The participant's history lists their events; case notes, tasks and the recording staff never appear."""
    response = me.get(reverse("me:home"))
    text = response.content.decode()
    titles = [event.title for event in response.context["events"]]
    assert "You joined the programme." in titles
    assert "New stage: in support." in titles
    assert "Your support plan was changed (version 2)." in titles
    assert any("Urząd Pracy" in title for title in titles)
    for canary in STAFF_ONLY:
        assert canary not in text
    assert "Rejestratorska" not in text
    assert "Gotowy" not in text  # the staff's free-text note on a stage change


def test_another_participants_data_appears_nowhere(me, person, other_person):
    """Nothing of another participant of the same partnership reaches the page, the JSON or the PDF."""
    page = me.get(reverse("me:home")).content.decode()
    exported = me.get(reverse("me:data_json")).content.decode()
    pdf_text = data_export.pdf_html(data_export.person_data(person))
    for text in (page, exported, pdf_text):
        assert "Józef" in text
        for canary in CANARIES:
            assert canary not in text


def test_exports_leave_out_case_notes_tasks_and_who_recorded_things(me, person):
    """Case notes and tasks are staff-internal: neither the JSON nor the PDF holds them."""
    exported = me.get(reverse("me:data_json")).content.decode()
    pdf_text = data_export.pdf_html(data_export.person_data(person))
    for text in (exported, pdf_text):
        for canary in [*STAFF_ONLY, "Rejestratorska"]:
            assert canary not in text


def test_json_export_holds_every_section_as_an_attachment_with_iso_dates(me, person):
    """A UTF-8 JSON attachment with personal data, grounds, referrals, consents, diagnoses, plans, stages."""
    response = me.get(reverse("me:data_json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert "Źdźbło" in response.content.decode("utf-8")
    data = json.loads(response.content)
    assert set(data) >= {
        "personal_data",
        "eligibility_grounds",
        "referrals",
        "consents",
        "diagnoses",
        "support_plans",
        "stage_history",
        "follow_ups",
    }
    assert data["personal_data"]["pesel"] == "44051401359"
    assert data["personal_data"]["birth_date"] == "1944-05-14"
    assert data["personal_data"]["phone"] == "600 100 200"
    assert data["eligibility_grounds"][0]["evidence"]["code"] == "labour_office"
    assert data["eligibility_grounds"][0]["evidence_date"] == days(-62).isoformat()
    assert data["referrals"] == [
        {
            "source": {"code": "labour_office", "label": "labour office"},
            "organisation": "Urząd Pracy",
            "referred_on": days(-61).isoformat(),
            "reason": "Długo bez pracy",
        }
    ]
    assert data["consents"][0]["purpose"]["code"] == "support"
    assert data["consents"][0]["method"]["code"] == "paper"
    assert data["consents"][0]["withdrawn_on"] is None
    diagnosis = data["diagnoses"][0]
    assert diagnosis["business_idea"] == "Warsztat stolarski"
    assert diagnosis["barriers"] == [
        {
            "area": {"code": "finances", "label": "finances and debts"},
            "severity": {"code": 2, "label": "considerable"},
            "notes": "Długi",
        }
    ]
    assert [plan["version"] for plan in data["support_plans"]] == [2, 1]
    assert len(data["support_plans"][0]["items"]) == 5
    assert data["support_plans"][0]["items"][0]["responsible"] == "Anna Doradczyni"
    assert [move["to_stage"]["code"] for move in data["stage_history"]] == ["recruited", "diagnosed", "in_support"]
    assert data["follow_ups"] == []


def test_json_export_holds_follow_ups_with_their_outcome(me, person, staff):
    """After an exit the follow-ups, with the recorded situation, are part of the copy."""
    services.move_to_stage(person, Stage.EXITED, on=days(-1), by=staff.coordinator, exit_reason=ExitReason.FOUND_WORK)
    FollowUp.objects.filter(participant=person, kind=FollowUp.Kind.AT_EXIT).update(
        outcome=FollowUp.Outcome.EMPLOYED_OPEN_MARKET, details="Tartak", recorded_on=days(-1)
    )
    data = json.loads(me.get(reverse("me:data_json")).content)
    at_exit = next(row for row in data["follow_ups"] if row["kind"]["code"] == "at_exit")
    assert at_exit["outcome"]["code"] == "employed_open_market"
    assert at_exit["details"] == "Tartak"
    assert len(data["follow_ups"]) == 3
    assert data["stage_history"][-1]["exit_reason"]["code"] == "found_work"


def test_pdf_export_is_a_real_pdf_with_the_data_in_its_source(me, person):
    """A PDF attachment (magic %PDF-) not kept in caches; its HTML holds the sections and Polish letters."""
    response = me.get(reverse("me:data_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    html = data_export.pdf_html(data_export.person_data(person))
    assert "Partnerstwo Pilotażowe" in html
    assert "Źdźbło" in html
    assert '"DejaVu Sans"' in html
    for text in ["Warsztat motywacyjny", "Stary warsztat", "Warsztat stolarski", "Długo bez pracy", "Urząd Pracy"]:
        assert text in html


@pytest.mark.parametrize("url_name", DOWNLOADS)
def test_downloads_write_a_read_entry_in_the_audit_log(me, cast, person, url_name):
    """Each copy of the data is a read of confidential data, logged against the person's record."""
    me.get(reverse(url_name))
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.READ, content_type__model="participant", object_id=str(person.pk)
    ).get()
    assert entry.actor == cast[Role.PARTICIPANT]
    assert entry.changes == {"read": f"own data export ({url_name.removeprefix('me:data_')})"}
    assert entry.partnership_id == person.partnership_id


def test_contact_update_saves_phone_and_email_and_logs_the_change(me, person):
    """Valid contact details are saved (only they change) and the audit log records the change."""
    response = me.post(reverse("me:contact"), {"phone": "+48 601-202-303", "email": "nowy@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("me:home")
    person.refresh_from_db()
    assert (person.phone, person.email) == ("+48 601-202-303", "nowy@example.org")
    assert person.first_name == "Józef"
    entry = AuditEntry.objects.filter(
        action=AuditEntry.Action.UPDATE, content_type__model="participant", object_id=str(person.pk)
    ).latest("id")
    assert entry.changes == {
        "phone": {"old": "600 100 200", "new": "+48 601-202-303"},
        "email": {"old": "jozef@example.org", "new": "nowy@example.org"},
    }


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"phone": "600 100 200", "email": "not-an-address"}, "email", "name@example.com"),
        ({"phone": "123", "email": "jozef@example.org"}, "phone", "9 to 15 digits"),
        ({"phone": "600 1OO 200", "email": "jozef@example.org"}, "phone", "9 to 15 digits"),
        ({"phone": "1234567890123456", "email": "jozef@example.org"}, "phone", "9 to 15 digits"),
    ],
)
def test_contact_update_with_bad_input_says_why_at_the_field_and_saves_nothing(me, person, form, field, message):
    """A wrong e-mail or phone is shown at its field with a clear message; the record stays as it was."""
    entries_before = AuditEntry.objects.count()
    response = me.post(reverse("me:contact"), form)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    person.refresh_from_db()
    assert (person.phone, person.email) == ("600 100 200", "jozef@example.org")
    assert AuditEntry.objects.count() == entries_before


def test_contact_update_needs_a_phone_or_an_email(me, person):
    """Clearing both would leave no way to reach the person: refused, nothing saved."""
    response = me.post(reverse("me:contact"), {"phone": "", "email": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    person.refresh_from_db()
    assert person.phone == "600 100 200"


@pytest.mark.parametrize("role", [role for role in Role if role != Role.PARTICIPANT])
def test_staff_roles_are_refused_on_every_me_url(client, cast, person, role):
    """/me/ is the participant's own space: every staff role gets 403 on each of its URLs."""
    client.force_login(cast[role])
    assert [client.get(reverse(name)).status_code for name in ME_URLS] == [403, 403, 403, 403]


def test_anonymous_visitors_are_sent_to_log_in(client):
    """Without a login every /me/ URL redirects to the login page."""
    for name in ME_URLS:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_a_participant_login_without_a_record_sees_a_friendly_page_and_no_downloads(client, cast):
    """Not yet linked: the pages explain it (200), the downloads are not found (404)."""
    client.force_login(cast[Role.PARTICIPANT])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for name in ["me:home", "me:contact"]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Your account is not ready yet" in response.content.decode()
    assert [client.get(reverse(name)).status_code for name in DOWNLOADS] == [404, 404]
    assert client.post(reverse("me:contact"), {"phone": "600100200", "email": ""}).status_code == 200


def test_a_record_in_another_partnership_is_not_linked(client, cast, other_partnership, gmina, staff):
    """The record is found only through the user's partnership: one elsewhere, even if linked, stays hidden."""
    elsewhere = Participant(
        partnership=other_partnership,
        first_name="Zuzanna-Kanarek",
        last_name="Kanarkowa",
        pesel="02211307589",
        birth_date=datetime.date(2002, 1, 13),
        sex=Participant.Sex.FEMALE,
        gmina=gmina,
        education=Participant.Education.ISCED_3,
        labour_status=Participant.LabourStatus.INACTIVE,
        joined_on=days(-10),
        user=cast[Role.PARTICIPANT],
    )
    services.register_participant(elsewhere, by=staff.coordinator)
    client.force_login(cast[Role.PARTICIPANT])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = client.get(reverse("me:home")).content.decode()
    assert "Your account is not ready yet" in text
    assert "Kanarkowa" not in text
    assert client.get(reverse("me:data_json")).status_code == 404


@pytest.mark.parametrize("url_name", ME_URLS)
def test_pages_are_not_cached(me, url_name):
    """Personal pages and files are never stored by browsers or proxies."""
    assert "no-store" in me.get(reverse(url_name))["Cache-Control"]


def test_menu_shows_my_path_to_participants_only(client, cast):
    """The participant's menu has "My path" and the dashboard sends them there; a coordinator's has not."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(cast[Role.PARTICIPANT])
    assert reverse("me:home") in client.get(reverse("me:home")).content.decode()
    assert client.get(reverse("shell:dashboard"))["Location"] == reverse("me:home")
    client.force_login(cast[Role.COORDINATOR])
    assert reverse("me:home") not in client.get(reverse("shell:dashboard")).content.decode()
