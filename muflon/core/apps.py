"""App configuration of the core area."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "muflon.core"
    verbose_name = _("Core")

    def ready(self):
        from django.db.models import fields

        # Django's own empty choice has no Polish translation; every select starts with ours (Django 6.1 asks
        # for this override in ready()).
        fields.BLANK_CHOICE_LABEL = _("— choose —")

        from muflon.core.bounds import bound_form_fields

        bound_form_fields()
