"""App configuration of the project shell."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShellConfig(AppConfig):
    name = "muflon.shell"
    verbose_name = _("Project shell")

    def ready(self):
        from muflon.accounts.models import Role
        from muflon.core.navigation import add_menu_item

        add_menu_item(_("Dashboard"), "shell:dashboard", roles=Role, order=0)
