"""Staff pages of the cooperatives area: founding groups (members, what the act still asks, registration) and the
registry of cooperatives (members, jobs, status, warnings, quarterly reports)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from muflon.accounts.access import role_required
from muflon.accounts.models import COOPERATIVE_ROLES
from muflon.cooperatives import services
from muflon.cooperatives.access import cooperative_for, cooperative_member_for, group_for, job_for, member_for
from muflon.cooperatives.forms import (
    EndJobForm,
    GroupForm,
    JobForm,
    JoinForm,
    LeaveForm,
    LegalMemberForm,
    LegalPersonForm,
    MemberForm,
    MemberLeaveForm,
    RegistrationForm,
    ReportForm,
    StatusForm,
)
from muflon.cooperatives.models import Cooperative, FoundingGroup
from muflon.core.chooser import chooser_options
from muflon.core.forms import add_validation_error
from muflon.core.paging import page_without_count
from muflon.people.path import Stage

PER_PAGE = 50


@never_cache
@role_required(*COOPERATIVE_ROLES)
def group_list(request):
    groups = FoundingGroup.objects.visible_to(request.user).select_related("gmina", "advisor")
    groups = groups.annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
    page = page_without_count(groups, request.GET.get("page"), per_page=PER_PAGE)
    return render(request, "cooperatives/group_list.html", {"page": page})


@never_cache
@role_required(*COOPERATIVE_ROLES)
def group_create(request):
    user = request.user
    form = GroupForm(request.POST or None, partnership_id=user.partnership_id, user=user)
    if request.method == "POST" and form.is_valid():
        values = {"advisor": user, **form.cleaned_data}  # an advisor's form has no advisor field: their own
        try:
            group = services.form_group(user.partnership, by=user, **values)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The founding group was created."))
            return redirect("cooperatives:group", pk=group.pk)
    context = {"form": form, "title": _("New founding group"), "back": reverse("cooperatives:groups")}
    return render(request, "cooperatives/form.html", context)


@never_cache
@role_required(*COOPERATIVE_ROLES)
def group_edit(request, pk):
    group = group_for(request, pk)
    form = GroupForm(request.POST or None, instance=group, partnership_id=group.partnership_id, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return redirect("cooperatives:group", pk=group.pk)
    back = reverse("cooperatives:group", args=[group.pk])
    return render(request, "cooperatives/form.html", {"form": form, "title": _("Edit the group"), "back": back})


@never_cache
@role_required(*COOPERATIVE_ROLES)
def group_detail(request, pk):
    return render_group(request, group_for(request, pk))


def render_group(request, group, *, join_form=None, legal_form=None, registration_form=None):
    members = group.members.select_related("participant", "organisation")
    forming = group.status == FoundingGroup.Status.FORMING
    context = {
        "group": group,
        "members": members,
        "findings": services.composition(group),
        "judged_on": group.judged_on(),
        "join_form": (join_form or JoinForm(group=group, user=request.user)) if forming else None,
        "legal_form": (legal_form or LegalPersonForm(user=request.user)) if forming else None,
        "registration_form": (registration_form or RegistrationForm()) if forming else None,
        "cooperative": Cooperative.objects.filter(group=group).first(),
    }
    return render(request, "cooperatives/group_detail.html", context)


@never_cache
@role_required(*COOPERATIVE_ROLES)
def join_people(request, pk):
    """The people who may join, whose name (or PESEL) starts with `?q=`, for the chooser as you type."""
    group = group_for(request, pk)
    return chooser_options(request, JoinForm(group=group, user=request.user)["participant"])


@require_POST
@role_required(*COOPERATIVE_ROLES)
def join(request, pk):
    group = group_for(request, pk)
    form = JoinForm(request.POST, group=group, user=request.user)
    if form.is_valid():
        person = form.cleaned_data["participant"]
        try:
            services.add_participant(group, person, on=form.cleaned_data["joined_on"], by=request.user)
        except ValidationError as error:
            add_validation_error(form, error, field="participant")
        else:
            messages.success(request, _("%(name)s joined the group.") % {"name": person})
            return redirect("cooperatives:group", pk=group.pk)
    return render_group(request, group, join_form=form)


@require_POST
@role_required(*COOPERATIVE_ROLES)
def legal_person_join(request, pk):
    group = group_for(request, pk)
    form = LegalPersonForm(request.POST, user=request.user)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.add_legal_person(group, organisation, on=form.cleaned_data["joined_on"], by=request.user)
        except ValidationError as error:
            add_validation_error(form, error, field="organisation")
        else:
            messages.success(request, _("%(name)s joined the group.") % {"name": organisation})
            return redirect("cooperatives:group", pk=group.pk)
    return render_group(request, group, legal_form=form)


@never_cache
@role_required(*COOPERATIVE_ROLES)
def leave(request, pk):
    member = member_for(request, pk)
    if member.left_on is not None:
        messages.error(request, _("This member has already left the group."))
        return redirect("cooperatives:group", pk=member.group_id)
    form = LeaveForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.remove_member(
                member,
                on=data["left_on"],
                by=request.user,
                next_stage=data.get("next_stage") or Stage.IN_SUPPORT,
                exit_reason=data.get("exit_reason", ""),
            )
        except ValidationError as error:
            add_validation_error(form, error, field="left_on")
        else:
            messages.success(request, _("%(name)s left the group.") % {"name": member})
            return redirect("cooperatives:group", pk=member.group_id)
    context = {
        "form": form,
        "title": _("%(name)s leaves the group") % {"name": member},
        "back": reverse("cooperatives:group", args=[member.group_id]),
    }
    return render(request, "cooperatives/form.html", context)


@require_POST
@role_required(*COOPERATIVE_ROLES)
def register(request, pk):
    group = group_for(request, pk)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        values = dict(form.cleaned_data)
        try:
            cooperative = services.register_cooperative(
                group, registered_on=values.pop("registered_on"), by=request.user, **values
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The cooperative was registered; its founders are its members."))
            return redirect("cooperatives:cooperative", pk=cooperative.pk)
    return render_group(request, group, registration_form=form)


@never_cache
@role_required(*COOPERATIVE_ROLES)
def cooperative_list(request):
    cooperatives = Cooperative.objects.visible_to(request.user).select_related("gmina")
    cooperatives = cooperatives.annotate(member_count=Count("members", filter=Q(members__left_on__isnull=True)))
    page = page_without_count(cooperatives, request.GET.get("page"), per_page=PER_PAGE)
    return render(request, "cooperatives/cooperative_list.html", {"page": page})


@never_cache
@role_required(*COOPERATIVE_ROLES)
def cooperative_detail(request, pk):
    return render_cooperative(request, cooperative_for(request, pk))


def render_cooperative(
    request, cooperative, *, job_form=None, status_form=None, member_form=None, legal_form=None, report_form=None
):
    context = {
        "cooperative": cooperative,
        "reports": cooperative.reports.all(),
        "missing_reports": services.missing_reports(cooperative),
        "report_form": report_form or ReportForm(),
        "member_form": member_form or MemberForm(cooperative=cooperative, user=request.user),
        "legal_form": legal_form or LegalMemberForm(user=request.user),
        "warnings": services.cooperative_warnings(cooperative),
        "status_form": status_form or StatusForm(),
        "members": cooperative.members.select_related("participant", "organisation"),
        "jobs": cooperative.jobs.select_related("participant"),
        "summary": services.jobs_summary(cooperative),
        "job_form": job_form or JobForm(cooperative=cooperative, user=request.user),
    }
    return render(request, "cooperatives/cooperative_detail.html", context)


@never_cache
@role_required(*COOPERATIVE_ROLES)
def cooperative_people(request, pk):
    """The people who may take a job or become members, whose name (or PESEL) starts with `?q=`, for the chooser
    as you type."""
    cooperative = cooperative_for(request, pk)
    return chooser_options(request, JobForm(cooperative=cooperative, user=request.user)["participant"])


@require_POST
@role_required(*COOPERATIVE_ROLES)
def job_add(request, pk):
    cooperative = cooperative_for(request, pk)
    form = JobForm(request.POST, cooperative=cooperative, user=request.user)
    if form.is_valid():
        values = dict(form.cleaned_data)
        person = values.pop("participant")
        try:
            services.employ(cooperative, person, by=request.user, **values)
        except ValidationError as error:
            add_validation_error(form, error, field="participant")
        else:
            messages.success(request, _("The job of %(name)s was recorded.") % {"name": person})
            return redirect("cooperatives:cooperative", pk=cooperative.pk)
    return render_cooperative(request, cooperative, job_form=form)


@never_cache
@role_required(*COOPERATIVE_ROLES)
def job_end(request, pk):
    job = job_for(request, pk)
    form = EndJobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.end_job(
                job, on=data["ends_on"], by=request.user, next_stage=data["next_stage"], exit_reason=data["exit_reason"]
            )
        except ValidationError as error:
            add_validation_error(form, error, field="ends_on")
        else:
            messages.success(request, _("The end of the job was recorded."))
            return redirect("cooperatives:cooperative", pk=job.cooperative_id)
    context = {
        "form": form,
        "title": _("The job of %(name)s ends") % {"name": job.participant},
        "back": reverse("cooperatives:cooperative", args=[job.cooperative_id]),
    }
    return render(request, "cooperatives/form.html", context)


@require_POST
@role_required(*COOPERATIVE_ROLES)
def status_change(request, pk):
    cooperative = cooperative_for(request, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.change_status(
                cooperative, form.cleaned_data["status"], on=form.cleaned_data["status_since"], by=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error, field="status")
        else:
            messages.success(request, _("The status was changed."))
            return redirect("cooperatives:cooperative", pk=cooperative.pk)
    return render_cooperative(request, cooperative, status_form=form)


@require_POST
@role_required(*COOPERATIVE_ROLES)
def member_add(request, pk):
    cooperative = cooperative_for(request, pk)
    form = MemberForm(request.POST, cooperative=cooperative, user=request.user)
    if form.is_valid():
        person = form.cleaned_data["participant"]
        try:
            services.admit_member(cooperative, participant=person, on=form.cleaned_data["joined_on"], by=request.user)
        except ValidationError as error:
            add_validation_error(form, error, field="participant")
        else:
            messages.success(request, _("%(name)s became a member.") % {"name": person})
            return redirect("cooperatives:cooperative", pk=cooperative.pk)
    return render_cooperative(request, cooperative, member_form=form)


@require_POST
@role_required(*COOPERATIVE_ROLES)
def legal_member_add(request, pk):
    cooperative = cooperative_for(request, pk)
    form = LegalMemberForm(request.POST, user=request.user)
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            services.admit_member(
                cooperative, organisation=organisation, on=form.cleaned_data["joined_on"], by=request.user
            )
        except ValidationError as error:
            add_validation_error(form, error, field="organisation")
        else:
            messages.success(request, _("%(name)s became a member.") % {"name": organisation})
            return redirect("cooperatives:cooperative", pk=cooperative.pk)
    return render_cooperative(request, cooperative, legal_form=form)


@never_cache
@role_required(*COOPERATIVE_ROLES)
def member_leave(request, pk):
    member = cooperative_member_for(request, pk)
    form = MemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leaves(member, on=form.cleaned_data["left_on"], by=request.user)
        except ValidationError as error:
            add_validation_error(form, error, field="left_on")
        else:
            messages.success(request, _("%(name)s left the cooperative.") % {"name": member})
            return redirect("cooperatives:cooperative", pk=member.cooperative_id)
    context = {
        "form": form,
        "title": _("%(name)s leaves the cooperative") % {"name": member},
        "back": reverse("cooperatives:cooperative", args=[member.cooperative_id]),
    }
    return render(request, "cooperatives/form.html", context)


@require_POST
@role_required(*COOPERATIVE_ROLES)
def report_add(request, pk):
    cooperative = cooperative_for(request, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.submit_report(cooperative, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, _("The quarterly report was saved."))
            return redirect("cooperatives:cooperative", pk=cooperative.pk)
    return render_cooperative(request, cooperative, report_form=form)
