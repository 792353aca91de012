"""The participants list's search and filters, applied in the database, each only for the roles shown its attribute."""

import re

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import STAFF_ROLES, User
from muflon.core.widgets import ShortModelChoiceField
from muflon.people.access import shows
from muflon.people.identity import is_pesel, normalise
from muflon.people.models import ExclusionCategory, Participant, Referral
from muflon.people.path import Stage
from muflon.region.models import Gmina


class ParticipantFilterForm(forms.Form):
    """The list's search and filters for one level of detail (`people.access.detail_level`).

    A filter narrows on an attribute of the person, so a role not shown that attribute would learn it by
    filtering: such a role neither gets the filter nor has it honoured when typed into the web address. Only
    roles shown PESEL may search by it."""

    q = forms.CharField(label=_("Name or PESEL"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("any"))] + Stage.choices)
    gmina = ShortModelChoiceField(label=_("Gmina"), required=False, queryset=Gmina.objects.all(), empty_label=_("any"))
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("any"))] + Participant.Sex.choices)
    category = ShortModelChoiceField(
        label=_("Legal ground"),
        required=False,
        queryset=ExclusionCategory.objects.all(),
        empty_label=_("any"),
    )
    staff = ShortModelChoiceField(label=_("Staff member"), required=False, queryset=None, empty_label=_("any"))
    source = forms.ChoiceField(
        label=_("Referred by"), required=False, choices=[("", _("any"))] + Referral.Source.choices
    )

    # The attribute of the person that each filter narrows on.
    FILTERED_ATTRIBUTES = {
        "stage": "stage",
        "gmina": "gmina",
        "sex": "sex",
        "category": "legal_grounds",
        "staff": "case_worker",
        "source": "referrals",
    }

    def __init__(self, *args, partnership, level, **kwargs):
        super().__init__(*args, **kwargs)
        self.level = level
        self.searches_pesel = shows(level, "pesel")
        for name, attribute in self.FILTERED_ATTRIBUTES.items():
            if not shows(level, attribute):
                del self.fields[name]
        if "staff" in self.fields:
            self.fields["staff"].queryset = User.objects.staff_to_choose(partnership, *STAFF_ROLES)
        if not self.searches_pesel:
            self.fields["q"].label = _("Name")

    def clean_q(self):
        query = self.cleaned_data["q"]
        refuse_hidden_search(query, self.level)
        return query

    def is_pesel_query(self) -> bool:
        return is_pesel("".join(self.cleaned_data["q"].split()))

    def filter(self, people):
        # .get(): a filter the role is not offered is not in cleaned_data, whatever the request carried.
        data = self.cleaned_data
        query = data["q"].strip()
        if query:
            people = self.search(people, query)
        if data.get("stage"):
            people = people.filter(stage=data["stage"])
        if data.get("gmina"):
            people = people.filter(gmina=data["gmina"])
        if data.get("sex"):
            people = people.filter(sex=data["sex"])
        if data.get("category"):
            people = people.filter(eligibility_grounds__category=data["category"])
        if data.get("staff"):
            people = people.filter(case_worker=data["staff"])
        if data.get("source"):
            # EXISTS, not IN: SQLite builds the whole IN list (every referral of that source) first.
            people = people.filter(Exists(Referral.objects.filter(participant=OuterRef("pk"), source=data["source"])))
        return people

    def search(self, people, query):
        return search_people(people, query, level=self.level)


def refuse_hidden_search(query: str, level: str) -> None:
    """ValidationError for a search that would tell this level of detail what it is not shown."""
    # A name has no digits: a number can only be a PESEL (or a part of one) or another identifier, and the
    # search must not tell whose it is. The answer is the same whoever the number belongs to.
    if not shows(level, "pesel") and any(char.isdigit() for char in query):
        raise forms.ValidationError(
            _("Search by first name or surname: searching by PESEL or any other number is not open to your role."),
            code="pesel_not_shown",
        )


def search_people(people, query: str, *, level: str):
    """The people a search finds (the list's and every chooser's): by PESEL for levels shown it, else by name.
    Call `refuse_hidden_search` first."""
    compact = "".join(query.split())
    if shows(level, "pesel") and is_pesel(compact):
        # The condition of the unique index on PESEL, repeated so that SQLite may use that partial index.
        return people.filter(pesel=compact).exclude(pesel="")
    return with_name(people, query)


def with_name(people, query: str):
    """People whose name starts with the query: "surname", "surname first-name" or "first-name surname"."""
    key = normalise(query)
    words = key.split()
    # The name key is "surname first-name": a prefix of it, or the first name then the surname.
    condition = name_starts_with(key)
    if len(words) == 2:
        condition |= name_starts_with(f"{words[1]} {words[0]}")
    return people.filter(condition)


def name_starts_with(key: str) -> Q:
    """name_key starts with `key`, also as a range, so that the index on the name serves the search.

    Neither database uses an index for this LIKE (SQLite's LIKE ignores case; PostgreSQL's needs the
    C collation or a pattern_ops index), but both use one for stem <= name_key < next stem. Every key
    that starts with the stem (up to its last letter or digit) lies in that range in byte order and in
    collations without contractions of Latin letters, Polish among them; LIKE keeps the answer exact.
    """
    condition = Q(name_key__startswith=key)
    stem = re.sub(r"[\W_]+$", "", key)
    if stem:
        condition &= Q(name_key__gte=stem, name_key__lt=stem[:-1] + chr(ord(stem[-1]) + 1))
    return condition
