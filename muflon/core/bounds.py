"""Bounds on every number and date a form accepts, so that no input reaches a query out of the database's range
(a 20-digit integer overflowed SQLite; year 1 overflowed the conversion to a moment in time); and on the ids of
`in` lookups, which a choice of many sends to the database before any field could refuse them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
# A 32-bit integer: no count, capacity or number of minutes in this system comes near it.
LARGEST_NUMBER = 2**31 - 1


def sensible_date(value) -> None:
    if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s.") % {"first": EARLIEST_YEAR, "last": LATEST_YEAR},
            code="date_range",
        )


def bound_form_fields() -> None:
    """Put the bounds on Django's form fields (called once from CoreConfig.ready())."""
    from django import forms

    forms.DateField.default_validators = [sensible_date]
    forms.DateTimeField.default_validators = [sensible_date]
    forms.IntegerField.default_validators = [MinValueValidator(-LARGEST_NUMBER), MaxValueValidator(LARGEST_NUMBER)]


def bound_in_lookups() -> None:
    """`in` on an integer column leaves out numbers beyond the column's range, as Django's `exact` already does:
    they match no row, and sent to the database they overflowed (a choice of many with a 20-digit id was a 500 on
    SQLite). Called once from CoreConfig.ready()."""
    from django.db.models import IntegerField
    from django.db.models.lookups import In

    class IntegerFieldIn(In):
        def process_rhs(self, compiler, connection):
            if self.rhs_is_direct_value():
                low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
                self.rhs = [
                    value
                    for value in self.rhs
                    if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
                ]
            return super().process_rhs(compiler, connection)

    IntegerField.register_lookup(IntegerFieldIn, lookup_name="in")
