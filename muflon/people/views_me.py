"""The participant's own pages at /me/: their path, plan and activities, contact details and a copy of their data."""

import datetime
import re
from dataclasses import dataclass
from functools import wraps

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from muflon.accounts.access import role_required
from muflon.accounts.models import Role
from muflon.core import audit
from muflon.people import data_export, person_page
from muflon.people.models import Participant, PlanItem
from muflon.people.path import Stage
from muflon.people.services import current_plan

PHONE_CHARACTERS = re.compile(r"^[0-9 +\-]+$")


def own_participant(request):
    """The participant record linked to the logged-in user, or None; found only through the scoped queryset."""
    try:
        return Participant.objects.visible_to(request.user).select_related("partnership").get(user=request.user)
    except Participant.DoesNotExist:
        return None


def participant_page(view):
    """Participants only (others: login or 403); a login with no participant record sees a friendly page."""

    @never_cache
    @role_required(Role.PARTICIPANT)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        participant = own_participant(request)
        if participant is None:
            return render(request, "people/me_not_linked.html")
        return view(request, participant, *args, **kwargs)

    return wrapped


def participant_download(view):
    """Like `participant_page`, but a login with no participant record gets 404: there is nothing to send."""

    @never_cache
    @role_required(Role.PARTICIPANT)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        participant = own_participant(request)
        if participant is None:
            raise Http404
        return view(request, participant, *args, **kwargs)

    return wrapped


@dataclass
class PathStep:
    stage: str
    label: str
    state: str  # "done", "now", "ahead" or "skipped"


def path_steps(participant, visited: set[str]) -> list[PathStep]:
    """The stages in path order, each marked done, now, ahead or skipped; the exit is shown only after it."""
    order = [stage for stage in Stage if stage != Stage.EXITED]
    if participant.stage == Stage.EXITED:
        order.append(Stage.EXITED)
    current = order.index(participant.stage)
    steps = []
    for index, stage in enumerate(order):
        if index == current:
            state = "now"
        elif index > current:
            state = "ahead"
        elif stage in visited:
            state = "done"
        else:
            state = "skipped"
        steps.append(PathStep(stage, stage.label, state))
    return steps


@dataclass
class OwnEvent:
    day: datetime.date
    title: str
    detail: str = ""


def own_timeline(participant) -> list[OwnEvent]:
    """The person's own events, newest first, in plain words: never staff notes, tasks or who recorded what."""
    events = []
    for move in participant.transitions.all():
        if move.to_stage == Stage.EXITED:
            events.append(OwnEvent(move.moved_on, _("You left the programme."), move.get_exit_reason_display()))
        elif not move.from_stage or move.from_stage == Stage.EXITED:
            events.append(OwnEvent(move.moved_on, _("You joined the programme.")))
        else:
            events.append(OwnEvent(move.moved_on, _("New stage: %(stage)s.") % {"stage": move.get_to_stage_display()}))
    for referral in participant.referrals.all():
        if referral.source == referral.Source.OWN:
            events.append(OwnEvent(referral.referred_on, _("You signed up yourself.")))
        else:
            source = referral.organisation.name if referral.organisation else referral.get_source_display()
            events.append(OwnEvent(referral.referred_on, _("You were sent to us by: %(source)s.") % {"source": source}))
    for consent in participant.consents.all():
        purpose = consent.get_purpose_display()
        events.append(OwnEvent(consent.given_on, _("You gave your consent: %(purpose)s.") % {"purpose": purpose}))
        if consent.withdrawn_on:
            events.append(
                OwnEvent(consent.withdrawn_on, _("You withdrew your consent: %(purpose)s.") % {"purpose": purpose})
            )
    for assessment in participant.assessments.all():
        events.append(OwnEvent(assessment.assessed_on, _("We talked about what makes finding work hard for you.")))
    for plan in participant.plans.all():
        if plan.version == 1:
            title = _("Your support plan was written.")
        else:
            title = _("Your support plan was changed (version %(version)s).") % {"version": plan.version}
        events.append(OwnEvent(timezone.localdate(plan.created_at), title))
    for follow_up in participant.follow_ups.all():
        if follow_up.outcome:
            events.append(
                OwnEvent(
                    follow_up.recorded_on or follow_up.due_on,
                    _("We asked how you are doing (%(when)s): %(outcome)s.")
                    % {"when": follow_up.get_kind_display(), "outcome": follow_up.get_outcome_display()},
                )
            )
    return sorted(events, key=lambda event: event.day, reverse=True)


def time_in_stage(participant, today: datetime.date) -> str:
    if participant.stage_since >= today:
        return _("You started this stage today.")
    return _("You have been in this stage for %(time)s.") % {"time": timesince(participant.stage_since, today, depth=1)}


@participant_page
def home(request, participant):
    participant = (
        Participant.objects.select_related("partnership")
        .prefetch_related("transitions", "referrals__organisation", "consents", "assessments", "plans", "follow_ups")
        .get(pk=participant.pk)
    )
    today = timezone.localdate()
    plan = current_plan(participant)
    items = list(plan.items.all()) if plan else []
    upcoming = sorted(
        (
            item
            for item in items
            if item.status in (PlanItem.Status.PLANNED, PlanItem.Status.IN_PROGRESS) and item.target_date >= today
        ),
        key=lambda item: (item.target_date, item.pk),
    )
    visited = {move.to_stage for move in participant.transitions.all()}
    context = {
        "participant": participant,
        "time_in_stage": time_in_stage(participant, today),
        "steps": path_steps(participant, visited),
        "events": own_timeline(participant),
        "plan": plan,
        "items": items,
        "upcoming": upcoming,
    }
    context["sections"] = person_page.sections(request, participant, context, page="own")
    return render(request, "people/me_home.html", context)


class ContactForm(forms.ModelForm):
    """The person's own phone and e-mail; nothing else of the record can change here."""

    class Meta:
        model = Participant
        fields = ["phone", "email"]
        labels = {"phone": gettext_lazy("Phone number"), "email": gettext_lazy("E-mail address")}
        help_texts = {
            "phone": gettext_lazy("For example 600 100 200 or +48 600 100 200."),
            "email": gettext_lazy("For example jan.kowalski@example.com."),
        }
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {"email": {"invalid": gettext_lazy("Write the e-mail address like this: name@example.com.")}}

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        if not phone:
            return phone
        digits = sum(character.isdigit() for character in phone)
        if not PHONE_CHARACTERS.match(phone) or not 9 <= digits <= 15:
            raise forms.ValidationError(
                _("Write the phone number with 9 to 15 digits. You may use spaces, + and -, nothing else.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("email"):
            raise forms.ValidationError(_("Give a phone number or an e-mail address, so that we can reach you."))
        return cleaned


@participant_page
def contact(request, participant):
    form = ContactForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        participant = form.save(commit=False)
        # Only these two fields: a change staff made meanwhile to the rest of the record stays.
        participant.save(update_fields=["phone", "email", "updated_at"])
        messages.success(request, _("Your contact details are saved."))
        return redirect("me:home")
    return render(request, "people/me_contact.html", {"participant": participant, "form": form})


def download_name(extension: str) -> str:
    return f"moje-dane-{timezone.localdate():%Y-%m-%d}.{extension}"


@participant_download
def data_json(request, participant):
    data = data_export.person_data(participant)
    response = HttpResponse(data_export.as_json(data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{download_name("json")}"'
    audit.record_read(participant, what="own data export (json)")
    return response


@participant_download
def data_pdf(request, participant):
    data = data_export.person_data(participant)
    response = HttpResponse(data_export.as_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{download_name("pdf")}"'
    audit.record_read(participant, what="own data export (pdf)")
    return response
