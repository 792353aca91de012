"""The audit log browser and the health check (the dashboard is the shell's, the home page the portal's)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from muflon.core.audit_display import shown_changes
from muflon.core.forms import AuditFilterForm
from muflon.core.models import AuditEntry
from muflon.core.paging import page_without_count


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


@login_required
def audit_log(request):
    if not request.user.reads_audit_log:
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.visible_to(request.user).select_related("content_type")
    if form.is_valid():
        entries = form.filter(entries)
    page = page_without_count(entries, request.GET.get("page"), per_page=50)
    shown_changes(page.rows)
    return render(request, "core/audit_log.html", {"form": form, "page": page})
