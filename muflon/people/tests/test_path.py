"""The path: allowed stage moves, exits with follow-ups, plans with history, diagnoses, consents."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from muflon.accounts.models import Role
from muflon.people import services
from muflon.people.models import FollowUp, Participant, Task
from muflon.people.path import ALLOWED_MOVES, Stage, can_move
from tests.factories import days_ahead, make_participant

# dates: Follow-ups due this week, no move dated in the future, tasks on the dashboard.
pytestmark = [pytest.mark.django_db, pytest.mark.dates]
DAY = datetime.date(2026, 3, 1)


def test_every_stage_has_its_allowed_moves_and_none_leads_to_itself():
    assert set(ALLOWED_MOVES) == set(Stage)
    assert all(stage not in moves for stage, moves in ALLOWED_MOVES.items())
    assert can_move(Stage.RECRUITED, Stage.DIAGNOSED)
    assert not can_move(Stage.RECRUITED, Stage.EMPLOYED_COOPERATIVE)


def test_a_forbidden_move_is_refused_with_a_message_and_changes_nothing(participant, coordinator):
    with pytest.raises(ValidationError):
        services.move_to_stage(participant, Stage.COOPERATIVE_MEMBER, on=DAY, by=coordinator)
    participant.refresh_from_db()
    assert participant.stage == Stage.RECRUITED
    assert participant.transitions.count() == 1


def test_moves_keep_date_and_author_so_time_in_each_stage_can_be_reported(participant, coordinator):
    services.move_to_stage(participant, Stage.DIAGNOSED, on=DAY, by=coordinator)
    services.move_to_stage(participant, Stage.IN_SUPPORT, on=DAY + datetime.timedelta(days=10), by=coordinator)
    participant.refresh_from_db()
    assert (participant.stage, participant.stage_since) == (Stage.IN_SUPPORT, DAY + datetime.timedelta(days=10))
    moves = list(participant.transitions.values_list("from_stage", "to_stage", "moved_on", "moved_by"))
    assert moves[1:] == [
        ("recruited", "diagnosed", DAY, coordinator.pk),
        ("diagnosed", "in_support", DAY + datetime.timedelta(days=10), coordinator.pk),
    ]


@pytest.mark.parametrize(
    "day, reason",
    [(datetime.date(2099, 1, 1), ""), (datetime.date(2025, 1, 1), "")],
)
def test_moves_dated_in_the_future_or_before_the_current_stage_are_refused(participant, coordinator, day, reason):
    with pytest.raises(ValidationError):
        services.move_to_stage(participant, Stage.DIAGNOSED, on=day, by=coordinator)


def test_exit_needs_a_reason_and_schedules_three_follow_ups(participant, coordinator):
    with pytest.raises(ValidationError):
        services.move_to_stage(participant, Stage.EXITED, on=DAY, by=coordinator)
    services.move_to_stage(participant, Stage.EXITED, on=DAY, by=coordinator, exit_reason="found_work")
    due = list(participant.follow_ups.order_by("due_on").values_list("kind", "due_on"))
    assert due == [
        ("at_exit", DAY),
        ("after_4_weeks", DAY + datetime.timedelta(weeks=4)),
        ("after_6_months", DAY + datetime.timedelta(days=182)),
    ]


def test_stage_form_refuses_a_move_and_says_why(client, coordinator, participant):
    client.force_login(coordinator)
    url = reverse("people:move", args=[participant.pk])
    response = client.post(url, {"to_stage": "employed_cooperative", "moved_on": "2026-03-01", "note": "Uwaga"})
    assert response.status_code == 200 and participant.transitions.count() == 1
    form = response.context["stage_form"]
    assert form.errors["to_stage"]
    assert 'value="Uwaga"' in response.content.decode()  # what was typed stays
    assert 'class="form-errors error-summary"' in response.content.decode()
    assert "<title>Błąd:" in response.content.decode()


def test_the_stage_form_as_it_opens_moves_nobody(client, coordinator, participant):
    """The new stage starts empty: sending the form untouched asks for a stage and changes nothing."""
    client.force_login(coordinator)
    page = client.get(reverse("people:detail", args=[participant.pk]))
    assert page.context["stage_form"]["to_stage"].value() in (None, "")
    response = client.post(reverse("people:move", args=[participant.pk]), {"to_stage": "", "moved_on": "2026-03-01"})
    assert response.context["stage_form"].errors["to_stage"]
    assert participant.transitions.count() == 1


def test_follow_ups_due_this_week_are_listed_and_recorded(client, coordinator, participant):
    services.move_to_stage(participant, Stage.EXITED, on=DAY, by=coordinator, exit_reason="found_work")
    client.force_login(coordinator)
    page = client.get(reverse("people:follow_ups"))
    rows = page.context["page"].rows
    assert [f.kind for f in rows][:1] == ["at_exit"]
    first = rows[0]
    form = {"outcome": "employed_open_market", "details": "Piekarnia", "recorded_on": "2026-03-02"}
    assert client.post(reverse("people:follow_up", args=[first.pk]), form).status_code == 302
    first.refresh_from_db()
    assert (first.outcome, first.recorded_by) == ("employed_open_market", coordinator)
    assert first not in client.get(reverse("people:follow_ups")).context["page"].rows


def test_plan_revisions_keep_their_history(client, coordinator, participant, cast):
    client.force_login(coordinator)
    form = {
        "goals": "Założenie spółdzielni",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-kind": "workshop",
        "items-0-description": "Warsztat motywacyjny",
        "items-0-target_date": days_ahead(),
        "items-0-responsible": cast[Role.TRAINER].pk,
        "items-0-status": "planned",
    }
    assert client.post(reverse("people:plan", args=[participant.pk]), form).status_code == 302
    versions = list(participant.plans.order_by("version").values_list("version", "goals"))
    assert versions == [(1, "Powrót do pracy"), (2, "Założenie spółdzielni")]
    assert [i.description for i in services.current_plan(participant).items.all()] == ["Warsztat motywacyjny"]
    assert participant.plans.get(version=1).items.get().description == "Wsparcie psychologa"


def test_a_plan_without_any_item_is_refused(client, coordinator, participant):
    client.force_login(coordinator)
    form = {"goals": "Cel", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"}
    response = client.post(reverse("people:plan", args=[participant.pk]), form)
    assert response.context["formset"].non_form_errors()
    assert participant.plans.count() == 1


def test_diagnoses_are_kept_and_compared_over_time(client, coordinator, participant):
    client.force_login(coordinator)
    url = reverse("people:assess", args=[participant.pk])
    areas = ["social_family", "finances", "psychological", "health", "care_duties", "housing", "skills"]
    for day, severity in [("2026-01-10", 3), ("2026-04-10", 1)]:
        form = {"assessed_on": day, "strengths": "Sumienna", "interests": "", "business_idea": "Catering"}
        form.update({f"severity_{area}": severity for area in areas})
        assert client.post(url, form).status_code == 302
    page = client.get(reverse("people:detail", args=[participant.pk]))
    table = page.context["barrier_table"]
    assert table["dates"] == [datetime.date(2026, 1, 10), datetime.date(2026, 4, 10)]
    assert [score.severity for score in table["rows"][0][1]] == [3, 1]


def test_a_diagnosis_with_a_missing_area_saves_nothing(client, coordinator, participant):
    client.force_login(coordinator)
    form = {"assessed_on": "2026-01-10", "severity_finances": 2}
    response = client.post(reverse("people:assess", args=[participant.pk]), form)
    assert "severity_health" in response.context["form"].errors
    assert not participant.assessments.exists()


def test_withdrawing_consent_to_share_hides_progress_from_the_referrer_at_once(client, cast, participant):
    partner = cast[Role.PARTNER]
    assert Participant.objects.visible_to(partner).filter(pk=participant.pk).exists()
    client.force_login(cast[Role.COORDINATOR])
    consent = participant.consents.get(purpose="share_with_referrer")
    url = reverse("people:withdraw", args=[participant.pk, consent.pk])
    client.post(url, {"withdrawn_on": "2026-03-01"})
    consent.refresh_from_db()
    assert consent.withdrawn_on == DAY
    client.force_login(partner)
    assert client.get(reverse("people:detail", args=[participant.pk])).status_code == 404
    assert participant.pk not in {row["pk"] for row in client.get(reverse("people:list")).context["page"].rows}


def test_a_consent_in_force_cannot_be_given_twice_and_the_database_agrees(participant, coordinator):
    from django.db import IntegrityError, transaction

    with pytest.raises(ValidationError):
        services.give_consent(participant, "support", on=DAY, method="paper", by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        participant.consents.create(purpose="support", given_on=DAY, method="paper")


def test_partner_sees_only_the_stage_and_never_personal_details(client, cast, participant):
    client.force_login(cast[Role.PARTNER])
    page = client.get(reverse("people:detail", args=[participant.pk])).content.decode()
    assert "Anna" in page and "Nowak" in page
    assert "ABC123456" not in page
    assert "Powrót do pracy" not in page


def test_candidate_is_accepted_into_a_participant_or_declined_with_a_reason(client, coordinator, gmina):
    from muflon.people.models import Candidate

    first = Candidate.objects.create(
        partnership=coordinator.partnership, first_name="Ewa", last_name="Kos", phone="600100200", gmina=gmina
    )
    second = Candidate.objects.create(
        partnership=coordinator.partnership, first_name="Olga", last_name="Lis", email="olga@example.org", gmina=gmina
    )
    client.force_login(coordinator)
    form_page = client.get(reverse("people:create"), {"candidate": first.pk})
    assert form_page.context["form"].initial["last_name"] == "Kos"
    client.post(reverse("people:decline", args=[second.pk]), {"reason": ""})
    second.refresh_from_db()
    assert second.status == "new"
    client.post(reverse("people:decline", args=[second.pk]), {"reason": "Mieszka poza regionem"})
    second.refresh_from_db()
    assert (second.status, second.decline_reason) == ("declined", "Mieszka poza regionem")
    assert [c.pk for c in client.get(reverse("people:queue")).context["page"].rows] == [first.pk]


def test_tasks_show_on_the_assignees_dashboard_until_done(client, coordinator, participant):
    client.force_login(coordinator)
    form = {"title": "Oddzwonić w sprawie kursu", "due_on": "2026-12-01", "assignee": coordinator.pk}
    client.post(reverse("people:task", args=[participant.pk]), form)
    assert "Oddzwonić w sprawie kursu" in client.get(reverse("shell:dashboard")).content.decode()
    task = Task.objects.get()
    client.post(reverse("people:task_done", args=[task.pk]))
    assert "Oddzwonić w sprawie kursu" not in client.get(reverse("shell:dashboard")).content.decode()


@pytest.mark.parametrize(
    ("next_value", "goes_to"),
    [
        ("/app/participants/", "/app/participants/"),
        ("https://evil.example.org/", "/app/"),
        ("2026-01-01T25:61", "/app/"),  # no URL name: a 500 when it was looked up as one
        ("people:list", "/app/"),
    ],
)
def test_a_done_task_goes_back_only_to_a_page_of_the_site(client, coordinator, participant, next_value, goes_to):
    task = Task.objects.create(
        participant=participant,
        title="Zadzwonić",
        due_on=days_ahead(7),
        assignee=coordinator,
        created_by=coordinator,
    )
    client.force_login(coordinator)

    response = client.post(reverse("people:task_done", args=[task.pk]), {"next": next_value})

    assert response.status_code == 302 and response["Location"] == goes_to
    task.refresh_from_db()
    assert task.done_on is not None


def test_dashboard_counts_participants_by_stage_and_sex(client, coordinator, participant, gmina):
    make_participant(
        coordinator.partnership, gmina, by=coordinator, first_name="Adam", sex="M", document_number="DEF555555"
    )
    client.force_login(coordinator)
    panels = client.get(reverse("shell:dashboard")).context["panels"]
    figures = next(panel["data"] for panel in panels if panel["template"] == "people/_dashboard_figures.html")
    assert (figures["women"], figures["men"], figures["total"]) == (1, 1, 2)
    recruited = next(row for row in figures["rows"] if row[0] == Stage.RECRUITED.label)
    assert recruited[1:] == (1, 1, 2)


def test_dashboard_figures_are_counted_again_only_after_a_change(
    client, coordinator, participant, gmina, django_assert_num_queries
):
    """Cached while nobody changes; a new person, a stage move and a deletion all show at once."""
    from muflon.people import dashboard

    def total():
        return dashboard.figures(coordinator)["total"]

    assert total() == 1
    with django_assert_num_queries(2):  # the stamp only: no count
        assert total() == 1
    other = make_participant(coordinator.partnership, gmina, by=coordinator, sex="M", document_number="DEF555556")
    assert total() == 2
    services.move_to_stage(other, "diagnosed", on=other.joined_on, by=coordinator)
    moved = dict((row[0], row[3]) for row in dashboard.figures(coordinator)["rows"])
    assert moved[Stage.DIAGNOSED.label] == 1
    other.delete()
    assert total() == 1


class TestList:
    def test_search_by_name_ignores_case_and_polish_letters(self, client, coordinator, participant, gmina):
        make_participant(
            coordinator.partnership,
            gmina,
            by=coordinator,
            first_name="Łukasz",
            last_name="Żółć",
            sex="M",
            document_number="QQQ111111",
        )
        client.force_login(coordinator)
        rows = lambda q: [p["last_name"] for p in client.get(reverse("people:list"), {"q": q}).context["page"].rows]  # noqa: E731
        assert rows("zolc") == ["Żółć"]
        assert rows("łukasz żółć") == ["Żółć"]
        assert rows("NOWAK") == ["Nowak"]

    def test_pesel_search_goes_by_post_and_never_in_the_address(self, client, coordinator, gmina):
        person = make_participant(
            coordinator.partnership,
            gmina,
            by=coordinator,
            pesel="44051401359",
            birth_date=datetime.date(1944, 5, 14),
            sex="M",
            document_type="",
            document_number="",
        )
        client.force_login(coordinator)
        found = client.post(reverse("people:list"), {"q": "44051401359"})
        assert [p["pk"] for p in found.context["page"].rows] == [person.pk]
        assert "no-store" in found["Cache-Control"] or "no-cache" in found["Cache-Control"]
        refused = client.get(reverse("people:list"), {"q": "44051401359"})
        assert refused.status_code == 302

    def test_filters_narrow_the_list(self, client, coordinator, participant, gmina):
        other = make_participant(
            coordinator.partnership, gmina, by=coordinator, first_name="Adam", sex="M", document_number="DEF555555"
        )
        services.move_to_stage(other, Stage.DIAGNOSED, on=DAY, by=coordinator)
        client.force_login(coordinator)
        rows = lambda **f: {p["pk"] for p in client.get(reverse("people:list"), f).context["page"].rows}  # noqa: E731
        assert rows(stage="diagnosed") == {other.pk}
        assert rows(sex="F") == {participant.pk}
        assert rows(source="labour_office") == {participant.pk}
        assert rows(staff=participant.case_worker_id) == {participant.pk}
        assert rows(gmina=gmina.pk) == {participant.pk, other.pk}

    def test_list_runs_a_fixed_number_of_queries(self, client, coordinator, gmina, django_assert_max_num_queries):
        for number in range(60):
            make_participant(
                coordinator.partnership,
                gmina,
                by=coordinator,
                last_name=f"Osoba{number:02}",
                document_number=f"N{number:08}",
            )
        client.force_login(coordinator)
        with django_assert_max_num_queries(12):
            response = client.get(reverse("people:list"))
        assert len(response.context["page"].rows) == 50
        # A deeper page skips the rows before it on the participants' keys alone: a join there walked every row of
        # the other tables too (45 ms at page 1,000 of 100,000), and the page's own rows still name gmina and staff.
        with CaptureQueriesContext(connection) as queries:
            second = client.get(reverse("people:list"), {"page": 2})
        skip = next(query["sql"] for query in queries.captured_queries if "OFFSET" in query["sql"].upper())
        assert "JOIN" not in skip.upper()
        assert [row["last_name"] for row in second.context["page"].rows] == [f"Osoba{n}" for n in range(50, 60)]
        assert second.context["page"].rows[0]["gmina__name"] == gmina.name

    def test_export_csv_and_xlsx_hold_the_filtered_list(self, client, coordinator, participant, gmina):
        make_participant(
            coordinator.partnership, gmina, by=coordinator, first_name="Adam", sex="M", document_number="DEF555555"
        )
        client.force_login(coordinator)
        csv_text = b"".join(client.get(reverse("people:export", args=["csv"]), {"sex": "F"}).streaming_content)
        lines = csv_text.decode("utf-8-sig").strip().splitlines()
        assert len(lines) == 2 and "Nowak" in lines[1]
        xlsx = client.get(reverse("people:export", args=["xlsx"]))
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet.max_row == 3

    def test_exported_text_never_runs_as_a_formula(self, client, coordinator, participant):
        participant.email = '=HYPERLINK("http://evil.example")@x.pl'
        participant.save(update_fields=["email"])
        client.force_login(coordinator)
        csv_text = b"".join(client.get(reverse("people:export", args=["csv"])).streaming_content).decode("utf-8-sig")
        assert "'=HYPERLINK" in csv_text
        xlsx = client.get(reverse("people:export", args=["xlsx"]))
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        cell = next(c for c in sheet[2] if c.value and "HYPERLINK" in str(c.value))
        assert cell.data_type == "s"

    def test_another_partnerships_people_never_appear(self, client, outsider, participant):
        client.force_login(outsider)
        assert client.get(reverse("people:list")).context["page"].rows == []
        csv_text = b"".join(client.get(reverse("people:export", args=["csv"])).streaming_content)
        assert "Nowak" not in csv_text.decode("utf-8-sig")


def test_follow_up_reminders_cover_the_week_and_overdue(participant, coordinator):
    services.move_to_stage(participant, Stage.EXITED, on=DAY, by=coordinator, exit_reason="resigned")
    due = services.follow_ups_due(participant.partnership, DAY)
    assert [f.kind for f in due] == [FollowUp.Kind.AT_EXIT]
    later = services.follow_ups_due(participant.partnership, DAY + datetime.timedelta(weeks=4))
    assert [f.kind for f in later] == [FollowUp.Kind.AT_EXIT, FollowUp.Kind.AFTER_4_WEEKS]


def test_every_change_on_the_path_is_audited_under_the_partnership(participant, coordinator):
    from muflon.core.models import AuditEntry

    services.move_to_stage(participant, Stage.DIAGNOSED, on=DAY, by=coordinator)
    models = set(
        AuditEntry.objects.filter(partnership=participant.partnership).values_list("content_type__model", flat=True)
    )
    assert {"participant", "referral", "consent", "supportplan", "planitem", "stagetransition"} <= models
    assert not AuditEntry.objects.filter(content_type__app_label="people", partnership__isnull=True).exists()


def test_trainer_sees_name_and_contact_of_people_in_own_workshops_only(client, cast, participant, partnership, gmina):
    from muflon.education.services import enrol
    from tests.factories import make_edition

    trainer = cast[Role.TRAINER]
    client.force_login(trainer)
    assert client.get(reverse("people:detail", args=[participant.pk])).status_code == 404
    enrol(make_edition(partnership, gmina, trainers=[trainer]), participant, by=cast[Role.COORDINATOR])
    page = client.get(reverse("people:detail", args=[participant.pk])).content.decode()
    assert "Anna Nowak" in page
    assert "ABC123456" not in page and "Powrót do pracy" not in page and gmina.name not in page


def plan_item_data(number, description, responsible, *, target=None):
    prefix = f"items-{number}-"
    return {
        prefix + "kind": "advisory",
        prefix + "description": description,
        prefix + "target_date": target or days_ahead(),
        prefix + "responsible": responsible.pk,
        prefix + "status": "planned",
    }


def test_a_plan_takes_any_number_of_items_and_adding_one_keeps_what_was_typed(client, coordinator, participant, cast):
    """ "Add another form of support" shows one more blank form, keeps what was typed and saves nothing."""
    client.force_login(coordinator)
    url = reverse("people:plan", args=[participant.pk])
    data = {"goals": "Własna spółdzielnia", "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "0"}
    data |= plan_item_data(0, "Doradztwo prawne", cast[Role.ADVISOR])
    data |= plan_item_data(1, "Biznesplan", cast[Role.ADVISOR])

    more = client.post(url, {**data, "add_item": "1"})
    assert more.status_code == 200
    assert len(more.context["formset"].forms) == 3
    html = more.content.decode()
    assert "Doradztwo prawne" in html and "Biznesplan" in html and "Własna spółdzielnia" in html
    assert 'class="errorlist"' not in html
    assert participant.plans.count() == 1

    data["items-TOTAL_FORMS"] = "5"
    for number, text in enumerate(["Lokal", "Dotacja", "Księgowość"], start=2):
        data |= plan_item_data(number, text, cast[Role.ADVISOR])
    assert client.post(url, data).status_code == 302
    items = services.current_plan(participant).items.all()
    assert [item.description for item in items] == ["Doradztwo prawne", "Biznesplan", "Lokal", "Dotacja", "Księgowość"]


def test_a_plan_with_more_items_than_the_limit_is_refused(client, coordinator, participant, cast):
    from muflon.people.forms import MAX_PLAN_ITEMS

    client.force_login(coordinator)
    url = reverse("people:plan", args=[participant.pk])
    count = MAX_PLAN_ITEMS + 1
    data = {"goals": "Cel", "items-TOTAL_FORMS": str(count), "items-INITIAL_FORMS": "0"}
    for number in range(count):
        data |= plan_item_data(number, f"Pozycja {number}", cast[Role.ADVISOR])
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["formset"].non_form_errors()
    assert participant.plans.count() == 1


def test_a_diagnosis_before_the_start_of_participation_is_refused(participant, coordinator):
    with pytest.raises(ValidationError) as refusal:
        services.record_assessment(
            participant,
            assessed_on=participant.joined_on - datetime.timedelta(days=1),
            scores={},
            by=coordinator,
        )
    assert "assessed_on" in refusal.value.message_dict
    services.record_assessment(participant, assessed_on=participant.joined_on, scores={}, by=coordinator)
    assert participant.assessments.count() == 1


def test_a_plan_target_typed_in_the_past_is_refused_but_an_unchanged_overdue_one_stays(
    client, coordinator, participant, cast
):
    client.force_login(coordinator)
    url = reverse("people:plan", args=[participant.pk])
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    data = {"goals": "Cel", "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0"}
    data |= plan_item_data(0, "Doradztwo", cast[Role.ADVISOR], target=yesterday)
    response = client.post(url, data)
    assert response.context["formset"].forms[0].errors["target_date"]
    assert participant.plans.count() == 1

    # The fixture's plan has an item due 30 June 2026, now overdue: saving it again unchanged is fine.
    current = services.current_plan(participant).items.get()
    kept = {"goals": "Cel", "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "1"}
    kept |= {
        "items-0-kind": current.kind,
        "items-0-description": current.description,
        "items-0-target_date": current.target_date.isoformat(),
        "items-0-responsible": current.responsible_id,
        "items-0-status": current.status,
    }
    assert client.post(url, kept).status_code == 302
    assert participant.plans.count() == 2
