"""Forms of the founding groups: the group itself, a person or a legal person joining, a member leaving."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import MANAGERS, Organisation, Role, User
from muflon.cooperatives import services
from muflon.cooperatives.models import Cooperative, FoundingGroup, FoundingMember, Job, QuarterlyReport
from muflon.core.forms import PolishDecimalField
from muflon.core.widgets import DATE_INPUT, ShortModelChoiceField
from muflon.people.chooser import participant_chooser
from muflon.people.models import Participant
from muflon.people.path import ExitReason, Stage


def today():
    return timezone.localdate()


class GroupForm(forms.ModelForm):
    class Meta:
        model = FoundingGroup
        fields = ["name", "business_idea", "pkd_section", "pkd_class", "gmina", "advisor", "formed_on"]
        widgets = {"formed_on": DATE_INPUT, "business_idea": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"gmina": ShortModelChoiceField, "advisor": ShortModelChoiceField}
        help_texts = {
            "pkd_section": _("One letter, e.g. I for accommodation and food service activities."),
            "pkd_class": _("Optional, e.g. 56.21 (event catering)."),
        }

    def __init__(self, *args, partnership_id, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["formed_on"].initial = today
        if not user.has_role(*MANAGERS):
            # An advisor's groups are their own: choosing someone else would hide the group from them.
            del self.fields["advisor"]
            return
        self.fields["advisor"].queryset = User.objects.staff_to_choose(partnership_id, Role.ADVISOR)
        self.fields["advisor"].empty_label = _("none yet")


class JoinForm(forms.Form):
    """A participant joining, chosen by typing among the people the user sees (the search endpoint builds this
    same form)."""

    prefix = "join"
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE_INPUT, initial=today)

    def __init__(self, *args, group, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"] = participant_chooser(
            user,
            people_without_a_group(user),
            label=_("Participant"),
            search_url=reverse("cooperatives:join_people", args=[group.pk]),
            error_messages={"no_match": _("Nobody matches “%(text)s” among the people who are in no founding group.")},
        )
        self.order_fields(["participant", "joined_on"])


def people_without_a_group(user):
    """The people `user` sees who are in no founding group now."""
    # NOT IN over ids known not to be NULL (a legal person's row has none): SQL's NOT IN with a NULL matches nothing.
    in_groups = FoundingMember.objects.filter(left_on__isnull=True, participant__isnull=False).values("participant_id")
    return Participant.objects.visible_to(user).exclude(pk__in=in_groups)


class LegalPersonForm(forms.Form):
    prefix = "legal"
    organisation = ShortModelChoiceField(label=_("Legal person"), queryset=Organisation.objects.none())
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE_INPUT, initial=today)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user)


class LeaveForm(forms.Form):
    """A member leaving: the day, and for a participant where their path goes next."""

    left_on = forms.DateField(label=_("Left on"), widget=DATE_INPUT, initial=today)
    next_stage = forms.ChoiceField(
        label=_("Next stage of the person"),
        choices=[(Stage.IN_SUPPORT, Stage.IN_SUPPORT.label), (Stage.EXITED, Stage.EXITED.label)],
        initial=Stage.IN_SUPPORT,
    )
    exit_reason = forms.ChoiceField(
        label=_("Reason for the exit"), choices=[("", "—"), *ExitReason.choices], required=False
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        if member.participant_id is None:
            del self.fields["next_stage"]
            del self.fields["exit_reason"]

    def clean(self):
        data = super().clean()
        if data.get("next_stage") == Stage.EXITED and not data.get("exit_reason"):
            self.add_error("exit_reason", _("Give the reason for the exit."))
        return data


class RegistrationForm(forms.Form):
    """The group's entry in the National Court Register (KRS), which makes the cooperative."""

    prefix = "register"
    name = forms.CharField(
        label=_("Name in the register"),
        max_length=300,
        help_text=_("As in the register: it must contain “spółdzielnia socjalna” (or “Sp.n.s.”)."),
    )
    krs = forms.CharField(label=_("KRS number"), max_length=10)
    nip = forms.CharField(label=_("NIP"), max_length=10, required=False)
    regon = forms.CharField(label=_("REGON"), max_length=14, required=False)
    registered_on = forms.DateField(label=_("Entered in the register on"), widget=DATE_INPUT, initial=today)


def person_in_cooperative(user, cooperative):
    """A participant for a cooperative's job or membership, chosen by typing among the people the user sees (the
    search endpoint, views.cooperative_people, builds this same field)."""
    return participant_chooser(
        user,
        Participant.objects.visible_to(user),
        label=_("Participant"),
        search_url=reverse("cooperatives:cooperative_people", args=[cooperative.pk]),
    )


class JobForm(forms.ModelForm):
    """A job in the cooperative for a participant chosen by typing among the people the user sees."""

    prefix = "job"

    class Meta:
        model = Job
        fields = ["contract", "working_time", "starts_on", "ends_on", "grant_funded"]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}
        help_texts = {"working_time": _("1 for full time, 0.5 for half time.")}
        field_classes = {"working_time": PolishDecimalField}

    def __init__(self, *args, cooperative, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"] = person_in_cooperative(user, cooperative)
        self.fields["starts_on"].initial = today
        self.order_fields(["participant", "contract", "working_time", "starts_on", "ends_on", "grant_funded"])


class EndJobForm(forms.Form):
    ends_on = forms.DateField(label=_("Last day of the job"), widget=DATE_INPUT, initial=today)
    next_stage = forms.ChoiceField(
        label=_("Next stage of the person"),
        required=False,
        choices=[
            ("", _("still employed in another cooperative job")),
            (Stage.EMPLOYED_OPEN_MARKET, Stage.EMPLOYED_OPEN_MARKET.label),
            (Stage.SELF_EMPLOYED, Stage.SELF_EMPLOYED.label),
            (Stage.EXITED, Stage.EXITED.label),
        ],
    )
    exit_reason = forms.ChoiceField(
        label=_("Reason for the exit"), choices=[("", "—"), *ExitReason.choices], required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("next_stage") == Stage.EXITED and not data.get("exit_reason"):
            self.add_error("exit_reason", _("Give the reason for the exit."))
        return data


class StatusForm(forms.Form):
    prefix = "status"
    status = forms.ChoiceField(label=_("New status"), choices=Cooperative.Status.choices)
    status_since = forms.DateField(label=_("Since"), widget=DATE_INPUT, initial=today)


class MemberForm(forms.Form):
    """A participant admitted as a member, chosen by typing among the people the user sees."""

    prefix = "member"
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE_INPUT, initial=today)

    def __init__(self, *args, cooperative, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"] = person_in_cooperative(user, cooperative)
        self.order_fields(["participant", "joined_on"])


class LegalMemberForm(LegalPersonForm):
    prefix = "member_legal"


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DATE_INPUT, initial=today)


class ReportForm(forms.ModelForm):
    prefix = "report"

    class Meta:
        model = QuarterlyReport
        fields = ["year", "quarter", "revenue", "costs", "members", "employees", "public_revenue_share"]
        field_classes = {"revenue": PolishDecimalField, "costs": PolishDecimalField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = services.previous_quarter(today())
        self.fields["year"].initial, self.fields["quarter"].initial = last

    def validate_unique(self):
        """One report per quarter is the service's to say, at the quarter's field."""
