"""Staff pages of the educational path: editions, the catalogue, an edition's people and meetings, attendance.

Every rule (places, waiting list, clashes, completion) lives in `education.services`; these views only
collect input, call a service and show its answer at the field it concerns.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from muflon.accounts.access import role_required
from muflon.accounts.models import MANAGERS, WORKSHOP_ROLES, Role, User
from muflon.core.chooser import chooser_options
from muflon.core.confirm import ask_to_confirm, is_confirmed
from muflon.core.forms import add_validation_error
from muflon.core.meetings import not_started_message
from muflon.core.paging import page_without_count
from muflon.education import calendar, services
from muflon.education.access import edition_for, enrolment_for, planned_edition_for, workshop_type_for
from muflon.education.forms import (
    AttendanceForm,
    CompletionForm,
    EditionFilterForm,
    EditionForm,
    EnrolForm,
    MeetingForm,
    WorkshopTypeForm,
)
from muflon.education.models import Attendance, Edition, Enrolment, Feedback, WorkshopType, plans_editions

# Who works with editions: managers everything, trainers the editions they run (Edition.objects.visible_to).
# What an edition's page shows of a person: a trainer sees names and contacts, nothing more.
PERSON_FIELDS = [
    "participant__id",
    "participant__first_name",
    "participant__last_name",
    "participant__name_key",
    "participant__phone",
    "participant__email",
]


def back_to(edition):
    """After an action on an edition's page: its top, where the message says what happened.

    The forms post to an address ending in their section's anchor, so that a refused form reopens at its
    errors; the explicit anchor here keeps the browser from carrying that one over the redirect."""
    return redirect(f"{edition.get_absolute_url()}#main")


@role_required(*WORKSHOP_ROLES)
def edition_list(request):
    form = EditionFilterForm(request.GET or None, user=request.user)
    editions = Edition.objects.visible_to(request.user)
    if form.is_valid():
        editions = form.filter(editions)
    waiting = (
        Enrolment.objects.filter(edition=OuterRef("pk"), status=Enrolment.Status.WAITING)
        .order_by()
        .values("edition")
        .annotate(count=Count("pk"))
        .values("count")
    )
    editions = (
        editions.select_related("workshop_type", "gmina")
        .prefetch_related(Prefetch("trainers", queryset=User.objects.order_by("last_name", "first_name")))
        .annotate(waiting_count=Coalesce(Subquery(waiting), 0))
        # Editions still without meetings (so without dates) are the ones being prepared: first.
        .order_by(F("starts_on").desc(nulls_first=True), "-id")
    )
    page = page_without_count(editions, request.GET.get("page"), per_page=50)
    context = {"form": form, "page": page, "can_plan": plans_editions(request.user)}
    if request.user.has_role(Role.TRAINER):
        context["calendar_feed"] = calendar.feed_for(request.user)
    return render(request, "education/edition_list.html", context)


@role_required(*WORKSHOP_ROLES)
def catalogue(request):
    types = WorkshopType.objects.visible_to(request.user).annotate(
        average=Avg("editions__enrolments__feedback__rating"), ratings=Count("editions__enrolments__feedback")
    )
    context = {
        "types": types,
        "trainers": trainer_ratings(request.user),
        "can_manage": request.user.has_role(*MANAGERS),
    }
    return render(request, "education/catalogue.html", context)


def trainer_ratings(user):
    """Trainers with the average rating of the editions they ran; a trainer sees only their own."""
    # Trainers who have left keep the ratings of the editions they ran.
    trainers = User.objects.holding(user.partnership_id, Role.TRAINER, include_inactive=True)
    if not user.has_role(*MANAGERS):
        trainers = trainers.filter(pk=user.pk)
    return trainers.annotate(
        editions=Count("editions_trained", distinct=True),
        average=Avg("editions_trained__enrolments__feedback__rating"),
        ratings=Count("editions_trained__enrolments__feedback"),
    )


@role_required(*MANAGERS)
def type_create(request):
    form = WorkshopTypeForm(request.POST or None, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The workshop was added to the catalogue."))
        return redirect("education:catalogue")
    return render(request, "education/type_form.html", {"form": form})


@role_required(*MANAGERS)
def type_edit(request, pk):
    workshop_type = workshop_type_for(request, pk)
    form = WorkshopTypeForm(request.POST or None, instance=workshop_type, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect("education:catalogue")
    return render(request, "education/type_form.html", {"form": form, "workshop_type": workshop_type})


def edition_form(request, instance=None) -> EditionForm:
    """The edition form; a training firm's trainer plans for the firm and with its trainers only."""
    firm = None if request.user.has_role(*MANAGERS) else request.user.training_firm_id
    return EditionForm(request.POST or None, instance=instance, partnership=request.user.partnership, firm=firm)


@role_required(*WORKSHOP_ROLES)
def edition_create(request):
    if not plans_editions(request.user):
        raise PermissionDenied
    form = edition_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.create_edition(request.user.partnership, **edition_values(form), by=request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The edition was created. Add its meetings."))
            return redirect(edition)
    return render(request, "education/edition_form.html", {"form": form})


@role_required(*WORKSHOP_ROLES)
def edition_edit(request, pk):
    edition = planned_edition_for(request, pk)
    form = edition_form(request, instance=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_edition(edition, **edition_values(form), by=request.user)
        except ValidationError as error:
            # The one refusal left for a valid form is about the capacity (below those enrolled).
            add_validation_error(form, error, field="capacity")
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(edition)
    return render(request, "education/edition_form.html", {"form": form, "edition": edition})


def edition_values(form) -> dict:
    """What the edition form gives the services, by name."""
    data = form.cleaned_data
    return {
        "workshop_type": data["workshop_type"],
        "organisation": data["organisation"],
        "place": data["place"],
        "address": data["address"],
        "gmina": data["gmina"],
        "step_free": data["step_free"],
        "capacity": data["capacity"],
        "enrolment_open": data["enrolment_open"],
        "trainers": data["trainers"],
    }


@never_cache
@role_required(*WORKSHOP_ROLES)
def edition_detail(request, pk):
    return render_edition(request, edition_for(request, pk))


def render_edition(request, edition, *, enrol_form=None, meeting_form=None, completion_form=None):
    """The edition's page; an action that failed passes its bound form so the errors show at its fields."""
    user = request.user
    can_manage = user.has_role(*MANAGERS)
    meetings = list(edition.meetings.annotate(marked=Count("attendance")))
    total = len(meetings)
    shown = [Enrolment.Status.ENROLLED, Enrolment.Status.WAITING] if can_manage else [Enrolment.Status.ENROLLED]
    rows = list(
        Enrolment.objects.visible_to(user)
        .filter(edition=edition, status__in=shown)
        .select_related("participant")
        .only(
            "edition_id", "status", "queued_at", "completed", "completion_overridden", "override_reason", *PERSON_FIELDS
        )
        .annotate(present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)))
        .order_by("queued_at", "id")
    )
    enrolled = sorted((e for e in rows if e.status == Enrolment.Status.ENROLLED), key=lambda e: e.participant.name_key)
    waiting = [e for e in rows if e.status == Enrolment.Status.WAITING]
    for enrolment in enrolled:
        enrolment.share = round(enrolment.present * 100 / total) if total else None
    feedback = Feedback.objects.filter(enrolment__edition=edition).aggregate(average=Avg("rating"), count=Count("pk"))
    context = {
        "edition": edition,
        "trainers": edition.trainers.order_by("last_name", "first_name"),
        "meetings": meetings,
        "enrolled": enrolled,
        "waiting": waiting,
        "waiting_count": len(waiting)
        if can_manage
        else edition.enrolments.filter(status=Enrolment.Status.WAITING).count(),
        "feedback": feedback,
        "can_manage": can_manage,
        "can_plan": edition.is_planned_by(user),
    }
    if context["can_plan"]:
        context["meeting_form"] = meeting_form or MeetingForm()
    if can_manage:
        context.update(
            completion_form=completion_form or CompletionForm(enrolments=enrolled_in(edition, user)),
            enrol_form=enrol_form or EnrolForm(edition=edition, user=user),
        )
    return render(request, "education/edition_detail.html", context)


def enrolled_in(edition, user):
    return Enrolment.objects.visible_to(user).filter(edition=edition, status=Enrolment.Status.ENROLLED)


@never_cache
@role_required(*MANAGERS)
def enrol_people(request, pk):
    """The people to enrol whose name (or PESEL) starts with `?q=`, for the enrol form's chooser as you type."""
    edition = edition_for(request, pk)
    return chooser_options(request, EnrolForm(edition=edition, user=request.user)["participant"])


@require_POST
@role_required(*WORKSHOP_ROLES)
def meeting_add(request, pk):
    edition = planned_edition_for(request, pk)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.add_meeting(
                edition,
                starts_at=form.starts_at(),
                ends_at=form.ends_at(),
                room=form.cleaned_data["room"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The meeting was added."))
            return back_to(edition)
    return render_edition(request, edition, meeting_form=form)


@require_POST
@role_required(*MANAGERS)
def enrol(request, pk):
    edition = edition_for(request, pk)
    form = EnrolForm(request.POST, edition=edition, user=request.user)
    if form.is_valid():
        person = form.cleaned_data["participant"]
        try:
            enrolment = services.enrol(edition, person, by=request.user)
        except ValidationError as error:
            add_validation_error(form, error, field="participant")
        else:
            if enrolment.status == Enrolment.Status.ENROLLED:
                messages.success(request, _("%(name)s is enrolled.") % {"name": person})
            else:
                messages.success(request, _("The edition is full: %(name)s is on the waiting list.") % {"name": person})
            return back_to(edition)
    return render_edition(request, edition, enrol_form=form)


@require_POST
@role_required(*MANAGERS)
def withdraw(request, pk, enrolment_pk):
    edition = edition_for(request, pk)
    enrolment = enrolment_for(request, enrolment_pk, edition=edition)
    if not is_confirmed(request):
        return ask_to_confirm(
            request,
            question=_("Withdraw %(name)s from %(edition)s?") % {"name": enrolment.participant, "edition": edition},
            consequence=_("The place goes to the first person waiting; a withdrawal cannot be undone."),
            confirm_label=_("Yes, withdraw"),
            back_url=edition.get_absolute_url(),
        )
    try:
        moved_up = services.withdraw(enrolment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was withdrawn.") % {"name": enrolment.participant})
        if moved_up is not None:
            messages.success(
                request, _("%(name)s moved up from the waiting list and has a place.") % {"name": moved_up.participant}
            )
    return back_to(edition)


@require_POST
@role_required(*MANAGERS)
def completion_override(request, pk):
    edition = edition_for(request, pk)
    form = CompletionForm(request.POST, enrolments=enrolled_in(edition, request.user))
    if form.is_valid():
        enrolment = form.cleaned_data["enrolment"]
        try:
            services.override_completion(
                enrolment, completed=form.cleaned_data["completed"], reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request, _("The decision on completion was saved for %(name)s.") % {"name": enrolment.participant}
            )
            return back_to(edition)
    return render_edition(request, edition, completion_form=form)


@never_cache
@role_required(*WORKSHOP_ROLES)
def attendance(request, pk, meeting_pk):
    edition = edition_for(request, pk)
    meeting = get_object_or_404(edition.meetings.all(), pk=meeting_pk)
    enrolments = (
        Enrolment.objects.visible_to(request.user)
        .filter(edition=edition, status=Enrolment.Status.ENROLLED)
        .select_related("participant")
        .only("edition_id", "status", *PERSON_FIELDS)
        .order_by("participant__name_key", "id")
    )
    marked = dict(Attendance.objects.filter(meeting=meeting).values_list("enrolment_id", "status"))
    form = AttendanceForm(request.POST if request.method == "POST" else None, enrolments=enrolments, marked=marked)
    if form.is_valid():
        try:
            services.mark_attendance(meeting, form.marks(), by=request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The attendance was saved."))
            return redirect(edition)
    context = {"edition": edition, "meeting": meeting, "form": form}
    if not meeting.has_started():
        # No form before the meeting starts: the page says when attendance can be recorded.
        context["not_started"] = not_started_message(meeting.starts_at)
    return render(request, "education/attendance.html", context)
