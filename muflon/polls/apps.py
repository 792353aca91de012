"""App configuration of the polls area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PollsConfig(AppConfig):
    name = "muflon.polls"
    verbose_name = _("Polls")
