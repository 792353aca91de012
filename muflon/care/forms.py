"""Forms of barrier support: referral, sessions, notes, hand-over, groups, dependants and care arrangements."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import Role, User
from muflon.care.models import (
    CareArrangement,
    CounsellingClient,
    CounsellingSession,
    Dependant,
    GroupMember,
    SelfHelpGroup,
)
from muflon.core.widgets import DATE_INPUT, TIME_INPUT


def today():
    return timezone.localdate()


class ReferralForm(forms.Form):
    counsellor = forms.ModelChoiceField(label=_("Counsellor"), queryset=User.objects.none())
    kind = forms.ChoiceField(label=_("Kind of support"), choices=CounsellingClient.Kind.choices)
    referred_on = forms.DateField(label=_("Referred on"), widget=DATE_INPUT, initial=today)

    def __init__(self, *args, partnership_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = User.objects.holding(partnership_id, Role.COUNSELLOR)


class SessionForm(forms.ModelForm):
    class Meta:
        model = CounsellingSession
        fields = ["held_on", "minutes", "form", "summary"]
        widgets = {"held_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"held_on": today(), "minutes": 50, "summary": _("Session held.")})
        super().__init__(*args, **kwargs)
        self.fields["minutes"].widget.attrs["min"] = 1


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Confidential note"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("Stored encrypted; only the client's counsellor can read it, and every read is recorded."),
    )
    session = forms.ModelChoiceField(
        label=_("Session"), queryset=CounsellingSession.objects.none(), required=False, empty_label=_("none")
    )

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = client.sessions.all()


class HandoverForm(forms.Form):
    to_counsellor = forms.ModelChoiceField(label=_("Hand over to"), queryset=User.objects.none())
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=today)
    reason = forms.CharField(
        label=_("Reason (not confidential)"),
        max_length=300,
        help_text=_("The new counsellor will read all confidential notes of this client; you will no longer."),
    )

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_counsellor"].queryset = User.objects.holding(client.partnership_id, Role.COUNSELLOR).exclude(
            pk=client.counsellor_id
        )


class DateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_INPUT, initial=today)


class GroupForm(forms.ModelForm):
    class Meta:
        model = SelfHelpGroup
        fields = ["topic", "facilitator", "place", "schedule", "status", "started_on"]
        widgets = {"started_on": DATE_INPUT}

    def __init__(self, *args, partnership_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership_id = partnership_id
        self.fields["facilitator"].queryset = User.objects.holding(partnership_id, Role.COUNSELLOR, Role.COORDINATOR)
        self.fields["facilitator"].empty_label = _("nobody (the group runs itself)")


class GroupMeetingForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    starts = forms.TimeField(label=_("Start time"), widget=TIME_INPUT)
    ends = forms.TimeField(label=_("End time"), widget=TIME_INPUT)
    topic = forms.CharField(label=_("Topic of the meeting"), max_length=200, required=False)

    prefix = "meeting"

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("A meeting must end after it starts."))
        return data

    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["starts"]))

    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["ends"]))


class GroupAttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(member.pk, str(member.participant)) for member in members]


class MembershipForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Self-help group"), queryset=SelfHelpGroup.objects.none())
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE_INPUT, initial=today)

    prefix = "membership"

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups.exclude(status=SelfHelpGroup.Status.CLOSED)


class DependantForm(forms.ModelForm):
    class Meta:
        model = Dependant
        fields = ["kind", "name", "care_needs", "needs_care"]
        widgets = {"care_needs": forms.Textarea(attrs={"rows": 3})}


class ArrangementForm(forms.ModelForm):
    """The model's clean() refuses overlapping periods and negative costs, at the field concerned."""

    class Meta:
        model = CareArrangement
        fields = [
            "provider",
            "provider_name",
            "starts_on",
            "ends_on",
            "hours_per_week",
            "monthly_cost",
            "paid_by",
            "editions",
            "groups",
            "other_activity",
        ]
        widgets = {
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "editions": forms.CheckboxSelectMultiple,
            "groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, dependant, **kwargs):
        super().__init__(*args, **kwargs)
        from muflon.education.models import Edition, Enrolment

        self.instance.dependant = dependant
        participant = dependant.participant
        enrolled = Enrolment.objects.filter(
            participant=participant, status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.WAITING]
        )
        self.fields["editions"].queryset = Edition.objects.filter(
            Q(pk__in=enrolled.values("edition")) | self._current("editions")
        ).select_related("workshop_type")
        self.fields["groups"].queryset = SelfHelpGroup.objects.filter(
            Q(pk__in=GroupMember.objects.filter(participant=participant).values("group")) | self._current("groups")
        )
        self.fields["monthly_cost"].widget.attrs.update({"min": 0, "step": "0.01"})
        self.fields["editions"].help_text = _("The workshops of this participant that the care makes possible.")

    def _current(self, name) -> Q:
        """What the arrangement is already linked to stays offered."""
        if self.instance.pk is None:
            return Q(pk__in=[])
        return Q(pk__in=getattr(self.instance, name).values("pk"))


class GapsForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label=_("Weeks ahead"), coerce=int, choices=[(n, str(n)) for n in (1, 2, 4, 8, 12)], initial=4, required=False
    )
