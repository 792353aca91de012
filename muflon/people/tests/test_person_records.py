"""A person's records read for their page (`views.load_person_records` over `core.related`): the same rows in the
same order as the database's Meta.ordering gives, kept so that reading them again asks nothing."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from muflon.core.related import sorted_by_meta
from muflon.people import services
from muflon.people.models import Consent, Participant, StageTransition
from muflon.people.views import load_person_records
from tests.factories import make_participant

RELATIONS = ("transitions", "consents", "follow_ups", "referrals", "eligibility_grounds", "assessments", "plans")


def person_with_records(partnership, gmina, by):
    person = make_participant(partnership, gmina, by=by, consents=("support", "email"))
    day = person.joined_on
    services.move_to_stage(person, "diagnosed", on=day + datetime.timedelta(days=3), by=by)
    services.move_to_stage(person, "in_support", on=day + datetime.timedelta(days=3), by=by)
    for offset in (10, 40):
        services.record_assessment(
            person,
            assessed_on=day + datetime.timedelta(days=offset),
            scores={"health": (1, ""), "finances": (offset // 20, "")},
            by=by,
        )
    for goals in ("first", "second"):
        items = [
            {
                "kind": "advisory",
                "description": "late",
                "target_date": day + datetime.timedelta(days=90),
                "responsible": by,
            },
            {
                "kind": "advisory",
                "description": "early",
                "target_date": day + datetime.timedelta(days=30),
                "responsible": by,
            },
        ]
        services.revise_plan(person, goals=goals, items=items, by=by)
    return person


def test_records_come_in_the_databases_order_and_are_read_once(partnership, gmina, coordinator):
    person = person_with_records(partnership, gmina, coordinator)
    fresh = Participant.objects.get(pk=person.pk)
    expected = {name: list(getattr(fresh, name).all()) for name in RELATIONS}
    expected_scores = [list(a.scores.all()) for a in expected["assessments"]]
    expected_items = [[item.description for item in plan.items.all()] for plan in expected["plans"]]

    page = Participant.objects.get(pk=person.pk)
    with CaptureQueriesContext(connection) as loading:
        load_person_records(page)
    assert len(loading) == 9  # one per kind of record, scores and plan items included
    with CaptureQueriesContext(connection) as reading:
        got = {name: list(getattr(page, name).all()) for name in RELATIONS}
        got_scores = [list(a.scores.all()) for a in got["assessments"]]
        got_items = [[item.description for item in plan.items.all()] for plan in got["plans"]]
        assert got["assessments"][0].scores.all()[0].assessment is got["assessments"][0]
    assert len(reading) == 0
    assert got == expected
    assert got_scores == expected_scores
    assert got_items == expected_items == [["early", "late"], ["early", "late"]]
    assert [plan.version for plan in got["plans"]] == [2, 1]
    assert [t.to_stage for t in got["transitions"]][-2:] == ["diagnosed", "in_support"]


def test_a_filter_on_kept_records_still_asks_about_this_person_only(partnership, gmina, coordinator):
    person = person_with_records(partnership, gmina, coordinator)
    make_participant(partnership, gmina, by=coordinator, pesel="", first_name="Inna", consents=("support",))
    load_person_records(person)
    assert set(person.consents.filter(purpose="support")) == set(
        Consent.objects.filter(participant=person, purpose="support")
    )
    assert person.consents.filter(purpose="support").count() == 1


def test_sorting_by_meta_follows_descending_terms_and_keys_of_relations(partnership, gmina, coordinator):
    first = make_participant(partnership, gmina, by=coordinator)
    second = make_participant(partnership, gmina, by=coordinator, pesel="", first_name="Inna")
    rows = list(StageTransition.objects.filter(participant__in=[first, second]).order_by("-id"))
    assert sorted_by_meta(rows, StageTransition) == list(
        StageTransition.objects.filter(participant__in=[first, second]).order_by("participant_id", "moved_on", "id")
    )
    consents = list(Consent.objects.filter(participant=first).order_by("id"))
    assert sorted_by_meta(consents, Consent) == list(Consent.objects.filter(participant=first))
