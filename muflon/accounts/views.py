"""Staff pages of the accounts area: users and roles, organisations, background tasks that keep failing."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from muflon.accounts.access import organisation_for, role_required, user_for
from muflon.accounts.forms import OrganisationForm, UserForm
from muflon.accounts.models import STAFF_ROLES, Organisation, Role, User
from muflon.accounts.services import save_user_with_roles, send_password_setup
from muflon.core.paging import page_without_count
from muflon.core.tasks import FailingJob, failing_jobs


@role_required(Role.ADMIN)
def user_list(request):
    users = User.objects.visible_to(request.user).select_related("organisation").prefetch_related("role_assignments")
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    page = page_without_count(users, request.GET.get("page"), per_page=50)
    return render(request, "accounts/user_list.html", {"page": page, "query": query})


@role_required(Role.ADMIN)
def user_create(request):
    form = UserForm(request.POST or None, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        user = save_user_with_roles(form.save(commit=False), form.cleaned_data["roles"], by=request.user)
        send_password_setup(user, domain=request.get_host(), use_https=request.is_secure())
        messages.success(request, _("The user was added and got an e-mail to set a password."))
        return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form})


@role_required(Role.ADMIN)
def user_edit(request, pk):
    user = user_for(request, pk)
    form = UserForm(request.POST or None, instance=user, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        save_user_with_roles(form.save(commit=False), form.cleaned_data["roles"], by=request.user)
        messages.success(request, _("The changes were saved."))
        return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form, "edited": user})


@role_required(*STAFF_ROLES)
def organisation_list(request):
    organisations = Organisation.objects.visible_to(request.user).select_related("gmina")
    page = page_without_count(organisations, request.GET.get("page"), per_page=50)
    return render(request, "accounts/organisation_list.html", {"page": page})


@role_required(Role.ADMIN)
def organisation_create(request):
    return organisation_form(request, Organisation(partnership=request.user.partnership))


@role_required(Role.ADMIN)
def organisation_edit(request, pk):
    return organisation_form(request, organisation_for(request, pk))


def organisation_form(request, organisation):
    form = OrganisationForm(request.POST or None, instance=organisation, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The organisation was saved."))
        return redirect("accounts:organisation_list")
    return render(request, "accounts/organisation_form.html", {"form": form, "edited": organisation.pk})


@role_required(Role.ADMIN)
def failing_task_list(request):
    """Background jobs of the partnership that failed or whose worker died: e-mails that may not have gone out.

    Jobs are installation-wide rows; a partnership's administrator sees only those carrying the partnership's id,
    installation superusers every job in Django's admin.
    """
    page = page_without_count(
        failing_jobs(partnership_id=request.user.partnership_id), request.GET.get("page"), per_page=50
    )
    page.rows = [FailingJob.of(job) for job in page.rows]
    context = {"page": page, "max_attempts": settings.MUFLON_TASK_MAX_ATTEMPTS}
    return render(request, "accounts/failing_task_list.html", context)
