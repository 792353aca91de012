"""The participants list's search and filters, applied in the database."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muflon.people.forms import staff_of
from muflon.people.identity import is_pesel, normalise
from muflon.people.models import ExclusionCategory, Participant, Referral
from muflon.people.path import Stage
from muflon.region.models import Gmina


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or PESEL"), required=False, max_length=100)
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[("", _("any"))] + Stage.choices)
    gmina = forms.ModelChoiceField(label=_("Gmina"), required=False, queryset=Gmina.objects.all(), empty_label=_("any"))
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("any"))] + Participant.Sex.choices)
    category = forms.ModelChoiceField(
        label=_("Legal ground"), required=False, queryset=ExclusionCategory.objects.all(), empty_label=_("any")
    )
    staff = forms.ModelChoiceField(label=_("Staff member"), required=False, queryset=None, empty_label=_("any"))
    source = forms.ChoiceField(
        label=_("Referred by"), required=False, choices=[("", _("any"))] + Referral.Source.choices
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff_of(partnership)

    def is_pesel_query(self) -> bool:
        return is_pesel("".join(self.cleaned_data["q"].split()))

    def filter(self, people):
        data = self.cleaned_data
        query = data["q"].strip()
        if query:
            people = self.search(people, query)
        if data["stage"]:
            people = people.filter(stage=data["stage"])
        if data["gmina"]:
            people = people.filter(gmina=data["gmina"])
        if data["sex"]:
            people = people.filter(sex=data["sex"])
        if data["category"]:
            people = people.filter(eligibility_grounds__category=data["category"])
        if data["staff"]:
            people = people.filter(case_worker=data["staff"])
        if data["source"]:
            people = people.filter(pk__in=Referral.objects.filter(source=data["source"]).values("participant_id"))
        return people

    def search(self, people, query):
        compact = "".join(query.split())
        if is_pesel(compact):
            return people.filter(pesel=compact)
        key = normalise(query)
        words = key.split()
        # The name key is "surname first-name": a prefix of it, or the first name then the surname.
        condition = Q(name_key__startswith=key)
        if len(words) == 2:
            condition |= Q(name_key__startswith=f"{words[1]} {words[0]}")
        return people.filter(condition)
