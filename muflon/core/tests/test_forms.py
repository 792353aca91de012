"""A service's refusal reaches the form that asked for the action, at the field it concerns."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from muflon.core.forms import add_validation_error


class MeetingForm(forms.Form):
    day = forms.DateField()
    room = forms.CharField(required=False)


def checked_form():
    form = MeetingForm({"day": "2026-05-04", "room": "A"})
    assert form.is_valid()
    return form


def test_an_error_naming_a_field_of_the_form_shows_at_that_field():
    form = checked_form()
    add_validation_error(form, ValidationError({"room": "The room is taken then."}))
    assert form.errors == {"room": ["The room is taken then."]}
    assert "room" not in form.cleaned_data


def test_an_error_naming_a_field_the_form_does_not_show_goes_above_the_form():
    form = checked_form()
    add_validation_error(form, ValidationError({"ends_at": "A meeting must end after it starts.", "room": "Taken."}))
    assert form.non_field_errors() == ["A meeting must end after it starts."]
    assert form.errors["room"] == ["Taken."]


def test_a_plain_message_goes_above_the_form():
    form = checked_form()
    add_validation_error(form, ValidationError("The edition is closed."))
    assert form.errors == {NON_FIELD_ERRORS: ["The edition is closed."]}


def test_a_plain_message_goes_to_the_field_the_refusal_is_about():
    form = checked_form()
    add_validation_error(form, ValidationError(["Too late.", "Closed."]), field="day")
    assert form.errors == {"day": ["Too late.", "Closed."]}
    assert form.non_field_errors() == []


def test_an_error_naming_fields_ignores_the_default_field():
    form = checked_form()
    add_validation_error(form, ValidationError({"room": "Taken."}), field="day")
    assert form.errors == {"room": ["Taken."]}
