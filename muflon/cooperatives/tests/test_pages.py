"""The founding groups' pages: a group made, people joining and leaving through the forms, what the act asks shown
in plain words, bad input kept at its field with nothing saved."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from muflon.accounts.models import Organisation, Role
from muflon.cooperatives.models import FoundingGroup, FoundingMember
from muflon.cooperatives.services import previous_quarter
from muflon.cooperatives.tests.test_groups import in_support
from muflon.people.models import Participant
from muflon.people.path import Stage
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def day(days_ago):
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


@pytest.fixture
def advisor_client(client, cast):
    client.force_login(cast[Role.ADVISOR])
    return client


def make_group(client, gmina):
    response = client.post(
        reverse("cooperatives:group_create"),
        {
            "name": "Zielona Kuchnia",
            "business_idea": "Stołówka szkolna",
            "pkd_section": "I",
            "pkd_class": "56.29",
            "gmina": gmina.pk,
            "formed_on": day(30),
        },
    )
    assert response.status_code == 302
    return FoundingGroup.objects.get(name="Zielona Kuchnia")


def test_an_advisor_forms_a_group_they_advise_and_people_join_it(advisor_client, cast, partnership, gmina):
    group = make_group(advisor_client, gmina)
    assert group.advisor == cast[Role.ADVISOR]
    page = advisor_client.get(reverse("cooperatives:group", args=[group.pk])).content.decode()
    assert "Brakuje:" in page and "co najmniej 3" in page

    coordinator = cast[Role.COORDINATOR]
    people = [in_support(partnership, gmina, coordinator, name) for name in ("Ala", "Basia", "Celina")]
    for person in people:
        Participant.objects.filter(pk=person.pk).update(case_worker=cast[Role.ADVISOR])
        response = advisor_client.post(
            reverse("cooperatives:join", args=[group.pk]),
            {"join-participant": person.pk, "join-participant_text": str(person), "join-joined_on": day(20)},
        )
        assert response.status_code == 302, response.content.decode()
        person.refresh_from_db()
        assert person.stage == Stage.FOUNDING_GROUP
    page = advisor_client.get(reverse("cooperatives:group", args=[group.pk])).content.decode()
    assert "Brakuje:" not in page
    assert "Pamiętaj:" in page  # three founders: two more within twelve months of registration


def test_a_refused_join_shows_the_reason_at_the_field_and_saves_nothing(advisor_client, cast, partnership, gmina):
    group = make_group(advisor_client, gmina)
    person = in_support(partnership, gmina, cast[Role.COORDINATOR], "Dorota")
    Participant.objects.filter(pk=person.pk).update(case_worker=cast[Role.ADVISOR])
    response = advisor_client.post(
        reverse("cooperatives:join", args=[group.pk]),
        {"join-participant": person.pk, "join-participant_text": str(person), "join-joined_on": day(40)},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "przed jej utworzeniem" in page
    assert f'value="{day(40)}"' in page  # what was typed is kept
    assert not FoundingMember.objects.exists()


def test_legal_persons_join_and_the_wrong_kind_is_named(advisor_client, partnership, gmina):
    group = make_group(advisor_client, gmina)
    business = OrganisationFactory(partnership=partnership, name="Firma", kind=Organisation.Kind.BUSINESS)
    response = advisor_client.post(
        reverse("cooperatives:legal_person_join", args=[group.pk]),
        {"legal-organisation": business.pk, "legal-joined_on": day(10)},
    )
    assert response.status_code == 302
    page = advisor_client.get(reverse("cooperatives:group", args=[group.pk])).content.decode()
    assert "kościelne osoby prawne" in page  # only NGOs, local government and church legal persons


def test_leaving_asks_for_the_reason_of_an_exit_then_moves_the_person(advisor_client, cast, partnership, gmina):
    group = make_group(advisor_client, gmina)
    person = in_support(partnership, gmina, cast[Role.COORDINATOR], "Ewa")
    Participant.objects.filter(pk=person.pk).update(case_worker=cast[Role.ADVISOR])
    advisor_client.post(
        reverse("cooperatives:join", args=[group.pk]),
        {"join-participant": person.pk, "join-participant_text": str(person), "join-joined_on": day(20)},
    )
    member = FoundingMember.objects.get(participant=person)
    url = reverse("cooperatives:leave", args=[member.pk])
    response = advisor_client.post(url, {"left_on": day(5), "next_stage": Stage.EXITED, "exit_reason": ""})
    assert response.status_code == 200
    assert 'id="id_exit_reason_error"' in response.content.decode()
    member.refresh_from_db()
    assert member.left_on is None
    response = advisor_client.post(url, {"left_on": day(5), "next_stage": Stage.EXITED, "exit_reason": "found_work"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.stage == Stage.EXITED


def test_another_advisors_group_is_not_found(client, cast, partnership, gmina):
    from tests.factories import UserFactory

    client.force_login(cast[Role.ADVISOR])
    group = make_group(client, gmina)
    other = UserFactory(partnership=partnership, roles=[Role.ADVISOR])
    client.force_login(other)
    assert client.get(reverse("cooperatives:group", args=[group.pk])).status_code == 404
    assert "Zielona Kuchnia" not in client.get(reverse("cooperatives:groups")).content.decode()


def test_the_group_is_on_the_persons_page_and_in_their_own_copy_of_their_data(advisor_client, cast, partnership, gmina):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from muflon.people import data_export

    group = make_group(advisor_client, gmina)
    member = in_support(partnership, gmina, cast[Role.COORDINATOR], "Fela")
    other = in_support(partnership, gmina, cast[Role.COORDINATOR], "Gosia")
    Participant.objects.filter(pk__in=[member.pk, other.pk]).update(case_worker=cast[Role.ADVISOR])
    advisor_client.post(
        reverse("cooperatives:join", args=[group.pk]),
        {"join-participant": member.pk, "join-participant_text": str(member), "join-joined_on": day(20)},
    )
    page = advisor_client.get(reverse("people:detail", args=[member.pk])).content.decode()
    assert reverse("cooperatives:group", args=[group.pk]) in page and "Zielona Kuchnia" in page

    # Someone never in a founding group: the section asks the database nothing.
    detail = reverse("people:detail", args=[other.pk])
    advisor_client.get(detail)
    with CaptureQueriesContext(connection) as queries:
        page = advisor_client.get(detail).content.decode()
    assert "Zielona Kuchnia" not in page
    read_from = [re.search(r'FROM "(\w+)"', query["sql"]).group(1) for query in queries.captured_queries]
    assert "people_participant" in read_from and "cooperatives_foundingmember" not in read_from

    data = data_export.person_data(Participant.objects.get(pk=member.pk))
    assert data["founding_groups"] == [
        {
            "name": "Zielona Kuchnia",
            "business_idea": "Stołówka szkolna",
            "joined_on": datetime.date.fromisoformat(day(20)),
            "left_on": None,
        }
    ]
    assert "Zielona Kuchnia" in data_export.pdf_html(data)


def test_the_registration_form_makes_the_cooperative_or_says_what_is_wrong(advisor_client, cast, partnership, gmina):
    from muflon.cooperatives.models import Cooperative

    group = make_group(advisor_client, gmina)
    url = reverse("cooperatives:register", args=[group.pk])
    form = {
        "register-name": "Zielona Kuchnia spółdzielnia socjalna",
        "register-krs": "0000123456",
        "register-nip": "",
        "register-regon": "",
        "register-registered_on": day(1),
    }
    # Nobody in the group yet: the act's findings of that day, above the form; nothing saved.
    response = advisor_client.post(url, form)
    assert response.status_code == 200 and "co najmniej 3" in response.content.decode()
    people = [in_support(partnership, gmina, cast[Role.COORDINATOR], name) for name in ("Hanna", "Irena", "Jola")]
    Participant.objects.filter(pk__in=[p.pk for p in people]).update(case_worker=cast[Role.ADVISOR])
    for person in people:
        advisor_client.post(
            reverse("cooperatives:join", args=[group.pk]),
            {"join-participant": person.pk, "join-participant_text": str(person), "join-joined_on": day(20)},
        )
    response = advisor_client.post(url, {**form, "register-krs": "12"})
    assert response.status_code == 200
    assert 'id="id_register-krs_error"' in response.content.decode()
    assert 'value="Zielona Kuchnia spółdzielnia socjalna"' in response.content.decode()
    assert not Cooperative.objects.exists()

    response = advisor_client.post(url, form)
    cooperative = Cooperative.objects.get()
    assert response.url == reverse("cooperatives:cooperative", args=[cooperative.pk])
    page = advisor_client.get(response.url).content.decode()
    assert all(person.first_name in page for person in people)
    assert (
        "Zielona Kuchnia spółdzielnia socjalna"
        in advisor_client.get(reverse("cooperatives:cooperatives")).content.decode()
    )


def test_a_job_is_recorded_on_the_cooperatives_page_and_its_end_asks_where_the_person_goes(
    client, cast, partnership, gmina
):
    from decimal import Decimal

    from muflon.cooperatives import services
    from muflon.cooperatives.models import Job
    from muflon.cooperatives.tests.test_registration import VALID

    coordinator = cast[Role.COORDINATOR]
    client.force_login(coordinator)
    group = make_group(client, gmina)
    people = [in_support(partnership, gmina, coordinator, name) for name in ("Kasia", "Lena", "Marta")]
    for person in people:
        services.add_participant(group, person, on=group.formed_on, by=coordinator)
    cooperative = services.register_cooperative(
        group, registered_on=group.formed_on + datetime.timedelta(days=1), by=coordinator, **VALID
    )
    url = reverse("cooperatives:job_add", args=[cooperative.pk])
    form = {
        "job-participant": people[0].pk,
        "job-participant_text": str(people[0]),
        "job-contract": "cooperative",
        "job-working_time": "0,5",
        "job-starts_on": day(3),
        "job-ends_on": day(5),
    }
    response = client.post(url, form)
    assert response.status_code == 200 and 'id="id_job-ends_on_error"' in response.content.decode()
    assert not Job.objects.exists()
    response = client.post(url, {**form, "job-ends_on": ""})
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.working_time == Decimal("0.5")
    page = client.get(reverse("cooperatives:cooperative", args=[cooperative.pk])).content.decode()
    assert "0,5" in page or "0.50" in page

    end = reverse("cooperatives:job_end", args=[job.pk])
    response = client.post(end, {"ends_on": day(1), "next_stage": "", "exit_reason": ""})
    assert response.status_code == 200 and 'id="id_next_stage_error"' in response.content.decode()
    response = client.post(end, {"ends_on": day(1), "next_stage": Stage.EMPLOYED_OPEN_MARKET, "exit_reason": ""})
    assert response.status_code == 302
    people[0].refresh_from_db()
    assert people[0].stage == Stage.EMPLOYED_OPEN_MARKET


def test_the_cooperatives_page_warns_and_its_status_changes(client, cast, partnership, gmina):
    from muflon.cooperatives.models import Cooperative

    client.force_login(cast[Role.COORDINATOR])
    registered = timezone.localdate() - datetime.timedelta(days=400)
    cooperative = Cooperative.objects.create(
        partnership=partnership,
        name="Mała spółdzielnia socjalna",
        krs="0000777777",
        gmina=gmina,
        pkd_section="N",
        registered_on=registered,
        status_since=registered,
    )
    url = reverse("cooperatives:cooperative", args=[cooperative.pk])
    assert "musi rozpocząć likwidację" in client.get(url).content.decode()  # no members for more than three months
    status = reverse("cooperatives:status", args=[cooperative.pk])
    response = client.post(status, {"status-status": "in_liquidation", "status-status_since": day(-1)})
    assert response.status_code == 200 and 'id="id_status-status_since_error"' in response.content.decode()
    response = client.post(status, {"status-status": "in_liquidation", "status-status_since": day(0)})
    assert response.status_code == 302
    cooperative.refresh_from_db()
    assert (cooperative.status, cooperative.status_since) == ("in_liquidation", timezone.localdate())


def test_a_quarterly_report_through_the_page_in_polish_numbers(client, cast, partnership, gmina):
    from decimal import Decimal

    from muflon.cooperatives.models import Cooperative, QuarterlyReport

    client.force_login(cast[Role.COORDINATOR])
    registered = timezone.localdate() - datetime.timedelta(days=400)
    cooperative = Cooperative.objects.create(
        partnership=partnership,
        name="Raportująca spółdzielnia socjalna",
        krs="0000888888",
        gmina=gmina,
        pkd_section="N",
        registered_on=registered,
        status_since=registered,
    )
    url = reverse("cooperatives:cooperative", args=[cooperative.pk])
    assert "spóźniony" in client.get(url).content.decode()  # quarters ended long ago without a report
    last = previous_quarter(timezone.localdate())
    form = {
        "report-year": last[0],
        "report-quarter": last[1],
        "report-revenue": "120 000,50",
        "report-costs": "100000",
        "report-members": 6,
        "report-employees": 4,
        "report-public_revenue_share": 40,
    }
    response = client.post(reverse("cooperatives:report_add", args=[cooperative.pk]), form)
    assert response.status_code == 302
    assert QuarterlyReport.objects.get().revenue == Decimal("120000.50")
    page = client.get(url).content.decode()
    assert "120\xa0000,50" in page or "120 000,50" in page
    response = client.post(reverse("cooperatives:report_add", args=[cooperative.pk]), form)
    assert response.status_code == 200 and 'id="id_report-quarter_error"' in response.content.decode()
    assert QuarterlyReport.objects.count() == 1


def test_a_participant_sees_their_group_and_what_it_still_needs_at_me(client, cast, partnership, gmina):
    from muflon.cooperatives import services

    coordinator = cast[Role.COORDINATOR]
    person = in_support(partnership, gmina, coordinator, "Własna")
    Participant.objects.filter(pk=person.pk).update(user=cast[Role.PARTICIPANT])
    client.force_login(cast[Role.PARTICIPANT])
    assert "Twoja spółdzielnia" not in client.get(reverse("me:home")).content.decode()
    group = services.form_group(
        partnership,
        by=coordinator,
        name="Nasza Grupa",
        business_idea="x",
        pkd_section="I",
        gmina=gmina,
        formed_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    services.add_participant(group, person, on=timezone.localdate(), by=coordinator)
    page = client.get(reverse("me:home")).content.decode()
    assert "Nasza Grupa" in page and "co najmniej 3" in page


def test_the_dashboard_shows_groups_cooperatives_and_the_reports_still_to_come(client, cast, partnership, gmina):
    from muflon.cooperatives import services
    from muflon.cooperatives.models import Cooperative

    coordinator = cast[Role.COORDINATOR]
    registered = timezone.localdate() - datetime.timedelta(days=400)
    cooperative = Cooperative.objects.create(
        partnership=partnership,
        name="Panelowa spółdzielnia socjalna",
        krs="0000666666",
        gmina=gmina,
        pkd_section="N",
        registered_on=registered,
        status_since=registered,
    )
    client.force_login(coordinator)
    page = client.get(reverse("shell:dashboard")).content.decode()
    assert "Panelowa spółdzielnia socjalna" in page  # its report for the last quarter is not in
    year, quarter = previous_quarter(timezone.localdate())
    services.submit_report(
        cooperative,
        year=year,
        quarter=quarter,
        by=coordinator,
        revenue=1,
        costs=1,
        members=5,
        employees=1,
        public_revenue_share=0,
    )
    page = client.get(reverse("shell:dashboard")).content.decode()
    assert "Panelowa spółdzielnia socjalna" not in page and 'id="cooperatives-panel-heading"' in page
    client.force_login(cast[Role.TRAINER])
    assert 'id="cooperatives-panel-heading"' not in client.get(reverse("shell:dashboard")).content.decode()
