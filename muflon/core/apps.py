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

        from muflon.core.bounds import bound_form_fields, bound_in_lookups

        bound_form_fields()
        bound_in_lookups()
        name_no_constraint()


def name_no_constraint():
    """A constraint without a message of its own would show its database name ("Constraint “candidate_reachable”
    is violated."): the default becomes a plain sentence. Constraints are built when the models load, before any
    ready(), so those holding the old default get the new one too; as it is the default again, migrations see no
    change."""
    from django.apps import apps
    from django.db.models import BaseConstraint

    old = BaseConstraint.default_violation_error_message
    new = _("These values cannot be saved together. Check the fields of this form and correct them.")
    BaseConstraint.default_violation_error_message = new
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.violation_error_message == old:
                constraint.violation_error_message = new
