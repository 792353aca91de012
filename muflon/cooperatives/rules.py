"""Who may found a social cooperative and how many founders it needs, as the social cooperatives act says on a
given day (ustawa z 27 kwietnia 2006 r. o spółdzielniach socjalnych, art. 4–5; ../shared/DOMAIN.md §1).

The law is a list of dated rule sets, each in force from its day until the next one: a founding group is judged by
the set in force on the group's date, and a change of the law is one more `RuleSet` here. `judge_founders` takes
plain values, not models, so that a group's page, its registration and the tests ask the same function."""

import datetime
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The legal persons the act lets found or join a social cooperative (art. 4 ust. 2): non-governmental
# organisations, local government units (a gmina) and church legal persons.
NGO = "ngo"
LOCAL_GOVERNMENT = "local_government"
CHURCH = "church"
OTHER = "other"
FOUNDING_LEGAL_PERSONS = frozenset({NGO, LOCAL_GOVERNMENT, CHURCH})


@dataclass(frozen=True)
class RuleSet:
    in_force_from: datetime.date
    name: str
    min_natural_founders: int
    # None: legal persons may not found a social cooperative at all (the 2006 text).
    min_legal_founders: int | None
    max_natural_members: int
    # The largest share of natural-person members from outside the excluded groups (art. 4 ust. 2).
    max_other_share: Fraction
    # Whether that share is counted on the founders (until 2018) or on all members (since 2018-03-31).
    other_share_counted_on: str
    # "Sp.n.s." in the name (art. 3), allowed since 2018-03-31.
    short_name_allowed: bool
    # Founded by fewer natural persons than this, the cooperative must admit and employ
    # `excluded_to_admit` more excluded persons within `months_to_admit` of its entry in the register.
    full_membership: int = 0
    excluded_to_admit: int = 0
    months_to_admit: int = 0


RULE_SETS = (
    RuleSet(
        in_force_from=datetime.date(2006, 6, 16),  # as the legal grounds' data takes it (people/data)
        name="Dz.U. 2006 nr 94 poz. 651",
        min_natural_founders=5,
        min_legal_founders=None,
        max_natural_members=50,
        max_other_share=Fraction(1, 2),
        other_share_counted_on="founders",
        short_name_allowed=False,
    ),
    RuleSet(
        in_force_from=datetime.date(2009, 7, 16),
        name="Dz.U. 2009 nr 91 poz. 742",
        min_natural_founders=5,
        min_legal_founders=2,
        max_natural_members=50,
        max_other_share=Fraction(1, 2),
        other_share_counted_on="founders",
        short_name_allowed=False,
    ),
    RuleSet(
        in_force_from=datetime.date(2018, 3, 31),
        name="Dz.U. 2017 poz. 2494",
        min_natural_founders=3,
        min_legal_founders=2,
        max_natural_members=50,
        max_other_share=Fraction(1, 2),
        other_share_counted_on="members",
        short_name_allowed=True,
        full_membership=5,
        excluded_to_admit=2,
        months_to_admit=12,
    ),
)


def rules_on(day: datetime.date) -> RuleSet:
    """The rule set in force on `day`; before the act there is none."""
    in_force = [rules for rules in RULE_SETS if rules.in_force_from <= day]
    if not in_force:
        raise ValueError(f"the social cooperatives act was not in force on {day:%Y-%m-%d}")
    return max(in_force, key=lambda rules: rules.in_force_from)


@dataclass(frozen=True)
class Founder:
    """One founder as the rules see them: a natural person (excluded or not, on the group's date) or a legal
    person of one of the kinds above."""

    natural: bool
    excluded: bool = False
    legal_kind: str = ""


@dataclass(frozen=True)
class Finding:
    """Something the group still lacks (`hard`: registration must wait for it) or must remember (a reminder)."""

    code: str
    message: str
    hard: bool = True


def judge_founders(founders: list[Founder], *, on: datetime.date) -> list[Finding]:
    """What keeps `founders` from founding a social cooperative on `on`, in plain words; empty when nothing."""
    rules = rules_on(on)
    natural = [founder for founder in founders if founder.natural]
    legal = [founder for founder in founders if not founder.natural]
    findings = legal_person_findings(legal, rules)
    findings += founder_count_findings(natural, legal, rules)
    findings += other_share_findings(natural, rules)
    findings += reminder_findings(natural, rules)
    return findings


def legal_person_findings(legal: list[Founder], rules: RuleSet) -> list[Finding]:
    if legal and rules.min_legal_founders is None:
        return [
            Finding(
                "legal_persons_not_yet",
                _("Until 15 July 2009 only natural persons could found a social cooperative."),
            )
        ]
    if any(founder.legal_kind not in FOUNDING_LEGAL_PERSONS for founder in legal):
        return [
            Finding(
                "legal_person_kind",
                _(
                    "Of legal persons, only non-governmental organisations, local government units (such as a "
                    "gmina) and church legal persons may found a social cooperative."
                ),
            )
        ]
    return []


def founder_count_findings(natural: list[Founder], legal: list[Founder], rules: RuleSet) -> list[Finding]:
    findings = []
    if len(natural) > rules.max_natural_members:
        findings.append(
            Finding(
                "too_many_natural",
                _("A social cooperative may have at most %(most)d natural-person members; this group has %(count)d.")
                % {"most": rules.max_natural_members, "count": len(natural)},
            )
        )
    founding_legal = [founder for founder in legal if founder.legal_kind in FOUNDING_LEGAL_PERSONS]
    enough_legal = rules.min_legal_founders is not None and len(founding_legal) >= rules.min_legal_founders
    if len(natural) >= rules.min_natural_founders or enough_legal:
        return findings
    missing = rules.min_natural_founders - len(natural)
    message = ngettext(
        "At least %(least)d natural persons must found the cooperative: %(missing)d more person is needed.",
        "At least %(least)d natural persons must found the cooperative: %(missing)d more persons are needed.",
        missing,
    ) % {"least": rules.min_natural_founders, "missing": missing}
    if rules.min_legal_founders is not None:
        message += " " + _("Alternatively, at least %(least)d legal persons may found it.") % {
            "least": rules.min_legal_founders
        }
    findings.append(Finding("too_few_founders", message))
    return findings


def other_share_findings(natural: list[Founder], rules: RuleSet) -> list[Finding]:
    others = sum(1 for founder in natural if not founder.excluded)
    if not natural or Fraction(others, len(natural)) <= rules.max_other_share:
        return []
    # The fewest excluded persons to add so that the others are within the share again.
    share = rules.max_other_share
    needed = -(-(others - share * len(natural)) // share) if share else None
    message = _(
        "At most half of the natural-person founders may come from outside the groups at risk of exclusion; here "
        "%(others)d of %(count)d do."
    ) % {"others": others, "count": len(natural)}
    if needed:
        message += " " + ngettext(
            "Add %(needed)d person with a legal ground, or let others leave.",
            "Add %(needed)d persons with a legal ground, or let others leave.",
            needed,
        ) % {"needed": needed}
    return [Finding("too_many_others", message)]


def reminder_findings(natural: list[Founder], rules: RuleSet) -> list[Finding]:
    if not rules.excluded_to_admit or not natural or len(natural) >= rules.full_membership:
        return []
    if len(natural) < rules.min_natural_founders:
        return []
    return [
        Finding(
            "admit_within_months",
            _(
                "Founded by fewer than %(full)d persons, the cooperative must admit as members and employ at least "
                "%(admit)d more persons at risk of exclusion within %(months)d months of its entry in the National "
                "Court Register."
            )
            % {"full": rules.full_membership, "admit": rules.excluded_to_admit, "months": rules.months_to_admit},
            hard=False,
        )
    ]
