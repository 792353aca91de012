"""`{% form_field %}` writes exactly what core/form_field.html writes, for every kind of field and state."""

import pytest
from django import forms
from django.template import Context, Template
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from muflon.core.widgets import DATE_INPUT


class EveryKindOfField(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=5)
    note = forms.CharField(label='Note <b>"quoted"</b>', required=False, widget=forms.Textarea, help_text="Tip & <i>")
    safe_help = forms.CharField(required=False, help_text=mark_safe("<a href='/x'>more</a>"))
    day = forms.DateField(widget=DATE_INPUT, help_text="dd-mm-rrrr")
    choice = forms.ChoiceField(choices=[("", "—"), ("a", "A & B")])
    kind = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect, help_text="pick one")
    many = forms.MultipleChoiceField(choices=[("1", "one"), ("2", "two")], widget=forms.CheckboxSelectMultiple)
    agree = forms.BooleanField(required=False)
    count = forms.IntegerField(min_value=1, required=False)

    def clean(self):
        raise forms.ValidationError("whole form")


@pytest.mark.parametrize("language", ["pl", "en"])
@pytest.mark.parametrize(
    "data",
    [None, {}, {"name": "far too long <script>", "day": "31-02-2026", "kind": "z", "count": "0", "note": "<b>hi</b>"}],
)
def test_every_field_is_written_as_the_template_writes_it(language, data):
    reference = get_template("core/form_field.html")
    tag = Template("{% load form_field %}{% form_field field %}")
    with translation.override(language):
        form = EveryKindOfField(data)
        form.is_valid()
        for field in form:
            expected = reference.render({"field": field})
            assert tag.render(Context({"field": field})) == expected, field.name
    if data:
        assert form.errors  # the erroneous case really has errors at fields


def test_label_help_and_errors_are_escaped_but_safe_help_is_kept():
    form = EveryKindOfField({"name": "<script>x</script>"})
    form.is_valid()
    html = Template("{% load form_field %}{% for f in form %}{% form_field f %}{% endfor %}").render(
        Context({"form": form})
    )
    assert "<b>" not in html and "<script>" not in html and "<i>" not in html
    assert "<a href='/x'>more</a>" in html


def test_the_title_says_error_for_a_form_with_mistakes_whatever_its_name():
    title = Template("{% load error_summary %}{% page_has_errors as mistaken %}{% if mistaken %}Error{% endif %}")

    class Small(forms.Form):
        name = forms.CharField()

    formset = forms.formset_factory(Small)
    management = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"}
    assert title.render(Context({"stage_form": Small(), "enrol_form": Small({"name": "ok"})})) == ""
    assert title.render(Context({"stage_form": Small(), "enrol_form": Small({})})) == "Error"
    assert title.render(Context({"plans": formset({**management, "form-0-name": "x"})})) == ""
    assert title.render(Context({"plans": formset(management | {"form-0-name": ""})})) == ""  # an empty extra form
    assert title.render(Context({"plans": formset({"form-TOTAL_FORMS": "x"})})) == "Error"  # a broken management form


def test_looking_for_mistakes_wakes_no_lazy_value():
    """The user and the CSRF token are lazy: reading them would touch the session of a page kept for everyone."""
    from django.utils.functional import SimpleLazyObject

    def woken():
        raise AssertionError("a lazy value was evaluated")

    title = Template("{% load error_summary %}{% page_has_errors as mistaken %}{{ mistaken }}")
    assert title.render(Context({"user": SimpleLazyObject(woken)})) == "False"
