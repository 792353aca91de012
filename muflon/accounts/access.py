"""Role checks for views, and the access helpers of the accounts area."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from muflon.accounts.models import Organisation, User
from muflon.core.access import get_visible_or_404


def role_required(*roles):
    """Let in logged-in users holding one of `roles`; others are sent to log in or refused (403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# One access helper per model: the row if the user may see it, 404 for another partnership's or a hidden row.


def user_for(request, pk) -> User:
    return get_visible_or_404(User.objects, request.user, pk=pk)


def organisation_for(request, pk) -> Organisation:
    return get_visible_or_404(Organisation.objects, request.user, pk=pk)
