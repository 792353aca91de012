"""The chooser field on its own (any queryset, any search): what typed text and posted ids pick, and what comes back."""

import pytest
from django import forms
from django.test import RequestFactory

from muflon.core import chooser
from muflon.core.chooser import ChooserField, chooser_options
from muflon.region.models import Gmina

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages read as their msgids whatever the Polish catalogue holds."""
    from django.utils import translation

    with translation.override("en"):
        yield


# The scope: the gminas of powiat wałbrzyski. Świdnica (another county) stands for a row the user may not see.
SCOPE = {"county_terc": "0221"}


def search(rows, text):
    return rows.filter(name__icontains=text)


class GminaForm(forms.Form):
    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gmina"] = ChooserField(
            Gmina.objects.filter(**SCOPE),
            search=search,
            label_of=lambda gmina: f"{gmina.name} ({gmina.terc})",
            text_of=lambda gmina: gmina.name,
            search_url="/somewhere/",
            label="Gmina",
            help_text="Type part of the name.",
            required=required,
        )


def gmina(name):
    return Gmina.objects.get(name=name)


def post(**data):
    form = GminaForm(data)
    form.is_valid()
    return form


def test_text_that_matches_exactly_one_row_picks_it():
    form = post(gmina_text="  głuszy ")
    assert form.cleaned_data["gmina"] == gmina("Głuszyca")


def test_several_matches_come_back_as_radios_to_choose_from_with_the_text_kept():
    form = post(gmina_text="Zdrój")
    assert form.errors["gmina"] == ["2 people match “Zdrój”: choose one of them below."]
    html = str(form["gmina"])
    assert 'name="gmina_text" value="Zdrój"' in html
    jedlina, szczawno = gmina("Jedlina-Zdrój"), gmina("Szczawno-Zdrój")
    assert f'type="radio" name="gmina" value="{jedlina.pk}"' in html
    assert f'type="radio" name="gmina" value="{szczawno.pk}"' in html
    assert "Jedlina-Zdrój (0221021)</label>" in html and "Szczawno-Zdrój (0221031)</label>" in html
    # The radio chosen with the same text picks that row.
    assert post(gmina_text="Zdrój", gmina=str(szczawno.pk)).cleaned_data["gmina"] == szczawno


def test_a_choice_made_for_another_text_gives_way_to_what_is_typed_now():
    """A radio (or hidden id) left from an earlier search does not override a name typed afterwards."""
    form = post(gmina_text="Głuszyca", gmina=str(gmina("Jedlina-Zdrój").pk))
    assert form.cleaned_data["gmina"] == gmina("Głuszyca")
    form = post(gmina_text="Atlantyda", gmina=str(gmina("Jedlina-Zdrój").pk))
    assert form.errors["gmina"][0].startswith("Nobody matches “Atlantyda”")
    html = str(form["gmina"])
    assert '<input type="hidden" name="gmina" value=""' in html and "Jedlina" not in html


def test_no_match_is_an_error_at_the_field_and_the_text_is_kept():
    form = post(gmina_text="Atlantyda")
    assert form.errors["gmina"] == ["Nobody matches “Atlantyda”. Check the spelling, or type less of the name."]
    assert 'value="Atlantyda"' in str(form["gmina"])
    assert 'type="radio"' not in str(form["gmina"])


def test_a_row_outside_the_queryset_never_matches_and_its_id_is_refused():
    """Świdnica is outside the field's scope: neither its exact name nor its id posted directly choose it."""
    outside = gmina("Świdnica")
    assert post(gmina_text="Świdnica").errors["gmina"][0].startswith("Nobody matches")
    for data in ({"gmina": str(outside.pk)}, {"gmina": str(outside.pk), "gmina_text": "Świdnica"}):
        form = post(**data)
        assert form.errors["gmina"] == [
            "This person cannot be chosen here. Type the name again and choose from what is found."
        ]


def test_a_posted_id_alone_picks_its_row_as_the_old_select_did():
    walim = gmina("Walim")
    assert post(gmina=str(walim.pk)).cleaned_data["gmina"] == walim
    # The hidden input first, a radio after it: the last value given is the one chosen.
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.setlist("gmina", ["", str(walim.pk)])
    data["gmina_text"] = "Walim"
    assert GminaForm(data).is_valid()


def test_more_matches_than_the_limit_ask_for_more_of_the_name(monkeypatch):
    monkeypatch.setattr(chooser, "LIMIT", 1)
    form = post(gmina_text="Zdrój")
    assert form.errors["gmina"] == [
        "More than 1 people match “Zdrój”: type more of the name, or choose one of the first 1 below."
    ]
    assert str(form["gmina"]).count('type="radio"') == 1


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Type a name and choose a person."),
        ({"gmina_text": "   "}, "Type a name and choose a person."),
        ({"gmina_text": "G"}, "Type at least 2 characters."),
        ({"gmina_text": "Gł\x00uszyca"}, "Null characters are not allowed."),
        ({"gmina_text": "x" * 101}, "Ensure this value has at most 100 characters (it has 101)."),
        ({"gmina": "9" * 30}, "This person cannot be chosen here. Type the name again and choose from what is found."),
        ({"gmina": "-1"}, "This person cannot be chosen here. Type the name again and choose from what is found."),
        ({"gmina": "abc"}, "This person cannot be chosen here. Type the name again and choose from what is found."),
        ({"gmina": "1\x00"}, "Null characters are not allowed."),
    ],
)
def test_hostile_or_empty_input_is_an_error_at_the_field_never_an_exception(data, error):
    form = post(**data)
    assert form.errors["gmina"] == [error]
    str(form["gmina"])  # renders


def test_an_optional_chooser_left_empty_chooses_nothing():
    form = GminaForm({"gmina_text": ""}, required=False)
    assert form.is_valid() and form.cleaned_data["gmina"] is None


def test_the_box_is_labelled_described_and_shows_a_current_choice():
    form = GminaForm(initial={"gmina": gmina("Walim")})
    html = str(form["gmina"])
    assert form["gmina"].id_for_label == "id_gmina"
    assert '<input type="text" name="gmina_text" value="Walim"' in html and 'id="id_gmina"' in html
    assert 'aria-describedby="id_gmina_helptext"' in html
    assert f'<input type="hidden" name="gmina" value="{gmina("Walim").pk}"' in html
    assert "Walim (0221082)" in html
    assert 'data-chooser-url="/somewhere/"' in html and 'role="listbox"' in html and 'aria-live="polite"' in html
    # Without the script the box is a plain text box: the combobox role is the script's to add.
    assert "combobox" not in html


def options(text):
    request = RequestFactory().get("/", {"q": text} if text is not None else {})
    return chooser_options(request, GminaForm()["gmina"]).content.decode()


def test_the_options_as_you_type_are_the_fields_matches_labelled_and_escaped():
    html = options("zdrój")
    assert html.count('role="option"') == 2
    assert f'data-value="{gmina("Jedlina-Zdrój").pk}" data-text="Jedlina-Zdrój">Jedlina-Zdrój (0221021)</li>' in html
    assert "2 people found." in html
    assert 'role="option"' not in options("Świdnica")  # outside the scope
    assert "Nobody matches “&lt;b&gt;”" in options("<b>")


def test_the_options_need_two_characters_stop_at_the_limit_and_refuse_hostile_text(monkeypatch):
    assert 'role="option"' not in options("G") and "Type at least 2 characters." in options("G")
    assert 'role="option"' not in options(None)
    assert "Null characters are not allowed." in options("Gł\x00")
    assert "at most 100 characters" in options("x" * 5000)
    monkeypatch.setattr(chooser, "LIMIT", 1)
    html = options("zdrój")
    assert html.count('role="option"') == 1 and "The first 1 people found" in html
