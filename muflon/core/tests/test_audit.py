"""The audit log: changes with their author, masked secrets, confidential reads, no editing, scoping."""

import pytest
from django.urls import reverse

from muflon.accounts.models import Organisation, Role
from muflon.core import audit
from muflon.core.models import AuditEntry
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def entries_for(obj):
    return AuditEntry.objects.filter(object_id=str(obj.pk), object_repr=str(obj)).order_by("id")


def test_create_update_and_delete_are_recorded_with_the_changes(partnership):
    organisation = OrganisationFactory(partnership=partnership, name="Fundacja A", kind=Organisation.Kind.NGO)
    organisation.phone = "600 100 200"
    organisation.save()
    organisation.save()  # nothing changed: no entry
    pk = organisation.pk
    organisation.delete()

    entries = list(AuditEntry.objects.filter(object_id=str(pk), content_type__model="organisation").order_by("id"))
    assert [entry.action for entry in entries] == ["create", "update", "delete"]
    assert entries[0].changes["name"] == {"new": "Fundacja A"}
    assert entries[1].changes == {"phone": {"old": "", "new": "600 100 200"}}
    assert all(entry.partnership_id == partnership.pk for entry in entries)


def test_a_change_made_in_a_request_names_its_author_and_address(client, admin_user, labour_office):
    client.force_login(admin_user)
    form = {"name": "Urząd Pracy w Wałbrzychu", "kind": "labour_office", "gmina": "", "nip": "8567346215"}
    response = client.post(reverse("accounts:organisation_edit", args=[labour_office.pk]), form)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update", content_type__model="organisation").get()
    assert entry.actor == admin_user
    assert entry.actor_label == "admin"
    assert entry.ip_address == "127.0.0.1"
    assert entry.changes["name"] == {"old": "Urząd Pracy", "new": "Urząd Pracy w Wałbrzychu"}


def test_passwords_appear_only_as_changed(coordinator):
    coordinator.set_password("Zupelnie-Nowe-1")
    coordinator.save()
    entry = AuditEntry.objects.filter(action="update", object_id=str(coordinator.pk)).latest("id")
    assert entry.changes == {"password": {"changed": True}}
    assert "Zupelnie" not in str(AuditEntry.objects.values_list("changes", flat=True))


def test_confidential_reads_and_refusals_are_recorded(coordinator, labour_office):
    audit.record_read(labour_office, actor=coordinator, what="notes")
    audit.record_denied(labour_office, actor=coordinator, what="notes")
    actions = list(entries_for(labour_office).values_list("action", "actor_label"))
    assert actions[-2:] == [("read", "coordinator"), ("denied", "coordinator")]


def test_audit_entries_cannot_be_changed_or_deleted(labour_office):
    entry = entries_for(labour_office).first()
    entry.object_repr = "forged"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_only_the_administrator_reads_the_log_and_only_of_their_partnership(admin_user, cast, outsider):
    OrganisationFactory(partnership=outsider.partnership, name="Tajna Fundacja Innych")
    visible = AuditEntry.objects.visible_to(admin_user)
    assert visible.exists()
    assert not visible.filter(object_repr="Tajna Fundacja Innych").exists()
    assert set(visible.values_list("partnership_id", flat=True)) == {admin_user.partnership_id}
    assert not AuditEntry.objects.visible_to(cast[Role.COORDINATOR]).exists()


def test_audit_log_page_filters_and_never_shows_another_partnership(client, admin_user, outsider):
    OrganisationFactory(partnership=outsider.partnership, name="Tajna Fundacja Innych")
    OrganisationFactory(partnership=admin_user.partnership, name="Nasza Fundacja")
    client.force_login(admin_user)
    page = client.get(reverse("core:audit_log")).content.decode()
    assert "Nasza Fundacja" in page
    assert "Tajna Fundacja Innych" not in page
    filtered = client.get(reverse("core:audit_log"), {"action": "login_failed"}).content.decode()
    assert "Nasza Fundacja" not in filtered


def test_audit_log_page_refuses_an_end_date_before_the_start(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("core:audit_log"), {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.context["form"].errors["date_to"]


def test_audit_log_pages_without_counting(client, admin_user):
    for number in range(55):
        UserFactory(partnership=admin_user.partnership, username=f"bulk{number}")
    client.force_login(admin_user)
    first = client.get(reverse("core:audit_log"))
    assert len(first.context["page"].rows) == 50
    assert first.context["page"].has_next
    second = client.get(reverse("core:audit_log"), {"page": 2})
    assert second.context["page"].has_previous
