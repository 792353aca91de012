"""Choosing a participant: the list's search rules and visibility, and labels that show only what the role is shown."""

import datetime

import pytest
from django import forms
from django.utils import translation

from muflon.accounts.models import Role
from muflon.people.chooser import participant_chooser
from muflon.people.models import Participant
from tests.factories import make_participant

pytestmark = pytest.mark.django_db

PESEL = "44051401359"  # a valid PESEL of a man born on 14.05.1944


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def namesake(partnership, gmina, coordinator):
    """Another Anna Nowak, born in 1991, whom nobody but the managers works with."""
    return make_participant(
        partnership, gmina, by=coordinator, birth_date=datetime.date(1991, 7, 1), document_number="NS1"
    )


@pytest.fixture
def man_with_pesel(partnership, gmina, coordinator):
    return make_participant(
        partnership,
        gmina,
        by=coordinator,
        first_name="Adam",
        last_name="Abacki",
        pesel=PESEL,
        birth_date=datetime.date(1944, 5, 14),
        sex="M",
        document_type="",
        document_number="",
        case_worker=None,
    )


def chooser_form(user, data):
    class Form(forms.Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["person"] = participant_chooser(user, Participant.objects.visible_to(user), label="Person")

    form = Form(data)
    form.is_valid()
    return form


def test_namesakes_are_told_apart_by_birth_year_gmina_and_record_for_those_shown_them(cast, participant, namesake):
    form = chooser_form(cast[Role.COORDINATOR], {"person_text": "anna nowak"})
    assert form.errors["person"] == ["2 people match “anna nowak”: choose one of them below."]
    html = str(form["person"])
    assert f"Nowak Anna (born 1980, Głuszyca, record {participant.pk})" in html
    assert f"Nowak Anna (born 1991, Głuszyca, record {namesake.pk})" in html


@pytest.mark.parametrize(
    ("role", "label"),
    [
        (Role.COORDINATOR, "Nowak Anna (born 1980, Głuszyca, record {pk})"),
        (Role.ADVISOR, "Nowak Anna (born 1980, Głuszyca, record {pk})"),
        (Role.COUNSELLOR, "Nowak Anna (Głuszyca, record {pk})"),  # no date of birth for counsellors
        (Role.PARTNER, "Nowak Anna (record {pk})"),  # the stage only
    ],
)
def test_a_label_shows_only_what_the_role_is_shown(cast, participant, role, label):
    form = chooser_form(cast[role], {"person_text": "Nowak Anna"})
    assert form.cleaned_data["person"] == participant
    assert form.fields["person"].label_from_instance(participant) == label.format(pk=participant.pk)


def test_a_person_the_user_does_not_see_never_matches_even_by_exact_name_or_id(cast, participant, namesake):
    """The advisor sees Anna Nowak (their case), not her namesake: the name picks theirs, the namesake's id is
    refused."""
    advisor = cast[Role.ADVISOR]
    assert chooser_form(advisor, {"person_text": "Nowak Anna"}).cleaned_data["person"] == participant
    refused = chooser_form(advisor, {"person": str(namesake.pk), "person_text": "Nowak Anna"})
    assert refused.errors["person"] == [
        "This person cannot be chosen here. Type the name again and choose from what is found."
    ]
    assert f"record {namesake.pk}" not in str(refused["person"])


def test_another_partnerships_person_is_never_found_nor_chosen(outsider, other_partnership, gmina, participant):
    assert chooser_form(outsider, {"person_text": "Nowak Anna"}).errors["person"][0].startswith("Nobody matches")
    assert chooser_form(outsider, {"person": str(participant.pk)}).errors["person"] == [
        "This person cannot be chosen here. Type the name again and choose from what is found."
    ]


def test_only_roles_shown_the_pesel_may_choose_by_it(cast, participant, man_with_pesel):
    """A coordinator finds a person by PESEL; a counsellor who sees that person is told numbers are not searched,
    the same answer whoever the number belongs to."""
    coordinator, counsellor = cast[Role.COORDINATOR], cast[Role.COUNSELLOR]
    assert chooser_form(coordinator, {"person_text": PESEL}).cleaned_data["person"] == man_with_pesel
    # The counsellor sees Anna Nowak (a plan item); numbers are refused for her as for anyone.
    refused = [chooser_form(counsellor, {"person_text": text}).errors["person"] for text in (PESEL, "123")]
    message = "Search by first name or surname: searching by PESEL or any other number is not open to your role."
    assert refused == [[message], [message]]
    assert "PESEL" in chooser_form(coordinator, {}).fields["person"].help_text
    assert "PESEL" not in chooser_form(counsellor, {}).fields["person"].help_text
