"""The public sign-up at /join/: into the recruitment queue with the consent recorded; spam kept out without CAPTCHA."""

import datetime
import time
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks_db.models import DBTaskResult

from muflon.core.models import AuditEntry
from muflon.people.forms_join import STAMP_SALT, polish_phone
from muflon.people.models import Candidate, RepeatedSignUp

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
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    # The summary at the top links to the field (GOV.UK's pattern), and the title says there is a mistake.
    assert "error-summary" in page and f'href="#id_{field}' in page
    assert "<title>Błąd:" in page or "<title>Error:" in page
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


class TestRepeatedSignUps:
    """The same person signing up again within a day (the same name, and the same e-mail or phone) makes one queue
    entry that notes the repeat; the visitor is answered as for a first sign-up."""

    def test_a_repeat_with_the_same_email_is_noted_on_the_waiting_entry(self, client, partnership, gmina):
        first = post(client, sign_up_data(gmina))
        again = post(client, sign_up_data(gmina, phone="", interests="sprzątanie"), address="192.0.2.20")
        assert again.status_code == 302 and again["Location"] == first["Location"] == reverse("join:thanks")
        candidate = Candidate.objects.get()
        assert candidate.repeats.count() == 1
        assert (candidate.phone, candidate.interests) == ("600 100 200", "gastronomia, catering")  # as first given
        # The address already has this entry's confirmation: no second e-mail.
        assert DBTaskResult.objects.filter(task_path="muflon.core.tasks.send_email").count() == 1
        noted = AuditEntry.objects.get(content_type__model="repeatedsignup")
        assert noted.partnership == partnership and "address_hmac" not in noted.changes

    def test_a_repeat_with_the_same_phone_in_another_form_is_noted_and_its_new_address_confirmed(
        self, client, partnership, gmina
    ):
        """A stranger who knows a person's name and phone gets the same e-mail as for a first sign-up."""
        post(client, sign_up_data(gmina, email=""))
        post(client, sign_up_data(gmina, phone="0048 600100200", email="ktos@example.org"))
        candidate = Candidate.objects.get()
        assert candidate.repeats.count() == 1 and candidate.email == ""
        task = DBTaskResult.objects.get(task_path="muflon.core.tasks.send_email")
        assert task.args_kwargs["args"][0] == ["ktos@example.org"]

    @pytest.mark.parametrize(
        "first_name, last_name, email",
        [
            ("RENATA", "kubiak", "Renata@Example.ORG"),
            ("Renata ", " Kubiak", " renata@example.org"),
        ],
    )
    def test_names_and_addresses_match_without_regard_to_case(
        self, client, partnership, gmina, first_name, last_name, email
    ):
        post(client, sign_up_data(gmina))
        post(client, sign_up_data(gmina, first_name=first_name, last_name=last_name, email=email, phone=""))
        assert Candidate.objects.count() == 1 and Candidate.objects.get().repeats.count() == 1

    def test_names_match_without_regard_to_polish_letters(self, client, partnership, gmina):
        post(client, sign_up_data(gmina, first_name="Łucja", last_name="Żółć-Wąs"))
        post(client, sign_up_data(gmina, first_name="lucja", last_name="ZOLC-WAS", email=""))
        assert [c.last_name for c in Candidate.objects.all()] == ["Żółć-Wąs"]
        assert Candidate.objects.get().repeats.count() == 1

    @pytest.mark.parametrize(
        "overrides",
        [
            {"first_name": "Renia"},
            {"last_name": "Kubiak-Nowak"},
            {"email": "inna@example.org", "phone": "600 100 201"},
        ],
    )
    def test_another_name_or_other_contacts_make_a_new_entry(self, client, partnership, gmina, overrides):
        post(client, sign_up_data(gmina))
        post(client, sign_up_data(gmina, **overrides))
        assert Candidate.objects.count() == 2
        assert not RepeatedSignUp.objects.exists()

    @pytest.mark.parametrize("hours_ago, entries", [(23, 1), (25, 2)])
    def test_a_repeat_counts_within_a_day_of_the_first_sign_up(self, client, partnership, gmina, hours_ago, entries):
        post(client, sign_up_data(gmina))
        Candidate.objects.update(signed_up_at=timezone.now() - datetime.timedelta(hours=hours_ago))
        post(client, sign_up_data(gmina))
        assert Candidate.objects.count() == entries
        assert RepeatedSignUp.objects.count() == 2 - entries

    @pytest.mark.parametrize("status", [Candidate.Status.ACCEPTED, Candidate.Status.DECLINED])
    def test_a_sign_up_after_a_decision_is_a_new_entry(self, client, partnership, gmina, status):
        post(client, sign_up_data(gmina))
        Candidate.objects.update(status=status, decline_reason="Poza regionem")
        post(client, sign_up_data(gmina))
        assert Candidate.objects.filter(status=Candidate.Status.NEW).count() == 1

    def test_repeats_count_towards_the_limit_per_address(self, client, partnership, gmina, settings):
        settings.MUFLON_JOIN_SIGNUPS_PER_ADDRESS = 2
        assert post(client, sign_up_data(gmina), address="198.51.100.7").status_code == 302
        assert post(client, sign_up_data(gmina), address="198.51.100.7").status_code == 302
        assert post(client, sign_up_data(gmina), address="198.51.100.7").status_code == 429
        assert post(client, sign_up_data(gmina, last_name="Inna"), address="198.51.100.7").status_code == 429
        assert Candidate.objects.get().repeats.count() == 1

    def test_the_queue_shows_the_repeats(self, client, partnership, gmina, coordinator):
        post(client, sign_up_data(gmina))
        post(client, sign_up_data(gmina, first_name="Renata"), address="192.0.2.21")
        post(client, sign_up_data(gmina, first_name="renata"), address="192.0.2.22")
        post(client, sign_up_data(gmina, last_name="Kos", email="ewa@example.org", phone=""), address="192.0.2.23")
        last = RepeatedSignUp.objects.latest("signed_up_at").signed_up_at
        client.force_login(coordinator)
        response = client.get(reverse("people:queue"))
        rows = {c.last_name: c.repeat_count for c in response.context["page"].rows}
        assert rows == {"Kubiak": 2, "Kos": 0}
        page = response.content.decode()
        assert (
            f"Zgłoszenie powtórzone 2 razy, ostatnio {date_format(timezone.localtime(last), 'SHORT_DATETIME_FORMAT')}"
            in page
        )
        assert page.count("Zgłoszenie powtórzone") == 1


@pytest.mark.django_db(transaction=True)
def test_identical_sign_ups_sent_at_the_same_moment_make_one_entry(partnership, gmina):
    """Six threads send the same sign-up at once: one queue entry with five repeats, and one e-mail."""
    from muflon.people.signup import sign_up
    from tests.concurrency import in_threads

    def send(number):
        candidate = Candidate(
            first_name="Renata", last_name="Kubiak", phone="600 100 200", email="renata@example.org", gmina=gmina
        )
        sign_up(
            candidate,
            situation="Szukam pracy",
            consent_text="Zgoda",
            partnership=partnership,
            address=f"192.0.2.{number}",
        )

    assert in_threads(send, list(range(6))) == []
    candidate = Candidate.objects.get()
    assert candidate.repeats.count() == 5
    assert DBTaskResult.objects.filter(task_path="muflon.core.tasks.send_email").count() == 1
