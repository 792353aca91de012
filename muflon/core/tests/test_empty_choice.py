"""Every select starts with an empty choice in the person's language, not Django's untranslated one."""

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
