"""The act's founding rules, each limit on both of its sides and on both sides of each rule set's first day."""

import datetime

import pytest
from django.utils import translation

from muflon.cooperatives.rules import (
    CHURCH,
    LOCAL_GOVERNMENT,
    NGO,
    OTHER,
    RULE_SETS,
    Founder,
    judge_founders,
    rules_on,
)

ORIGINAL = datetime.date(2008, 5, 1)
DAY_BEFORE_LEGAL_PERSONS = datetime.date(2009, 7, 15)
LEGAL_PERSONS = datetime.date(2009, 7, 16)
DAY_BEFORE_2018 = datetime.date(2018, 3, 30)
SINCE_2018 = datetime.date(2018, 3, 31)


def people(excluded, others=0):
    return [Founder(natural=True, excluded=True)] * excluded + [Founder(natural=True)] * others


def legal(*kinds):
    return [Founder(natural=False, legal_kind=kind) for kind in kinds]


def codes(founders, on):
    return [finding.code for finding in judge_founders(founders, on=on) if finding.hard]


def test_each_day_is_judged_by_the_set_in_force_then():
    assert [rules.in_force_from for rules in RULE_SETS] == sorted(rules.in_force_from for rules in RULE_SETS)
    assert rules_on(datetime.date(2006, 6, 16)) is RULE_SETS[0]
    assert rules_on(DAY_BEFORE_LEGAL_PERSONS) is RULE_SETS[0]
    assert rules_on(LEGAL_PERSONS) is RULE_SETS[1]
    assert rules_on(DAY_BEFORE_2018) is RULE_SETS[1]
    assert rules_on(SINCE_2018) is RULE_SETS[2]
    assert rules_on(datetime.date(2040, 1, 1)) is RULE_SETS[2]  # the latest set holds until a newer one
    with pytest.raises(ValueError, match="not in force"):
        rules_on(datetime.date(2006, 6, 15))


@pytest.mark.parametrize(
    ("day", "least"), [(ORIGINAL, 5), (DAY_BEFORE_LEGAL_PERSONS, 5), (DAY_BEFORE_2018, 5), (SINCE_2018, 3)]
)
def test_the_fewest_natural_person_founders(day, least):
    assert codes(people(least), day) == []
    assert codes(people(least - 1), day) == ["too_few_founders"]


def test_three_founders_are_enough_from_31_march_2018_with_a_reminder_to_admit_two_more():
    assert codes(people(3), DAY_BEFORE_2018) == ["too_few_founders"]
    findings = judge_founders(people(3), on=SINCE_2018)
    assert [(finding.code, finding.hard) for finding in findings] == [("admit_within_months", False)]
    assert judge_founders(people(4), on=SINCE_2018)[0].code == "admit_within_months"
    assert judge_founders(people(5), on=SINCE_2018) == []


def test_legal_persons_found_only_from_16_july_2009_and_at_least_two():
    assert codes(legal(NGO, LOCAL_GOVERNMENT), DAY_BEFORE_LEGAL_PERSONS) == [
        "legal_persons_not_yet",
        "too_few_founders",
    ]
    assert codes(legal(NGO, LOCAL_GOVERNMENT), LEGAL_PERSONS) == []
    assert codes(legal(CHURCH), LEGAL_PERSONS) == ["too_few_founders"]
    assert codes(legal(CHURCH, NGO), SINCE_2018) == []


def test_only_ngos_local_government_and_church_legal_persons_may_found():
    assert codes(legal(NGO, OTHER), SINCE_2018) == ["legal_person_kind", "too_few_founders"]
    assert codes(legal(NGO, OTHER, LOCAL_GOVERNMENT), SINCE_2018) == ["legal_person_kind"]
    # Legal persons beside enough natural persons are judged too.
    assert codes(people(5) + legal(OTHER), SINCE_2018) == ["legal_person_kind"]


@pytest.mark.parametrize("day", [ORIGINAL, LEGAL_PERSONS, SINCE_2018])
def test_at_most_half_of_the_natural_persons_from_outside_the_excluded_groups(day):
    assert codes(people(3, others=3), day) == []
    assert codes(people(2, others=3), day) == ["too_many_others"]
    assert codes(people(5, others=5), day) == []
    assert codes(people(5, others=6), day) == ["too_many_others"]


def test_the_share_says_how_many_excluded_persons_are_missing():
    with translation.override("en"):
        (finding,) = judge_founders(people(2, others=5), on=SINCE_2018)
    assert "5 of 7" in finding.message
    assert "Add 3 persons with a legal ground" in finding.message
    assert codes(people(5, others=5), SINCE_2018) == []  # three more make it so


@pytest.mark.parametrize("day", [ORIGINAL, LEGAL_PERSONS, SINCE_2018])
def test_at_most_fifty_natural_person_members(day):
    assert codes(people(25, others=25), day) == []
    assert codes(people(26, others=25), day) == ["too_many_natural"]


def test_the_findings_are_in_polish_for_polish_users():
    with translation.override("pl"):
        messages = [finding.message for finding in judge_founders(people(1, others=1) + legal(OTHER), on=SINCE_2018)]
    assert len(messages) == 2
    assert all("social cooperative" not in message and "cooperative" not in message for message in messages)
    assert any("spółdziel" in message for message in messages)
