"""The demo data: the pilot partnership with its organisations and one login per role, loaded idempotently."""

import pytest
from django.apps import apps
from django.core.management import call_command

from muflon.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from muflon.accounts.models import Role, User
from muflon.core.models import AuditEntry
from muflon.partnership.models import Partnership


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"partnership", "accounts", "region"}
    }


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_data(capsys):
    """A second run changes nothing: no duplicates, not even new audit entries."""
    call_command("load_demo", participants=20)
    first = row_counts()
    audit_entries = AuditEntry.objects.count()
    call_command("load_demo", participants=20)
    assert row_counts() == first
    assert AuditEntry.objects.count() == audit_entries
    assert "demo-muflon" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_has_a_login_for_every_role_in_the_pilot_partnership():
    call_command("load_demo", participants=20)
    pilot = Partnership.objects.get(is_default=True)
    assert {username for username, *_ in DEMO_USERS} == {
        "admin",
        "koordynator",
        "doradca",
        "trener",
        "psycholog",
        "terapeuta",
        "grant",
        "gmina",
        "partner",
        "uczestnik",
    }
    assert {role for _, role, *_ in DEMO_USERS} == set(Role)
    for username, role, *_ in DEMO_USERS:
        user = User.objects.get(username=username)
        assert user.partnership == pilot
        assert user.roles == {role}
        assert user.check_password(DEMO_PASSWORD)
    officer = User.objects.get(username="gmina")
    assert officer.gmina.name == "Głuszyca"
    assert User.objects.get(username="partner").organisation.kind == "labour_office"
    kinds = set(pilot.organisations.values_list("kind", flat=True))
    assert {"owes", "labour_office", "social_welfare", "municipality", "ngo", "training", "business"} <= kinds
    assert Role.PARTICIPANT in User.objects.get(username="uczestnik").roles


@pytest.mark.django_db
def test_demo_participants_cover_every_stage_and_the_participant_login():
    from muflon.people.models import Participant
    from muflon.people.path import Stage

    call_command("load_demo", participants=20)
    stages = set(Participant.objects.values_list("stage", flat=True))
    assert stages == set(Stage)
    person = Participant.objects.get(user__username="uczestnik")
    assert person.plans.exists()
    assert all(p.eligibility_on() for p in Participant.objects.all()[:5])


@pytest.mark.django_db
def test_demo_has_the_catalogue_and_editions_past_and_future():
    from django.utils import timezone

    from muflon.education.models import Certificate, Edition, Enrolment, WorkshopType

    call_command("load_demo", participants=20)
    today = timezone.localdate()
    assert WorkshopType.objects.count() == 7
    assert Edition.objects.count() == 40
    assert Edition.objects.filter(ends_on__lt=today).exists() and Edition.objects.filter(starts_on__gt=today).exists()
    assert Certificate.objects.exists()
    assert Enrolment.objects.filter(status="enrolled").exists()
