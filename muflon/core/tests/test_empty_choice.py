"""Every select starts with an empty choice in the person's language; no constraint shows its database name."""

import pytest
from django.urls import reverse

from muflon.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "label"), [("pl", "— wybierz —"), ("en", "— choose —")])
def test_the_registration_form_s_selects_start_with_a_translated_empty_choice(client, cast, settings, language, label):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(cast[Role.COORDINATOR])
    html = client.get(reverse("people:create")).content.decode()
    assert f'<option value="" selected>{label}</option>' in html
    assert "Select an option" not in html and "---------" not in html


def test_no_constraint_shows_its_database_name():
    """A constraint's violation reads as a sentence, never as "Constraint “candidate_reachable” is violated."."""
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from muflon.people.models import Candidate
    from tests.factories import PartnershipFactory

    candidate = Candidate(partnership=PartnershipFactory(), first_name="Ala", last_name="Nowak", phone="", email="")
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        candidate.validate_constraints()
    text = " ".join(refusal.value.messages)
    assert "candidate_reachable" not in text and "cannot be saved together" in text
