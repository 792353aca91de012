"""The demo data (`load_demo`), built once for this module and run a second time to prove that a second run
changes nothing: the pilot partnership with one login per role, participants on every stage, the catalogue of
workshops, barrier support and the portal.

The module-scoped `demo` fixture loads the demo outside the tests' own transactions, in a transaction of the
module's own that is rolled back after its last test (tests/module_data.py).
"""

import datetime
import io
from dataclasses import dataclass

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from muflon.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from muflon.accounts.models import Role, User
from muflon.core.models import AuditEntry
from muflon.partnership.models import Partnership
from tests.module_data import rolled_back_after_the_module

# The demo follows today's date (editions past and future, care gaps ahead). With -n N the module goes whole to one
# worker (ONE_WORKER_MODULES in the root conftest.py), so that the demo is built once.
pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.dates]

PARTICIPANTS = 40


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@dataclass
class Demo:
    output: str  # what the first run printed
    first: dict[str, int]  # rows per model after the first run
    second: dict[str, int]  # ... and after the second
    audit_entries: tuple[int, int]  # audit entries after each run


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once (tests/module_data.py): files in a folder of the module's own, a field key of its own."""
    files = tmp_path_factory.mktemp("demo") / "files"
    with rolled_back_after_the_module(
        django_db_blocker, PORTAL_FILES_ROOT=files, MUFLON_FIELD_KEYS=[Fernet.generate_key().decode()]
    ):
        with django_db_blocker.unblock():
            output = io.StringIO()
            call_command("load_demo", participants=PARTICIPANTS, stdout=output)
            first, first_entries = row_counts(), AuditEntry.objects.count()
            call_command("load_demo", participants=PARTICIPANTS, stdout=io.StringIO())
            second, second_entries = row_counts(), AuditEntry.objects.count()
        yield Demo(output.getvalue(), first, second, (first_entries, second_entries))


def test_a_second_run_changes_nothing(demo):
    """No duplicates, no other change of any table, not even new audit entries."""
    assert demo.first["partnership.Partnership"] == 1 and demo.first["people.Participant"] >= PARTICIPANTS
    assert demo.second == demo.first
    assert demo.audit_entries[0] > 0 and demo.audit_entries[1] == demo.audit_entries[0]
    assert "demo-muflon" in demo.output


def test_demo_has_a_login_for_every_role_in_the_pilot_partnership(demo):
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


def test_demo_participants_cover_every_stage_and_the_participant_login(demo):
    from muflon.people.models import Participant
    from muflon.people.path import Stage

    stages = set(Participant.objects.values_list("stage", flat=True))
    assert stages == set(Stage)
    person = Participant.objects.get(user__username="uczestnik")
    assert person.plans.exists()
    assert all(p.eligibility_on() for p in Participant.objects.all()[:5])


def test_demo_has_the_catalogue_and_editions_past_and_future(demo):
    from muflon.education.models import Attendance, Certificate, Edition, Enrolment, WorkshopType

    today = timezone.localdate()
    assert WorkshopType.objects.count() == 7
    assert Edition.objects.count() == 40
    assert Edition.objects.filter(ends_on__lt=today).exists() and Edition.objects.filter(starts_on__gt=today).exists()
    assert Certificate.objects.exists()
    assert Enrolment.objects.filter(status="enrolled").exists()
    # Attendance only for meetings held: none for a meeting that has not started.
    assert Attendance.objects.exists()
    assert not Attendance.objects.filter(meeting__starts_at__gt=timezone.now()).exists()


# Barrier support (care)


def test_the_demo_has_clients_with_fictional_notes_groups_and_care_with_gaps(demo):
    from muflon.care import services
    from muflon.care.models import (
        CareArrangement,
        ConfidentialNote,
        CounsellingClient,
        GroupAttendance,
        GroupMeeting,
        SelfHelpGroup,
    )

    assert CounsellingClient.objects.count() >= 3
    notes = ConfidentialNote.objects.all()
    assert notes.exists() and all(note.read_text().startswith("[DEMO – fikcja]") for note in notes)
    assert SelfHelpGroup.objects.count() == 2
    # Group attendance only for meetings held: none for a meeting that has not started, though some are ahead.
    assert GroupAttendance.objects.exists() and GroupMeeting.objects.filter(starts_at__gt=timezone.now()).exists()
    assert not GroupAttendance.objects.filter(meeting__starts_at__gt=timezone.now()).exists()
    assert CareArrangement.objects.exists()
    today = timezone.localdate()
    partnership_id = CounsellingClient.objects.first().partnership_id
    assert services.care_gaps(partnership_id, start=today, end=today + datetime.timedelta(weeks=4))
    withdrawn = [c for c in CounsellingClient.objects.all() if services.withdrawal_notice(c)]
    assert len(withdrawn) == 1
    for model in (CounsellingClient, ConfidentialNote, CareArrangement):  # the second run made no copies
        assert demo.second[model._meta.label] == demo.first[model._meta.label] > 0


# Founding groups


def test_the_demo_has_founding_groups_for_the_people_at_that_stage_one_short_of_founders(demo):
    from muflon.cooperatives import services
    from muflon.cooperatives.models import FoundingGroup, FoundingMember
    from muflon.people.models import Participant

    groups = list(FoundingGroup.objects.order_by("name"))
    assert len(groups) == 3
    at_the_stage = set(Participant.objects.filter(stage="founding_group").values_list("pk", flat=True))
    members = set(FoundingMember.objects.filter(left_on__isnull=True).values_list("participant_id", flat=True))
    assert at_the_stage == members - {None}
    assert FoundingMember.objects.filter(organisation__isnull=False).count() == 1
    # The demo's 300 people fill two groups; the third has two people, short of founders (with the 40 people of
    # this test, every group is short).
    short = FoundingGroup.objects.get(name="Zielone Ręce")
    assert short.members.count() == 2
    assert "too_few_founders" in [finding.code for finding in services.composition(short)]
    assert demo.second["cooperatives.FoundingGroup"] == demo.first["cooperatives.FoundingGroup"] == 3


def test_the_demo_people_in_cooperatives_are_their_members_and_the_employed_hold_jobs(demo):
    from muflon.cooperatives.models import CooperativeMember, Job
    from muflon.people.models import Participant

    members = Participant.objects.filter(stage__in=["cooperative_member", "employed_cooperative"])
    assert set(members.values_list("pk", flat=True)) == set(
        CooperativeMember.objects.values_list("participant_id", flat=True)
    )
    employed = set(Participant.objects.filter(stage="employed_cooperative").values_list("pk", flat=True))
    assert employed and employed == set(
        Job.objects.filter(ends_on__isnull=True).values_list("participant_id", flat=True)
    )
    assert demo.second["cooperatives.Cooperative"] == demo.first["cooperatives.Cooperative"] > 0


# The portal


def test_demo_content_is_complete_real_and_loaded_once(demo, client):
    from muflon.portal import uploads
    from muflon.portal.models import LibraryItem, LibraryVersion, NewsItem, Page, SuccessStory

    for model in (Page, NewsItem, SuccessStory, LibraryItem, LibraryVersion):  # the second run made no copies
        assert demo.second[model._meta.label] == demo.first[model._meta.label] > 0
    pilot = Partnership.objects.get(is_default=True)
    assert set(Page.objects.public_on(pilot).values_list("slug", flat=True)) == {
        "misja",
        "partnerstwo",
        "ekonomia-spoleczna",
        "co-upowszechniamy",
        "kontakt",
        "deklaracja-dostepnosci",
    }
    public_news = NewsItem.objects.public_on(pilot)
    assert 18 <= public_news.count() <= 22
    oldest = public_news.order_by("publish_at").first().publish_at
    assert (timezone.now() - oldest).days >= 700
    assert SuccessStory.objects.public_on(pilot).count() == 4
    assert SuccessStory.objects.filter(participant__isnull=False).count() == 2
    kinds = set(LibraryVersion.objects.values_list("kind", flat=True))
    assert {"pdf", "docx", "odt", "xlsx"} <= kinds
    for version in LibraryVersion.objects.all():
        with version.file.open("rb") as handle:
            upload = SimpleUploadedFile(f"plik.{version.kind}", handle.read())
        assert uploads.document_kind(upload).code == version.kind
    assert LibraryItem.objects.filter(visibility="staff").count() == 1
    assert LibraryItem.objects.filter(versions__number=2).exists()
    for path in ("/", "/news/", "/stories/", "/library/", "/pages/misja/", "/news/feed/"):
        assert client.get(path).status_code == 200, path
