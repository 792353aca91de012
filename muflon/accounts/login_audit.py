"""Audit entries for logins, logouts and failed logins."""

from muflon.core import audit
from muflon.core.models import AuditEntry


def client_address(request):
    return request.META.get("REMOTE_ADDR") if request is not None else None


def record_login(sender, request, user, **kwargs):
    audit.record(AuditEntry.Action.LOGIN, obj=user, actor=user, ip_address=client_address(request))


def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(AuditEntry.Action.LOGOUT, obj=user, actor=user, ip_address=client_address(request))


def record_login_failure(sender, credentials, request=None, **kwargs):
    """A failed login is logged for the partnership of the named user, if such a user exists."""
    from muflon.accounts.models import User

    username = str(credentials.get("username", ""))[:150]
    user = User.objects.filter(username=username).only("pk", "partnership_id").first()
    audit.record(
        AuditEntry.Action.LOGIN_FAILED,
        actor_label=username,
        partnership_id=user.partnership_id if user else None,
        obj=user,
        ip_address=client_address(request),
    )
