"""Forms of the staff side of the educational path: filters, catalogue, editions, meetings, enrolment, attendance."""

import datetime

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muflon.accounts.models import MANAGERS, Organisation, Role, User
from muflon.core.widgets import DATE_INPUT, TIME_INPUT
from muflon.education.models import Attendance, Edition, WorkshopType
from muflon.education.services import LIVE
from muflon.people.chooser import participant_chooser
from muflon.people.models import Participant
from muflon.region.models import Gmina

TRAINING_KINDS = [Organisation.Kind.TRAINING, Organisation.Kind.OWES, Organisation.Kind.NGO]


class EditionFilterForm(forms.Form):
    workshop_type = forms.ModelChoiceField(
        label=_("Workshop"), required=False, queryset=WorkshopType.objects.none(), empty_label=_("any")
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer"), required=False, queryset=User.objects.none(), empty_label=_("any")
    )
    gmina = forms.ModelChoiceField(label=_("Gmina"), required=False, queryset=Gmina.objects.all(), empty_label=_("any"))
    date_from = forms.DateField(label=_("Meetings from"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("Meetings until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop_type"].queryset = WorkshopType.objects.visible_to(user)
        if user.has_role(*MANAGERS):
            self.fields["trainer"].queryset = User.objects.holding(user.partnership_id, Role.TRAINER)
        else:
            # A trainer sees only their own editions: choosing a trainer would mean nothing.
            del self.fields["trainer"]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data

    def filter(self, editions):
        """Editions of the type, trainer and gmina chosen, with a meeting day within the period."""
        data = self.cleaned_data
        if data["workshop_type"]:
            editions = editions.filter(workshop_type=data["workshop_type"])
        if data.get("trainer"):
            editions = editions.filter(trainers=data["trainer"])
        if data["gmina"]:
            editions = editions.filter(gmina=data["gmina"])
        # An edition without meetings has no dates and falls outside every period.
        if data["date_from"]:
            editions = editions.filter(ends_on__gte=data["date_from"])
        if data["date_to"]:
            editions = editions.filter(starts_on__lte=data["date_to"])
        return editions


class WorkshopTypeForm(forms.ModelForm):
    class Meta:
        model = WorkshopType
        fields = [
            "name",
            "category",
            "description",
            "hours",
            "qualification",
            "issues_certificate",
            "completion_threshold",
            "path_order",
        ]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        same = WorkshopType.objects.filter(partnership=self.instance.partnership, name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The catalogue already has a workshop of this name."))
        return name


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = [
            "workshop_type",
            "trainers",
            "organisation",
            "place",
            "address",
            "gmina",
            "step_free",
            "capacity",
            "enrolment_open",
        ]
        widgets = {"trainers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, partnership, firm=None, **kwargs):
        """`firm`: the training firm whose trainer fills the form in; the edition is then the firm's, with its
        trainers only."""
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["workshop_type"].queryset = WorkshopType.objects.filter(partnership=partnership)
        # Trainers on the edition stay offered, also one who has left or (for a firm) works elsewhere.
        current = Q(pk__in=self.instance.trainers.values("pk")) if self.instance.pk else Q(pk__in=[])
        offered = Q(is_active=True)
        organisations = Organisation.objects.filter(partnership=partnership, kind__in=TRAINING_KINDS)
        if firm is not None:
            offered &= Q(organisation_id=firm)
            organisations = organisations.filter(pk=firm)
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None
        self.fields["trainers"].queryset = User.objects.holding(
            partnership, Role.TRAINER, include_inactive=True
        ).filter(offered | current)
        self.fields["organisation"].queryset = organisations

    def clean_trainers(self):
        from muflon.education.services import busy_trainer_meeting

        trainers = self.cleaned_data["trainers"]
        clash = busy_trainer_meeting(self.instance, trainers)
        if clash is not None:
            raise forms.ValidationError(
                _("A chosen trainer runs another workshop at the time of a meeting: %(meeting)s.") % {"meeting": clash}
            )
        return trainers


class MeetingForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    starts = forms.TimeField(label=_("Start time"), widget=TIME_INPUT)
    ends = forms.TimeField(label=_("End time"), widget=TIME_INPUT)
    room = forms.CharField(label=_("Room"), required=False, max_length=100)

    prefix = "meeting"

    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["starts"]))

    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["ends"]))


class EnrolForm(forms.Form):
    """A person to enrol, chosen by typing (core.chooser) among the people the user sees who are not yet enrolled
    in the edition or waiting for it. The search endpoint (views.enrol_people) builds this same form."""

    prefix = "enrol"

    def __init__(self, *args, edition, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"] = participant_chooser(
            user,
            people_to_enrol(edition, user),
            label=_("Participant"),
            search_url=reverse("education:enrol_people", args=[edition.pk]),
            error_messages={
                "no_match": _(
                    "Nobody matches “%(text)s” among the people not yet enrolled in this edition or waiting for it."
                )
            },
        )


def people_to_enrol(edition, user):
    """The people `user` sees who are neither enrolled in `edition` nor waiting for it."""
    return Participant.objects.visible_to(user).exclude(
        pk__in=edition.enrolments.filter(status__in=LIVE).values("participant_id")
    )


class CompletionForm(forms.Form):
    """Staff decide by hand whether a person completed the edition; the reason is kept."""

    enrolment = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    completed = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("completed")), ("no", _("not completed"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)

    prefix = "completion"

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = enrolments.select_related("participant")
        self.fields["enrolment"].label_from_instance = lambda enrolment: str(enrolment.participant)


class AttendanceForm(forms.Form):
    """Present, absent or excused for each enrolled person of one meeting (one radio group each)."""

    FIELD_PREFIX = "enrolment_"

    def __init__(self, *args, enrolments, marked, **kwargs):
        super().__init__(*args, **kwargs)
        for enrolment in enrolments:
            self.fields[f"{self.FIELD_PREFIX}{enrolment.pk}"] = forms.ChoiceField(
                label=str(enrolment.participant),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=marked.get(enrolment.pk),
            )

    def marks(self) -> dict[int, str]:
        """What was chosen, by enrolment id. Marks for people not (or no longer) enrolled are kept, so that
        the service refuses them instead of this form silently dropping them."""
        marks = {int(name.removeprefix(self.FIELD_PREFIX)): value for name, value in self.cleaned_data.items() if value}
        for name, value in self.data.items():
            number = name.removeprefix(self.FIELD_PREFIX)
            if name.startswith(self.FIELD_PREFIX) and name not in self.fields and number.isdigit() and value:
                marks[int(number)] = value
        return marks
