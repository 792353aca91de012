"""Named actions on accounts: saving a user together with their roles, inviting a new user."""

from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.utils.crypto import get_random_string

from muflon.accounts.models import RoleAssignment, User


@transaction.atomic
def save_user_with_roles(user: User, roles, *, by: User) -> User:
    """Save the user and make their roles exactly `roles`; all or nothing."""
    if user.pk is None:
        # A password nobody knows: the new user chooses their own through the e-mailed link.
        user.set_password(get_random_string(40))
    user.save()
    wanted = set(roles)
    current = set(user.role_assignments.values_list("role", flat=True))
    for assignment in user.role_assignments.filter(role__in=current - wanted):
        assignment.delete()
    for role in sorted(wanted - current):
        RoleAssignment.objects.create(user=user, role=role)
    user.__dict__.pop("roles", None)
    return user


def send_password_setup(user: User, *, domain: str, use_https: bool) -> None:
    """E-mail the user a link to choose a password on the site at `domain` (Django's password reset flow)."""
    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(use_https=use_https, domain_override=domain)
