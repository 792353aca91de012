"""Forms of the people area; field rules live in the models, these add what spans several fields."""

from django import forms
from django.db.models import fields as model_fields
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import STAFF_ROLES, Organisation, User
from muflon.core.widgets import DATE_INPUT, ShortModelChoiceField
from muflon.people.identity import birth_date_and_sex_from_pesel
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
from muflon.people.path import ExitReason, Stage, next_stages
from muflon.people.plan_links import plan_item_links


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "first_name",
            "last_name",
            "pesel",
            "document_type",
            "document_number",
            "birth_date",
            "sex",
            "phone",
            "email",
            "street",
            "postal_code",
            "city",
            "gmina",
            "education",
            "labour_status",
            "unemployed_since",
            "long_term_unemployed",
            "joined_on",
            "case_worker",
        ]
        widgets = {"birth_date": DATE_INPUT, "unemployed_since": DATE_INPUT, "joined_on": DATE_INPUT}
        help_texts = {
            "pesel": _("11 digits. The date of birth and sex are read from it when left empty."),
            "document_number": _("Only for a person without a PESEL."),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["case_worker"].queryset = User.objects.holding(partnership, *STAFF_ROLES)
        self.fields["birth_date"].required = False
        self.fields["sex"].required = False
        self.fields["postal_code"].widget.attrs.update({"inputmode": "numeric", "pattern": r"\d{2}-\d{3}"})
        if self.data.get(self.add_prefix("birth_date_confirmed")):
            self.fields["birth_date_confirmed"] = self.confirmation_field()
            self.order_fields([*self.fields][: [*self.fields].index("birth_date") + 1] + ["birth_date_confirmed"])

    def clean_pesel(self):
        pesel = "".join(self.cleaned_data["pesel"].split())
        if pesel and not (pesel.isdigit() and len(pesel) == 11):
            raise forms.ValidationError(_("A PESEL has exactly 11 digits."))
        duplicate = (
            Participant.objects.filter(partnership=self.instance.partnership, pesel=pesel)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if pesel and duplicate is not None:
            # Those who register people see everyone of the partnership: the link shows nothing new.
            raise forms.ValidationError(
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("A participant with this PESEL is already registered:"),
                    duplicate.get_absolute_url(),
                    duplicate,
                )
            )
        return pesel

    def check_age(self, birth_date, joined_on) -> None:
        """Over 100 at the start is possible but far more often a typo: saved only once confirmed."""
        if not birth_date or "birth_date" in self.errors:
            return
        day = joined_on or timezone.localdate()
        age = day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
        if age <= 100 or self.cleaned_data.get("birth_date_confirmed"):
            return
        self.fields["birth_date_confirmed"] = self.confirmation_field()
        self.order_fields([*self.fields][: [*self.fields].index("birth_date") + 1] + ["birth_date_confirmed"])
        self.add_error(
            "birth_date",
            _(
                "With this date of birth the person would be %(age)s years old. Check it; if it is right, tick "
                "the box below and save again."
            )
            % {"age": age},
        )

    @staticmethod
    def confirmation_field():
        return forms.BooleanField(label=_("The date of birth is right"), required=False)

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip()
        if code and not (len(code) == 6 and code[2] == "-" and (code[:2] + code[3:]).isdigit()):
            raise forms.ValidationError(_("Write the postal code as 00-000."))
        return code

    def clean(self):
        cleaned = super().clean()
        derived = birth_date_and_sex_from_pesel(cleaned.get("pesel") or "")
        if derived:
            cleaned.setdefault("birth_date", None)
            if not cleaned.get("birth_date"):
                cleaned["birth_date"] = self.instance.birth_date = derived[0]
            if not cleaned.get("sex"):
                cleaned["sex"] = self.instance.sex = derived[1]
        elif not cleaned.get("pesel") and "pesel" not in self.errors:  # a mistyped PESEL has its own error
            if not cleaned.get("birth_date") and "birth_date" not in self.errors:
                self.add_error("birth_date", _("Give the date of birth (there is no PESEL to read it from)."))
            if not cleaned.get("sex") and "sex" not in self.errors:
                self.add_error("sex", _("Choose the sex (there is no PESEL to read it from)."))
        self.check_age(cleaned.get("birth_date"), cleaned.get("joined_on"))
        if cleaned.get("labour_status") == Participant.LabourStatus.REGISTERED_UNEMPLOYED and not cleaned.get(
            "unemployed_since"
        ):
            self.add_error("unemployed_since", _("Give the date since when the person is registered as unemployed."))
        return cleaned


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = ["source", "organisation", "referring_person", "referred_on", "reason"]
        widgets = {"referred_on": DATE_INPUT, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(partnership=partnership)
        self.fields["referred_on"].initial = timezone.localdate


class RegistrationConsentForm(forms.Form):
    """The consents a person gives when registering: processing for support is required."""

    purposes = forms.MultipleChoiceField(
        label=_("Consents given"),
        choices=[(p.value, p.label) for p in Consent.Purpose if p != Consent.Purpose.HEALTH_DATA],
        widget=forms.CheckboxSelectMultiple,
    )
    method = forms.ChoiceField(label=_("How the consents were given"), choices=Consent.Method.choices)

    def clean_purposes(self):
        purposes = self.cleaned_data["purposes"]
        if Consent.Purpose.SUPPORT not in purposes:
            raise forms.ValidationError(_("Without consent to processing for support a person cannot be registered."))
        return purposes

    def consents(self, on):
        return [
            Consent(purpose=purpose, given_on=on, method=self.cleaned_data["method"])
            for purpose in self.cleaned_data["purposes"]
        ]


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["purpose", "given_on", "method"]
        widgets = {"given_on": DATE_INPUT}

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return given_on


class WithdrawConsentForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DATE_INPUT, initial=timezone.localdate)


class EligibilityForm(forms.ModelForm):
    class Meta:
        model = EligibilityGround
        fields = ["category", "evidence", "evidence_date"]
        widgets = {"evidence_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["category"].queryset = ExclusionCategory.objects.filter(valid_from__lte=today).exclude(
            valid_to__lt=today
        )

    def clean_category(self):
        category = self.cleaned_data["category"]
        if self.instance.participant.eligibility_grounds.filter(category=category).exists():
            raise forms.ValidationError(_("This ground is already recorded for the person."))
        return category


class AssessmentForm(forms.ModelForm):
    """A diagnosis: one severity and note per barrier area, plus strengths, interests and an idea."""

    class Meta:
        model = Assessment
        fields = ["assessed_on", "strengths", "interests", "business_idea"]
        widgets = {
            "assessed_on": DATE_INPUT,
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "interests": forms.Textarea(attrs={"rows": 3}),
            "business_idea": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in BarrierScore.Area:
            self.fields[f"severity_{area.value}"] = forms.TypedChoiceField(
                label=_("Barriers: %(area)s") % {"area": area.label},
                choices=BarrierScore.Severity.choices,
                coerce=int,
                widget=forms.RadioSelect,
            )
            self.fields[f"notes_{area.value}"] = forms.CharField(
                label=_("Notes: %(area)s") % {"area": area.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["assessed_on"].initial = timezone.localdate

    def clean_assessed_on(self):
        day = self.cleaned_data["assessed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def scores(self) -> dict[str, tuple[int, str]]:
        """Severity and notes by barrier area, as `services.record_assessment` takes them."""
        return {
            area.value: (self.cleaned_data[f"severity_{area.value}"], self.cleaned_data[f"notes_{area.value}"])
            for area in BarrierScore.Area
        }


class PlanForm(forms.Form):
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 4}))


class PlanItemForm(forms.ModelForm):
    class Meta:
        model = PlanItem
        fields = ["kind", "description", "target_date", "responsible", "status"]
        widgets = {"target_date": DATE_INPUT}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = User.objects.holding(partnership, *STAFF_ROLES)
        links = plan_item_links()
        for link in links:
            self.fields[link.name] = link.field(partnership)
        self.order_fields(["kind", *(link.name for link in links)])

    def clean(self):
        cleaned = super().clean()
        target, status = cleaned.get("target_date"), cleaned.get("status")
        open_item = status in (PlanItem.Status.PLANNED, PlanItem.Status.IN_PROGRESS)
        # A date carried over unchanged from the previous version may lie in the past (an overdue item); a date
        # typed now may not.
        if target and open_item and "target_date" in self.changed_data and target < timezone.localdate():
            self.add_error("target_date", _("The target date is in the past. Give a date from today on."))
        return cleaned


class BasePlanItemFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.cleaned_data and not form.cleaned_data.get("DELETE") for form in self.forms):
            raise forms.ValidationError(_("A plan needs at least one form of support."))

    def items(self):
        return [
            {key: value for key, value in form.cleaned_data.items() if key != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


# Enough for any plan; a bound on what a posted form count may make the server build.
MAX_PLAN_ITEMS = 50
PlanItemFormSet = forms.formset_factory(
    PlanItemForm,
    formset=BasePlanItemFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_PLAN_ITEMS,
    validate_max=True,
    absolute_max=MAX_PLAN_ITEMS,
)


def plan_forms_with_one_more_item(data, partnership):
    """Unbound plan forms holding what was posted, plus one blank form of support (at most MAX_PLAN_ITEMS)."""
    try:
        posted = min(int(data.get("items-TOTAL_FORMS", 0)), MAX_PLAN_ITEMS - 1)
    except ValueError:
        posted = 0
    names = PlanItemForm.base_fields.keys() | {link.name for link in plan_item_links()} | {"DELETE"}
    rows = [{name: data.get(f"items-{number}-{name}") for name in names} for number in range(max(posted, 0))]
    one_more = forms.formset_factory(
        PlanItemForm,
        formset=BasePlanItemFormSet,
        extra=1,
        can_delete=True,
        max_num=MAX_PLAN_ITEMS,
        absolute_max=MAX_PLAN_ITEMS,
    )
    formset = one_more(initial=rows, prefix="items", form_kwargs={"partnership": partnership})
    return PlanForm(initial={"goals": data.get("goals", "")}), formset


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"))
    moved_on = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=timezone.localdate)
    exit_reason = forms.ChoiceField(
        label=_("Reason for exit"), choices=[("", model_fields.BLANK_CHOICE_LABEL)] + ExitReason.choices, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty first choice: a stage is never changed by sending the form as it opened.
        self.fields["to_stage"].choices = [("", model_fields.BLANK_CHOICE_LABEL)] + [
            (stage, Stage(stage).label) for stage in next_stages(participant.stage)
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_stage") == Stage.EXITED and not cleaned.get("exit_reason"):
            self.add_error("exit_reason", _("Give the reason for the exit."))
        return cleaned


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["outcome", "details", "recorded_on"]
        widgets = {"recorded_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["recorded_on"].required = True
        self.fields["recorded_on"].initial = timezone.localdate

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class CaseNoteForm(forms.ModelForm):
    class Meta:
        model = CaseNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["title", "due_on", "assignee"]
        widgets = {"due_on": DATE_INPUT}
        field_classes = {"assignee": ShortModelChoiceField}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.staff_to_choose(partnership, *STAFF_ROLES)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=300)
