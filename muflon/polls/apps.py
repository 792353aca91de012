"""App configuration of the polls area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "muflon.polls"
    verbose_name = _("Polls")

    def ready(self):
        from muflon.accounts.models import MANAGERS
        from muflon.core import audit
        from muflon.core.navigation import add_menu_item
        from muflon.polls import models

        # Votes are not tracked: they are anonymous, many, and their count is the record.
        audit.track(models.Poll)
        audit.track(models.Choice)

        add_menu_item(_("Polls"), "polls:manage", roles=MANAGERS, order=60)
