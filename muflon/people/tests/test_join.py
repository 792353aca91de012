"""The public sign-up at /join/: into the recruitment queue with the consent recorded; spam kept out without CAPTCHA."""

import time
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from muflon.people.forms_join import STAMP_SALT, polish_phone
from muflon.people.models import Candidate

pytestmark = pytest.mark.django_db


def stamp(seconds_ago=10):
    """The form's time stamp as if it had been shown `seconds_ago` (by the form's own clock)."""
    from muflon.people import forms_join

    return signing.Signer(salt=STAMP_SALT).sign(str(int(forms_join.time.time()) - seconds_ago))


def sign_up_data(home_gmina, **overrides):
    data = {
        "first_name": "Renata",
        "last_name": "Kubiak",
        "phone": "+48 600-100-200",
        "email": "renata@example.org",
        "gmina": home_gmina.pk,
        "situation": "registered",
        "interests": "gastronomia, catering",
        "consent": "on",
        "homepage": "",
        "started": stamp(),
    }
    data.update(overrides)
    return data


def post(client, data, address="192.0.2.10"):
    return client.post(reverse("join:form"), data, REMOTE_ADDR=address)


def test_the_form_has_a_hidden_honeypot_and_a_signed_time_stamp(client, partnership):
    html = client.get(reverse("join:form")).content.decode()
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in html and 'name="homepage"' in html
    assert 'type="hidden" name="started"' in html
    assert partnership.name in html  # in the consent text
    assert 'autocomplete="tel"' in html and "<fieldset" in html


def test_a_sign_up_lands_in_the_recruitment_queue_with_the_consent_recorded(client, partnership, gmina, coordinator):
    response = post(client, sign_up_data(gmina))
    assert response.status_code == 302 and response["Location"] == reverse("join:thanks")
    candidate = Candidate.objects.get()
    assert candidate.partnership == partnership
    assert (candidate.first_name, candidate.last_name, candidate.phone) == ("Renata", "Kubiak", "600 100 200")
    assert candidate.gmina == gmina and candidate.status == Candidate.Status.NEW
    assert candidate.source == Candidate.Source.PUBLIC_SITE
    assert candidate.consent_given_at is not None and partnership.name in candidate.consent_text
    assert candidate.situation and candidate.situation != "registered"  # the words, not the code
    assert candidate.address_hmac and "192.0.2.10" not in candidate.address_hmac

    client.force_login(coordinator)
    assert "Kubiak" in client.get(reverse("people:queue")).content.decode()


def test_the_thank_you_page_carries_no_personal_data(client, partnership, gmina):
    response = post(client, sign_up_data(gmina), address="192.0.2.11")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Renata" not in page.content.decode() and "Renata" not in response["Location"]


def test_a_confirmation_email_is_queued_when_an_email_is_given(client, partnership, gmina):
    post(client, sign_up_data(gmina))
    task = DBTaskResult.objects.get(task_path="muflon.core.tasks.send_email")
    recipients, subject, body = task.args_kwargs["args"]
    assert recipients == ["renata@example.org"]
    assert partnership.name in subject and "Renata" in body


def test_no_email_is_sent_without_an_email_address(client, partnership, gmina):
    post(client, sign_up_data(gmina, email=""))
    assert Candidate.objects.get().email == ""
    assert not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"phone": "", "email": ""}, "phone"),
        ({"consent": ""}, "consent"),
        ({"gmina": "999999"}, "gmina"),
        ({"phone": "12345"}, "phone"),
        ({"email": "not-an-address"}, "email"),
        ({"first_name": ""}, "first_name"),
        ({"situation": "rich"}, "situation"),
    ],
)
def test_bad_input_gets_an_error_at_the_field_and_saves_nothing(client, partnership, gmina, overrides, field):
    response = post(client, sign_up_data(gmina, **overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Candidate.objects.count() == 0


def test_a_filled_honeypot_is_refused_and_saves_nothing(client, partnership, gmina):
    response = post(client, sign_up_data(gmina, homepage="http://spam.example"))
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["__all__"]] == ["honeypot"]
    assert 'role="alert"' in response.content.decode()
    assert 'value="http://spam.example"' not in response.content.decode()  # emptied for a person to resend
    assert Candidate.objects.count() == 0


@pytest.mark.parametrize(
    "started, code",
    [
        (lambda: stamp(seconds_ago=0), "too_fast"),
        (lambda: stamp(seconds_ago=2), "too_fast"),
        (lambda: stamp(seconds_ago=3 * 60 * 60), "expired"),
        (lambda: "1700000000:forged", "stamp"),
        (lambda: "", "stamp"),
    ],
)
def test_a_form_sent_too_fast_or_too_late_or_with_a_forged_stamp_is_refused(client, partnership, gmina, started, code):
    # The form's clock stands still, so that a slow machine cannot turn "2 seconds" into 3.
    now = time.time()
    with mock.patch("muflon.people.forms_join.time", SimpleNamespace(time=lambda: now)):
        stamped = started()
        response = post(client, sign_up_data(gmina, started=stamped))
    assert response.status_code == 200
    assert [error.code for error in response.context["form"].errors.as_data()["__all__"]] == [code]
    assert Candidate.objects.count() == 0


def test_a_refused_form_comes_back_with_a_new_stamp_so_a_person_can_resend(client, partnership, gmina):
    old = stamp(seconds_ago=3 * 60 * 60)
    response = post(client, sign_up_data(gmina, started=old))
    assert old not in response.content.decode()
    assert 'value="Kubiak"' in response.content.decode()


def test_the_minimum_time_is_a_setting(client, partnership, gmina, settings):
    settings.MUFLON_JOIN_MIN_SECONDS = 0
    assert post(client, sign_up_data(gmina, started=stamp(seconds_ago=0))).status_code == 302


def test_the_limit_per_address_refuses_once_exceeded(client, partnership, gmina, settings):
    settings.MUFLON_JOIN_SIGNUPS_PER_ADDRESS = 2
    assert post(client, sign_up_data(gmina, last_name="A"), address="198.51.100.1").status_code == 302
    assert post(client, sign_up_data(gmina, last_name="B"), address="198.51.100.1").status_code == 302
    refused = post(client, sign_up_data(gmina, last_name="C"), address="198.51.100.1")
    assert refused.status_code == 429 and 'role="alert"' in refused.content.decode()
    assert post(client, sign_up_data(gmina, last_name="D"), address="198.51.100.2").status_code == 302
    assert sorted(Candidate.objects.values_list("last_name", flat=True)) == ["A", "B", "D"]


def test_the_sign_up_goes_to_the_partnership_of_the_sites_host(client, partnership, other_partnership, gmina, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "inne.example.org"]
    other_partnership.host = "inne.example.org"
    other_partnership.save()
    client.post(reverse("join:form"), sign_up_data(gmina), HTTP_HOST="inne.example.org")
    assert Candidate.objects.get().partnership == other_partnership


def test_the_sign_up_page_is_not_cached(client, partnership):
    response = client.get(reverse("join:form"))
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "written, stored",
    [
        ("600100200", "600 100 200"),
        ("+48 600 100 200", "600 100 200"),
        ("0048-600-100-200", "600 100 200"),
        ("(74) 842 11 22", "748 421 122"),
        ("074 842 11 22", "748 421 122"),
    ],
)
def test_polish_phone_numbers_are_accepted_in_their_usual_forms(written, stored):
    assert polish_phone(written) == stored


@pytest.mark.parametrize("written", ["12345", "060010020", "+49 600 100 200", "600 100 2000", "telefon"])
def test_other_phone_numbers_are_refused(written):
    from django import forms

    with pytest.raises(forms.ValidationError):
        polish_phone(written)
