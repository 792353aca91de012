"""App configuration of the accounts area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "muflon.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth import signals

        from muflon.accounts import login_audit
        from muflon.accounts.models import STAFF_ROLES, Organisation, Role, RoleAssignment, User
        from muflon.core import audit
        from muflon.core.navigation import add_menu_item

        audit.track(User, exclude={"last_login"}, masked={"password"})
        audit.track(RoleAssignment)
        audit.track(Organisation)
        signals.user_logged_in.connect(login_audit.record_login, dispatch_uid="audit-login")
        signals.user_logged_out.connect(login_audit.record_logout, dispatch_uid="audit-logout")
        signals.user_login_failed.connect(login_audit.record_login_failure, dispatch_uid="audit-login-failed")

        add_menu_item(_("Organisations"), "accounts:organisation_list", roles=STAFF_ROLES, order=70)
        add_menu_item(_("Users and roles"), "accounts:user_list", roles={Role.ADMIN}, order=90)
        add_menu_item(_("Audit log"), "core:audit_log", roles={Role.ADMIN}, order=100)
        add_menu_item(_("Failing tasks"), "accounts:failing_tasks", roles={Role.ADMIN}, order=105)
