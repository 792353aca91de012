"""Middleware that tells the audit log who acts in the current request."""

from muflon.core import audit


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = audit.set_context(user, request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            audit.reset_context(token)
