"""A canary in a confidential note never reaches anyone but the client's counsellor: not through care pages,
exports, the participant's pages, the audit log or Django's admin site."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from muflon.accounts.models import Role, User
from muflon.care import services
from muflon.care.models import CareArrangement, Dependant, SelfHelpGroup
from muflon.care.urls import urlpatterns as care_patterns
from muflon.core.models import AuditEntry

pytestmark = pytest.mark.django_db

CANARY = "CANARY-9d1c-nie-powinno-wyciec"


@pytest.fixture
def world(care_client, counsellor, coordinator, partnership):
    today = timezone.localdate()
    session = services.record_session(
        care_client, held_on=today, minutes=50, form="individual", summary="Sesja odbyta", by=counsellor
    )
    note = services.write_note(care_client, f"Notatka {CANARY} koniec", session=session, by=counsellor)
    group = SelfHelpGroup.objects.create(
        partnership=partnership,
        topic="Grupa",
        facilitator=counsellor,
        place="Sala",
        schedule="wtorki",
        status="facilitated",
        started_on=today,
    )
    member = services.add_member(group, care_client.participant, on=today, by=coordinator)
    starts = timezone.now() + datetime.timedelta(days=1)
    meeting = services.add_group_meeting(
        group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), by=coordinator
    )
    dependant = Dependant.objects.create(participant=care_client.participant, kind="older_person", name="Mama")
    arrangement = services.save_arrangement(
        CareArrangement(
            dependant=dependant,
            provider="family",
            starts_on=today,
            hours_per_week=Decimal(10),
            monthly_cost=Decimal(0),
            paid_by="nobody",
        ),
        by=coordinator,
    )
    return {
        "client": care_client,
        "note": note,
        "group": group,
        "member": member,
        "meeting": meeting,
        "dependant": dependant,
        "arrangement": arrangement,
        "participant": care_client.participant,
    }


ARGS = {
    "client": "client",
    "session_create": "client",
    "note_create": "client",
    "handover": "client",
    "end": "client",
    "erase_notes": "client",
    "note": "note",
    "group": "group",
    "group_edit": "group",
    "group_meeting": "group",
    "member_leave": "member",
    "person": "participant",
    "refer": "participant",
    "member_add": "participant",
    "dependant_create": "participant",
    "dependant_edit": "dependant",
    "arrangement_create": "dependant",
    "arrangement_edit": "arrangement",
}


def care_urls(world):
    """Every URL of the care area, with the world's objects as arguments."""
    urls = []
    for pattern in care_patterns:
        if pattern.name == "group_attendance":
            args = [world["group"].pk, world["meeting"].pk]
        elif pattern.name in ARGS:
            args = [world[ARGS[pattern.name]].pk]
        else:
            args = []
        try:
            urls.append(reverse(f"care:{pattern.name}", args=args))
        except NoReverseMatch:
            pytest.fail(f"care:{pattern.name} needs its arguments in ARGS")
    return urls


def other_urls(world):
    participant = world["participant"]
    return [
        reverse("people:detail", args=[participant.pk]),
        reverse("people:list"),
        reverse("people:export", args=["csv"]),
        reverse("people:export", args=["xlsx"]),
        reverse("shell:dashboard"),
        reverse("core:audit_log"),
        reverse("core:audit_log") + "?action=read",
        reverse("core:audit_log") + "?action=denied",
    ]


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def admin_urls():
    """Django admin: the index, every registered model's list, and the change page of each of its rows."""
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        for pk in model_admin.get_queryset(None).values_list("pk", flat=True)[:200]:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[pk]))
    return urls


def assert_no_canary(client, urls, who):
    for url in urls:
        for response in (client.get(url), client.post(url, {})):
            assert CANARY.encode() not in body(response), f"{who} saw the canary at {url}"


def test_the_clients_counsellor_does_see_the_canary(client, world, counsellor):
    """The test below can fail: the canary is there for its one reader."""
    client.force_login(counsellor)
    assert CANARY in client.get(reverse("care:note", args=[world["note"].pk])).content.decode()


@pytest.mark.slow  # every care, people and admin URL, as five users
def test_nobody_else_ever_sees_the_canary(client, world, cast, outsider, counsellor, other_counsellor, partnership):
    # The note has been read (and refused) before, so the audit log has entries about it.
    client.force_login(counsellor)
    client.get(reverse("care:note", args=[world["note"].pk]))
    both = User.objects.create_user("coord-counsellor", partnership=partnership)
    both.role_assignments.create(role=Role.COORDINATOR)
    both.role_assignments.create(role=Role.COUNSELLOR)
    others = {
        "administrator": cast[Role.ADMIN],
        "coordinator": cast[Role.COORDINATOR],
        "another counsellor": other_counsellor,
        "coordinator and counsellor": both,
        "another partnership's administrator": outsider,
    }
    urls = care_urls(world) + other_urls(world)
    for who, user in others.items():
        client.force_login(user)
        assert_no_canary(client, urls, who)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DENIED).exists()

    superuser = User.objects.create_superuser("root", "root@example.org", "x-Very-secret-1")
    client.force_login(superuser)
    assert_no_canary(client, admin_urls(), "an installation superuser")
