"""Staff pages of the people area: the list, registration, a person's page and the steps of the path."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from muflon.accounts.access import role_required
from muflon.accounts.models import CASE_NOTE_WRITERS, MANAGERS, PARTICIPANT_READERS, PLAN_WRITERS, User
from muflon.core.access import get_visible_or_404
from muflon.core.forms import add_validation_error
from muflon.core.next_page import redirect_to_next
from muflon.core.paging import page_without_count
from muflon.core.related import attach_related, load_nested, load_related, sorted_by_meta
from muflon.people import listing, person_page, services
from muflon.people.access import (
    FULL,
    candidate_for,
    consent_for,
    detail_level,
    follow_up_for,
    participant_for,
    task_for,
)
from muflon.people.filters import ParticipantFilterForm
from muflon.people.forms import (
    AssessmentForm,
    CaseNoteForm,
    ConsentForm,
    DeclineForm,
    EligibilityForm,
    FollowUpForm,
    ParticipantForm,
    PlanForm,
    PlanItemFormSet,
    ReferralForm,
    RegistrationConsentForm,
    StageForm,
    TaskForm,
    WithdrawConsentForm,
    plan_forms_with_one_more_item,
)
from muflon.people.models import Candidate, EligibilityGround, Participant, Task
from muflon.people.plan_links import plan_item_links
from muflon.people.timeline import items_html as timeline_html
from muflon.people.timeline import timeline


def errors_as_text(form) -> str:
    """A form's errors in one line, each after its field's label, for forms shown inline on a page."""
    return " ".join(
        f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
        for name, errors in form.errors.items()
    )


@never_cache
@role_required(*PARTICIPANT_READERS)
def participant_list(request):
    level = detail_level(request.user)
    form = ParticipantFilterForm(
        request.POST or request.GET or None, partnership=request.user.partnership_id, level=level
    )
    people = Participant.objects.visible_to(request.user)
    if form.is_valid():
        if request.method == "GET" and form.cleaned_data["q"] and form.is_pesel_query():
            messages.error(request, _("Search by PESEL with the search form, not in the web address."))
            return redirect("people:list")
        people = form.filter(people)
    page = page_without_count(people, request.GET.get("page"), per_page=50, rows=listing.for_rows)
    context = {
        "form": form,
        "page": page,
        "columns": listing.columns(level),
        "rows": listing.rows(page.rows, level),
        "can_export": request.user.has_role(*MANAGERS),
    }
    return render(request, "people/participant_list.html", context)


@role_required(*MANAGERS)
def participant_export(request, file_format):
    from muflon.people.export import export_participants

    level = detail_level(request.user)
    form = ParticipantFilterForm(request.GET or None, partnership=request.user.partnership_id, level=level)
    people = Participant.objects.visible_to(request.user).select_related("gmina", "case_worker")
    if form.is_valid():
        if form.cleaned_data["q"] and form.is_pesel_query():
            raise PermissionDenied
        people = form.filter(people)
    return export_participants(people, file_format, level=level)


@role_required(*MANAGERS)
def participant_create(request):
    partnership = request.user.partnership
    candidate = None
    if request.GET.get("candidate") or request.POST.get("candidate"):
        candidate = candidate_for(
            request, request.GET.get("candidate") or request.POST.get("candidate"), status=Candidate.Status.NEW
        )
    initial = candidate_initial(candidate) if candidate else {}
    form = ParticipantForm(request.POST or None, partnership=partnership, initial=initial)
    referral_form = ReferralForm(
        request.POST or None, partnership=partnership, prefix="referral", initial={"source": "own"} if candidate else {}
    )
    consent_form = RegistrationConsentForm(request.POST or None, prefix="consent")
    if request.method == "POST" and all([form.is_valid(), referral_form.is_valid(), consent_form.is_valid()]):
        participant = form.save(commit=False)
        try:
            consents = consent_form.consents(participant.joined_on)
            referral = referral_form.save(commit=False)
            if candidate:
                services.accept_candidate(candidate, participant, referral=referral, consents=consents, by=request.user)
            else:
                services.register_participant(participant, referral=referral, consents=consents, by=request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The participant was registered."))
            return redirect(participant)
    context = {"form": form, "referral_form": referral_form, "consent_form": consent_form, "candidate": candidate}
    return render(request, "people/participant_form.html", context)


def candidate_initial(candidate):
    return {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "phone": candidate.phone,
        "email": candidate.email,
        "gmina": candidate.gmina_id,
    }


@never_cache
@role_required(*PARTICIPANT_READERS)
def participant_detail(request, pk):
    level = detail_level(request.user)
    if level == FULL:
        context = full_detail_context(request, pk)
    else:
        participant = participant_for(request, pk)
        context = {"participant": participant, "transitions": participant.transitions.all()}
    context["level"] = level
    return render(request, "people/participant_detail.html", with_sections(request, context))


def full_detail_context(request, pk):
    participant = get_visible_or_404(Participant.objects.select_related("gmina", "case_worker"), request.user, pk=pk)
    load_person_records(participant)
    assessments = list(participant.assessments.all())
    plans = list(participant.plans.all())
    plan = max(plans, key=lambda plan: plan.version, default=None)
    notes = list(participant.notes.all()[:20])
    tasks = sorted_by_meta(list(participant.tasks.filter(done_on__isnull=True).order_by()), Task)
    attach_related(
        User.objects.only(*User.NAME_FIELDS),
        [
            (participant.transitions.all(), "moved_by"),
            (assessments, "assessed_by"),
            (plans, "created_by"),
            (plan.items.all() if plan else [], "responsible"),
            (notes, "author"),
            (tasks, "assignee"),
        ],
    )
    return {
        "participant": participant,
        "timeline": timeline_html(timeline(participant)),
        "eligibility": participant.eligibility_on(timezone.localdate()),
        "plan": plan,
        "assessments": assessments,
        "barrier_table": barrier_table(assessments),
        "consents": participant.consents.all(),
        "notes": notes,
        "tasks": tasks,
        "stage_form": StageForm(participant=participant),
        "note_form": CaseNoteForm(),
        "task_form": TaskForm(partnership=request.user.partnership_id),
        "can_manage": request.user.has_role(*MANAGERS),
    }


def load_person_records(participant) -> None:
    """Everything the page shows of a person, one query per kind of record (`core.related.load_related`); the
    staff named on them come from one more (`attach_related`), with only the columns a name needs."""
    for relation in ("transitions", "consents", "follow_ups"):
        load_related(participant, relation)
    load_related(participant, "referrals", select_related=["organisation"])
    load_related(participant, "eligibility_grounds", select_related=["category"])
    load_nested(load_related(participant, "assessments"), "scores")
    load_nested(load_related(participant, "plans"), "items")


def with_sections(request, context):
    """The context with the sections other areas add to the page (`people.person_page`)."""
    return {**context, "sections": person_page.sections(request, context["participant"], context, page="staff")}


def barrier_table(assessments):
    """Rows of (area, [severity per assessment, oldest first]) to compare re-assessments."""
    from muflon.people.models import BarrierScore

    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.pk))
    scores = {(a.pk, s.area): s for a in ordered for s in a.scores.all()}
    return {
        "dates": [a.assessed_on for a in ordered],
        "rows": [(area.label, [scores.get((a.pk, area.value)) for a in ordered]) for area in BarrierScore.Area],
    }


@role_required(*MANAGERS)
def participant_edit(request, pk):
    participant = participant_for(request, pk)
    form = ParticipantForm(request.POST or None, instance=participant, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect(participant)
    return render(request, "people/participant_form.html", {"form": form, "participant": participant})


@require_POST
@role_required(*MANAGERS)
def participant_move(request, pk):
    participant = participant_for(request, pk)
    form = StageForm(request.POST, participant=participant)
    if form.is_valid():
        try:
            services.move_to_stage(
                participant,
                form.cleaned_data["to_stage"],
                on=form.cleaned_data["moved_on"],
                by=request.user,
                exit_reason=form.cleaned_data["exit_reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The stage was changed."))
            return redirect(participant)
    # The person's page again, with the form as it was sent and its errors at their fields.
    context = {"level": FULL, **full_detail_context(request, pk), "stage_form": form}
    context = with_sections(request, context)
    return render(request, "people/participant_detail.html", context)


@role_required(*PLAN_WRITERS)
def participant_assess(request, pk):
    participant = participant_for(request, pk)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_assessment(
                participant,
                assessed_on=form.cleaned_data["assessed_on"],
                scores=form.scores(),
                strengths=form.cleaned_data["strengths"],
                interests=form.cleaned_data["interests"],
                business_idea=form.cleaned_data["business_idea"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The diagnosis was saved."))
            return redirect(participant)
    return render(request, "people/assessment_form.html", {"form": form, "participant": participant})


@role_required(*PLAN_WRITERS)
def participant_plan(request, pk):
    participant = participant_for(request, pk)
    partnership = request.user.partnership
    current = services.current_plan(participant)
    items = list(current.items.all()) if current else []
    linked = {link.name: link.initial(items) for link in plan_item_links()}
    initial_items = [
        {
            "kind": i.kind,
            "description": i.description,
            "target_date": i.target_date,
            "responsible": i.responsible_id,
            "status": i.status,
            **{name: values.get(i.pk) for name, values in linked.items()},
        }
        for i in items
    ]
    if request.method == "POST" and "add_item" in request.POST:
        # One more blank form of support, with everything typed so far kept and nothing saved or judged yet.
        form, formset = plan_forms_with_one_more_item(request.POST, partnership)
        history = participant.plans.select_related("created_by").prefetch_related("items__responsible")
        context = {"form": form, "formset": formset, "participant": participant, "history": history}
        return render(request, "people/plan_form.html", context)
    form = PlanForm(request.POST or None, initial={"goals": current.goals} if current else None)
    formset = PlanItemFormSet(
        request.POST or None, initial=initial_items or None, prefix="items", form_kwargs={"partnership": partnership}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        services.revise_plan(participant, goals=form.cleaned_data["goals"], items=formset.items(), by=request.user)
        messages.success(request, _("The support plan was saved as a new version."))
        return redirect(participant)
    history = participant.plans.select_related("created_by").prefetch_related("items__responsible")
    context = {"form": form, "formset": formset, "participant": participant, "history": history}
    return render(request, "people/plan_form.html", context)


@role_required(*MANAGERS)
def participant_consents(request, pk):
    participant = participant_for(request, pk)
    form = ConsentForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.give_consent(
                participant,
                form.cleaned_data["purpose"],
                on=form.cleaned_data["given_on"],
                method=form.cleaned_data["method"],
                by=request.user,
            )
        except ValidationError as error:
            add_validation_error(form, error, field="purpose")
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("people:consents", pk=participant.pk)
    context = {"form": form, "participant": participant, "consents": participant.consents.all()}
    return render(request, "people/consents.html", context)


@require_POST
@role_required(*MANAGERS)
def consent_withdraw(request, pk, consent_pk):
    participant = participant_for(request, pk)
    consent = consent_for(request, consent_pk, participant=participant)
    withdraw = WithdrawConsentForm(request.POST)
    if withdraw.is_valid():
        try:
            services.withdraw_consent(consent, on=withdraw.cleaned_data["withdrawn_on"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The withdrawal was recorded and is respected from now on."))
    else:
        messages.error(request, _("Give a valid date of withdrawal."))
    return redirect("people:consents", pk=participant.pk)


@role_required(*MANAGERS)
def participant_referral(request, pk):
    participant = participant_for(request, pk)
    form = ReferralForm(request.POST or None, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        referral = form.save(commit=False)
        referral.participant = participant
        referral.save()
        messages.success(request, _("The referral was recorded."))
        return redirect(participant)
    return render(
        request, "people/simple_form.html", {"form": form, "participant": participant, "title": _("Add a referral")}
    )


@role_required(*MANAGERS)
def participant_eligibility(request, pk):
    participant = participant_for(request, pk)
    form = EligibilityForm(request.POST or None, instance=EligibilityGround(participant=participant))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The legal ground was recorded."))
        return redirect(participant)
    return render(
        request,
        "people/simple_form.html",
        {"form": form, "participant": participant, "title": _("Add a legal ground of exclusion")},
    )


@require_POST
@role_required(*CASE_NOTE_WRITERS)
def participant_note(request, pk):
    participant = participant_for(request, pk)
    form = CaseNoteForm(request.POST)
    if form.is_valid():
        note = form.save(commit=False)
        note.participant, note.author = participant, request.user
        note.save()
        messages.success(request, _("The note was saved."))
    else:
        messages.error(request, _("The note is empty."))
    return redirect(participant)


@require_POST
@role_required(*CASE_NOTE_WRITERS)
def participant_task(request, pk):
    participant = participant_for(request, pk)
    form = TaskForm(request.POST, partnership=request.user.partnership)
    if form.is_valid():
        task = form.save(commit=False)
        task.participant, task.created_by = participant, request.user
        task.save()
        messages.success(request, _("The task was added."))
    else:
        messages.error(request, errors_as_text(form))
    return redirect(participant)


@require_POST
@role_required(*CASE_NOTE_WRITERS)
def task_done(request, task_pk):
    task = task_for(request, task_pk, done_on__isnull=True)
    task.done_on = timezone.localdate()
    task.save(update_fields=["done_on", "updated_at"])
    messages.success(request, _("The task is done."))
    return redirect_to_next(request, "shell:dashboard")


@role_required(*MANAGERS)
def follow_up_list(request):
    today = timezone.localdate()
    week_start = today - datetime.timedelta(days=today.weekday())
    due = services.follow_ups_due(request.user.partnership, week_start)
    page = page_without_count(due, request.GET.get("page"), per_page=50)
    return render(request, "people/follow_up_list.html", {"page": page, "week_start": week_start, "today": today})


@role_required(*MANAGERS)
def follow_up_record(request, follow_up_pk):
    follow_up = follow_up_for(request, follow_up_pk)
    form = FollowUpForm(request.POST or None, instance=follow_up)
    if request.method == "POST" and form.is_valid():
        recorded = form.save(commit=False)
        recorded.recorded_by = request.user
        recorded.save()
        messages.success(request, _("The follow-up was recorded."))
        return redirect("people:follow_ups")
    return render(
        request,
        "people/simple_form.html",
        {
            "form": form,
            "participant": follow_up.participant,
            "title": _("Follow-up: %(kind)s") % {"kind": follow_up.get_kind_display()},
        },
    )


@role_required(*MANAGERS)
def candidate_queue(request):
    candidates = (
        Candidate.objects.visible_to(request.user)
        .filter(status=Candidate.Status.NEW)
        .select_related("gmina")
        .annotate(repeat_count=Count("repeats"), last_repeated_at=Max("repeats__signed_up_at"))
    )
    page = page_without_count(candidates, request.GET.get("page"), per_page=50)
    return render(request, "people/candidate_queue.html", {"page": page, "decline_form": DeclineForm()})


@require_POST
@role_required(*MANAGERS)
def candidate_decline(request, candidate_pk):
    candidate = candidate_for(request, candidate_pk)
    form = DeclineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Give the reason for declining."))
        services.decline_candidate(candidate, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The sign-up was declined."))
    return redirect("people:queue")
