"""The form renderer must build exactly the <select> that Django's templates build, only faster."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from muflon.core.widgets import FormRenderer

CHOICES = [("", "any"), ("x", 'X <b>"quoted"</b>'), ("Group & co", [("1", "one"), ("2", "two")])]


def rendered(renderer, value, field_class=forms.ChoiceField, widget=forms.Select, **attrs):
    class Form(forms.Form):
        field = field_class(choices=CHOICES, required=False, widget=widget(attrs=attrs))

    form = Form({"field": value}, renderer=renderer)
    form.is_valid()
    return "".join(line.strip() for line in str(form["field"]).splitlines())


def test_selects_are_the_same_html_as_djangos_with_groups_escaping_selection_and_attributes():
    for value in ["", "x", "2", "unknown"]:
        ours = rendered(FormRenderer(), value, **{"aria-describedby": "hint", "required": True})
        assert ours == rendered(DjangoTemplates(), value, **{"aria-describedby": "hint", "required": True})
    html = rendered(FormRenderer(), "2")
    assert '<option value="2" selected>two</option>' in html
    assert "&lt;b&gt;&quot;quoted&quot;&lt;/b&gt;" in html
    assert '<optgroup label="Group &amp; co">' in html


def test_multiple_selects_too():
    ours = rendered(FormRenderer(), ["1", "x"], widget=forms.SelectMultiple)
    assert ours == rendered(DjangoTemplates(), ["1", "x"], widget=forms.SelectMultiple)
    assert " multiple>" in ours or " multiple " in ours or "multiple" in ours


HOSTILE = 'a "quoted" <b>&amp;</b>'


@pytest.mark.parametrize(
    "field",
    [
        forms.CharField(),
        forms.CharField(required=False, max_length=5, help_text="hint"),
        forms.CharField(widget=forms.Textarea),
        forms.CharField(widget=forms.Textarea(attrs={"rows": 3})),
        forms.EmailField(),
        forms.IntegerField(min_value=1),
        forms.DecimalField(),
        forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")),
        forms.DateTimeField(),
        forms.TimeField(),
        forms.URLField(),
        forms.CharField(widget=forms.PasswordInput),
        forms.CharField(widget=forms.PasswordInput(render_value=True)),
        forms.CharField(widget=forms.HiddenInput),
        forms.CharField(disabled=True),
    ],
    ids=lambda field: type(field).__name__ + "-" + type(field.widget).__name__,
)
@pytest.mark.parametrize("value", [None, "", "12", HOSTILE, "2026-12-08"])
def test_inputs_and_textareas_are_the_same_html_as_djangos_with_values_errors_and_escaping(field, value):
    class Form(forms.Form):
        name = field

    for form_kwargs in [{}, {"data": {"name": value} if value is not None else {}}, {"initial": {"name": value}}]:
        ours, djangos = Form(renderer=FormRenderer(), **form_kwargs), Form(renderer=DjangoTemplates(), **form_kwargs)
        ours.is_valid(), djangos.is_valid()
        assert str(ours["name"]) == str(djangos["name"])
    if value == HOSTILE:
        assert "<b>" not in str(Form({"name": value}, renderer=FormRenderer())["name"])


def test_other_widgets_still_come_from_the_templates():
    class Form(forms.Form):
        name = forms.CharField(widget=forms.CheckboxInput)

    assert str(Form(renderer=FormRenderer())["name"]) == str(Form(renderer=DjangoTemplates())["name"])


@pytest.mark.django_db
def test_a_short_choice_offers_the_same_options_as_djangos_without_a_server_side_cursor(gmina):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from muflon.core.widgets import ShortModelChoiceField
    from muflon.region.models import Gmina

    ours = ShortModelChoiceField(queryset=Gmina.objects.order_by("name"), empty_label="any")
    djangos = forms.ModelChoiceField(queryset=Gmina.objects.order_by("name"), empty_label="any")
    with CaptureQueriesContext(connection) as queries:
        options = [(str(value), label) for value, label in ours.choices]
    assert options == [(str(value), label) for value, label in djangos.choices]
    assert len(options) > 2
    # On PostgreSQL Django's iterator() would DECLARE a cursor, then FETCH and CLOSE it.
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["SELECT"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["pl", "en"])
def test_options_read_as_values_are_named_as_the_models_name_themselves(cast, language):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from muflon.accounts.models import User
    from muflon.core.widgets import ShortModelChoiceField
    from muflon.people.models import ExclusionCategory
    from muflon.region.models import Gmina

    for queryset in (Gmina.objects.all(), ExclusionCategory.objects.all(), User.objects.order_by("username")):
        field = ShortModelChoiceField(queryset=queryset, empty_label=None)
        with translation.override(language):
            with CaptureQueriesContext(connection) as queries:
                options = [(value, label) for value, label in field.choices]
            assert options == [(row.pk, str(row)) for row in queryset]
        assert len(options) > 2
        assert len(queries) == 1


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("120 000,50", "120000.50"),
        ("120\xa0000,50", "120000.50"),
        ("0,5", "0.5"),
        ("120000.50", "120000.50"),
        ("7", "7"),
    ],
)
def test_a_polish_decimal_is_read_as_polish_users_write_it(typed, read):
    from decimal import Decimal

    from muflon.core.forms import PolishDecimalField

    assert PolishDecimalField(max_digits=12, decimal_places=2).clean(typed) == Decimal(read)


def test_a_polish_decimal_still_refuses_what_is_no_number():
    from muflon.core.forms import PolishDecimalField

    with pytest.raises(forms.ValidationError):
        PolishDecimalField().clean("12,3,4")
