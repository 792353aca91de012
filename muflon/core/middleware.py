"""Middleware: who acts in the current request (for the audit log), the headers every response carries, requests
refused before any view (a NUL character), and "busy, try again"."""

from django.core.exceptions import BadRequest
from django.db import OperationalError
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from muflon.core import audit

# No page of ours uses these browser features; a script injected into one could not either.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; and whatever a logged-in person gets (a page, an export, a PDF) is
    never stored by the browser or a proxy (`Cache-Control: no-store`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Kept public pages are answered before authentication runs: they have no `user` and need no change.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class NullCharacterMiddleware:
    """A request whose address, query or form fields hold a NUL character is refused (400) before any view: nobody
    types one, PostgreSQL can neither store nor compare one, and a view that reads a parameter by hand (a search
    box, a code in the address) would pass it on to a query (a 500 there). Uploaded files keep their bytes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if holds_null_character(request):
            raise BadRequest("A NUL character in the address or the form.")
        return self.get_response(request)


def holds_null_character(request) -> bool:
    sent = [request.GET, request.POST] if request.method == "POST" else [request.GET]
    return "\x00" in request.path or any(
        "\x00" in name or any("\x00" in value for value in values) for data in sent for name, values in data.lists()
    )


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


def is_busy_database(error: Exception) -> bool:
    """A write that waited for the lock longer than the database allows: SQLite's busy timeout, or
    PostgreSQL's lock_timeout (SQLSTATE 55P03) where one is set."""
    if not isinstance(error, OperationalError):
        return False
    cause = getattr(error, "__cause__", None)
    return "database is locked" in str(error) or getattr(cause, "sqlstate", None) == "55P03"


class BusyDatabaseMiddleware:
    """A request that could not get the write lock in time gets "busy, try again" (503, Retry-After), not a
    500: its transaction was rolled back, so sending it again is safe."""

    RETRY_AFTER_SECONDS = 5

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy_database(exception):
            return None
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        return response
