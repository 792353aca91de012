"""App configuration of the accounts area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "muflon.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import signals

        from muflon.accounts import login_audit
        from muflon.accounts.models import Organisation, RoleAssignment, User
        from muflon.core import audit

        audit.track(User, exclude={"last_login"}, masked={"password"})
        audit.track(RoleAssignment)
        audit.track(Organisation)
        signals.user_logged_in.connect(login_audit.record_login, dispatch_uid="audit-login")
        signals.user_logged_out.connect(login_audit.record_logout, dispatch_uid="audit-logout")
        signals.user_login_failed.connect(login_audit.record_login_failure, dispatch_uid="audit-login-failed")
