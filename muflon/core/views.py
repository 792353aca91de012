"""The staff dashboard, the audit log browser and the health check (the public home page is the portal's)."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from muflon.accounts.access import role_required
from muflon.accounts.models import Role
from muflon.core.forms import AuditFilterForm
from muflon.core.models import AuditEntry
from muflon.core.paging import page_without_count


@login_required
def dashboard(request):
    from muflon.people import dashboard as people_dashboard

    if request.user.roles == {Role.PARTICIPANT}:
        return redirect("me:home")
    context = {
        "figures": people_dashboard.figures(request.user),
        "tasks": people_dashboard.open_tasks(request.user),
    }
    return render(request, "core/dashboard.html", context)


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@role_required(Role.ADMIN)
def audit_log(request):
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.visible_to(request.user).select_related("content_type")
    if form.is_valid():
        entries = form.filter(entries)
    page = page_without_count(entries, request.GET.get("page"), per_page=50)
    return render(request, "core/audit_log.html", {"form": form, "page": page})
