"""Logging in and out, lockout after failures, password change and reset, language choice."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from muflon.accounts.models import Role
from muflon.core.models import AuditEntry
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_staff_member_logs_in_and_lands_on_the_dashboard(client, coordinator):
    """A correct login leads to /app/, whose menu shows only what the role may use."""
    response = log_in(client, "coordinator", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("shell:dashboard")
    page = client.get(reverse("shell:dashboard")).content.decode()
    assert reverse("accounts:organisation_list") in page
    assert reverse("core:audit_log") not in page
    assert reverse("accounts:user_list") not in page
    assert reverse("accounts:failing_tasks") not in page


def test_administrator_menu_holds_users_audit_log_and_failing_tasks(client, admin_user):
    client.force_login(admin_user)
    page = client.get(reverse("shell:dashboard")).content.decode()
    assert reverse("core:audit_log") in page
    assert reverse("accounts:user_list") in page
    assert reverse("accounts:failing_tasks") in page


def test_wrong_password_gets_a_polish_message_that_does_not_reveal_the_user(client, coordinator):
    """The same message for a wrong password and for a user that does not exist."""
    wrong_password = log_in(client, "coordinator", "not-the-password").content.decode()
    no_such_user = log_in(client, "nobody-here", "not-the-password").content.decode()
    message = "Nazwa użytkownika lub hasło są nieprawidłowe"
    assert message in wrong_password
    assert message in no_such_user
    assert 'lang="pl"' in wrong_password


def test_five_failures_lock_the_account_and_a_success_resets_the_count(client, coordinator):
    """Four failures then a success start the count anew; five failures lock even the right password out."""
    for _ in range(4):
        log_in(client, "coordinator", "wrong")
    assert log_in(client, "coordinator", TEST_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert log_in(client, "coordinator", "wrong").status_code == 200
    assert log_in(client, "coordinator", TEST_PASSWORD).status_code == 302
    client.logout()

    for _ in range(5):
        log_in(client, "coordinator", "wrong")
    locked = log_in(client, "coordinator", TEST_PASSWORD)
    assert locked.status_code == 429
    assert "zablokowane" in locked.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_a_user_name_longer_than_any_account_is_refused_at_the_field(client, coordinator):
    """It was never checked and went on to the lockout records, whose column it overflowed (a 500 on PostgreSQL)."""
    from axes.models import AccessAttempt

    response = log_in(client, "x" * 151, "wrong")
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert not AccessAttempt.objects.exists()
    assert log_in(client, "x" * 150, "wrong").status_code == 200
    assert AccessAttempt.objects.filter(username="x" * 150).exists()


def test_lockout_of_one_user_leaves_others_alone(client, coordinator, admin_user):
    for _ in range(6):
        log_in(client, "coordinator", "wrong")
    assert log_in(client, "admin", TEST_PASSWORD).status_code == 302


def test_logins_and_failures_are_audited(client, coordinator):
    log_in(client, "coordinator", "wrong")
    log_in(client, "nobody-here", "wrong")
    log_in(client, "coordinator", TEST_PASSWORD)
    client.post(reverse("logout"))
    session_actions = [AuditEntry.Action.LOGIN, AuditEntry.Action.LOGIN_FAILED, AuditEntry.Action.LOGOUT]
    entries = AuditEntry.objects.filter(action__in=session_actions).order_by("id")
    actions = list(entries.values_list("action", "actor_label", "partnership_id"))
    pid = coordinator.partnership_id
    assert actions == [
        (AuditEntry.Action.LOGIN_FAILED, "coordinator", pid),
        (AuditEntry.Action.LOGIN_FAILED, "nobody-here", None),
        (AuditEntry.Action.LOGIN, "coordinator", pid),
        (AuditEntry.Action.LOGOUT, "coordinator", pid),
    ]


def test_logout_ends_the_session_and_goes_home(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("portal:home")
    assert client.get(reverse("shell:dashboard"))["Location"].startswith(reverse("login"))


def test_password_change_requires_the_old_password(client, coordinator):
    client.force_login(coordinator)
    form = {"old_password": "wrong", "new_password1": "Nowe-Haslo-2026", "new_password2": "Nowe-Haslo-2026"}
    assert client.post(reverse("password_change"), form).status_code == 200
    form["old_password"] = TEST_PASSWORD
    assert client.post(reverse("password_change"), form)["Location"] == reverse("password_change_done")
    coordinator.refresh_from_db()
    assert coordinator.check_password("Nowe-Haslo-2026")
    done = client.get(reverse("password_change_done"))
    assert f'href="{reverse("shell:dashboard")}"' in done.content.decode()


def test_password_reset_by_email_sets_a_new_password(client, coordinator):
    """The e-mailed link lets the user choose a new password and log in with it."""
    response = client.post(reverse("password_reset"), {"email": coordinator.email})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Inne-Haslo-77", "new_password2": "Inne-Haslo-77"}
    )
    assert done["Location"] == reverse("password_reset_complete")
    assert log_in(client, "coordinator", "Inne-Haslo-77").status_code == 302


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, coordinator):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_polish_is_the_default_and_english_can_be_chosen(client):
    home = client.get(reverse("portal:home")).content.decode()
    assert 'lang="pl"' in home
    assert "Zaloguj się" in home
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("portal:home")).content.decode()
    assert 'lang="en"' in english
    assert "Log in" in english


def test_a_user_without_roles_sees_a_plain_explanation(client, partnership):
    from tests.factories import UserFactory

    client.force_login(UserFactory(partnership=partnership))
    page = client.get(reverse("shell:dashboard")).content.decode()
    assert reverse("accounts:organisation_list") not in page
    assert Role.ADMIN not in UserFactory._meta.model.objects.get(username__startswith="user").roles
