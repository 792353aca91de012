"""Confidential notes at rest: encrypted in the database, with keys that can be rotated."""

import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from muflon.care import encryption, services
from muflon.care.models import ConfidentialNote

pytestmark = pytest.mark.django_db

SECRET = "Klientka mówi o przemocy w domu – kanarek 7f3a"


def raw_ciphertexts():
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext FROM care_confidentialnote ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def database_dump() -> str:
    """Every value of every table, as a dump would hold it."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from the schema
            parts.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(parts)


def test_the_raw_column_holds_no_plaintext(care_client, counsellor):
    services.write_note(care_client, SECRET, by=counsellor)
    [stored] = raw_ciphertexts()
    assert stored.startswith("gAAAAA")  # a Fernet token
    assert "kanarek" not in stored and "przemocy" not in stored
    assert ConfidentialNote.objects.get().read_text() == SECRET


def test_a_database_dump_alone_does_not_reveal_a_note(care_client, counsellor, client):
    note = services.write_note(care_client, SECRET, by=counsellor)
    client.force_login(counsellor)
    client.get(f"/app/care/notes/{note.pk}/")  # a read, audited
    dump = database_dump()
    assert "kanarek 7f3a" not in dump
    assert "przemocy" not in dump


def test_rotation_re_encrypts_every_note_with_the_new_key(settings, care_client, counsellor, field_key):
    notes = [services.write_note(care_client, f"{SECRET} {n}", by=counsellor) for n in range(3)]
    before = raw_ciphertexts()
    new_key = Fernet.generate_key().decode()
    settings.MUFLON_FIELD_KEYS = [new_key, field_key]
    output = io.StringIO()
    call_command("rotate_field_key", stdout=output)
    assert "Re-encrypted 3 confidential notes" in output.getvalue()
    after = raw_ciphertexts()
    assert all(old != new for old, new in zip(before, after, strict=True))
    # The old key is removed: the notes still read with the new one alone, and no longer with the old one.
    settings.MUFLON_FIELD_KEYS = [new_key]
    assert [ConfidentialNote.objects.get(pk=n.pk).read_text() for n in notes] == [f"{SECRET} {n}" for n in range(3)]
    settings.MUFLON_FIELD_KEYS = [field_key]
    with pytest.raises(InvalidToken):
        ConfidentialNote.objects.get(pk=notes[0].pk).read_text()


def test_the_old_key_still_decrypts_until_rotation(settings, care_client, counsellor, field_key):
    note = services.write_note(care_client, SECRET, by=counsellor)
    settings.MUFLON_FIELD_KEYS = [Fernet.generate_key().decode(), field_key]
    assert ConfidentialNote.objects.get(pk=note.pk).read_text() == SECRET


def test_a_read_of_a_note_that_fits_no_key_fails_loudly(settings, care_client, counsellor):
    note = services.write_note(care_client, SECRET, by=counsellor)
    settings.MUFLON_FIELD_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(InvalidToken):
        note.read_text()


def test_the_counsellor_is_told_when_a_note_fits_no_key(settings, client, care_client, counsellor):
    from django.urls import reverse

    note = services.write_note(care_client, SECRET, by=counsellor)
    settings.MUFLON_FIELD_KEYS = [Fernet.generate_key().decode()]
    settings.LANGUAGE_CODE = "en"
    client.force_login(counsellor)
    response = client.get(reverse("care:note", args=[note.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.redirect_chain == [(reverse("care:client", args=[care_client.pk]), 302)]
    assert "cannot be decrypted" in response.content.decode()


def test_without_a_key_in_the_environment_a_key_file_is_made_once(settings, tmp_path):
    settings.MUFLON_FIELD_KEYS = []
    settings.MUFLON_FIELD_KEY_FILE = tmp_path / "var" / "field.key"
    token = encryption.encrypt("tekst")
    key_file = settings.MUFLON_FIELD_KEY_FILE
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert encryption.decrypt(token) == "tekst"
    assert encryption.field_keys() == (key_file.read_text().strip(),)
    assert list(key_file.parent.iterdir()) == [key_file]  # no draft left behind


def test_no_key_and_no_key_file_refuses(settings):
    settings.MUFLON_FIELD_KEYS = []
    settings.MUFLON_FIELD_KEY_FILE = None
    with pytest.raises(ImproperlyConfigured, match="MUFLON_FIELD_KEY"):
        encryption.encrypt("tekst")


def test_a_malformed_key_refuses(settings):
    settings.MUFLON_FIELD_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured, match="not a Fernet key"):
        encryption.encrypt("tekst")


def test_rotation_with_keys_that_cannot_read_the_notes_stops_with_a_message_and_changes_nothing(
    settings, care_client, counsellor
):
    from django.core.management.base import CommandError

    services.write_note(care_client, SECRET, by=counsellor)
    before = raw_ciphertexts()
    settings.MUFLON_FIELD_KEYS = [Fernet.generate_key().decode()]  # the old key forgotten
    with pytest.raises(CommandError, match="1 confidential notes .* cannot be read with any key") as refusal:
        call_command("rotate_field_key", stdout=io.StringIO())
    assert "put the key these notes were written with after it" in str(refusal.value)
    assert raw_ciphertexts() == before


def test_rotation_with_a_malformed_key_stops_with_a_message(settings, care_client, counsellor):
    from django.core.management.base import CommandError

    services.write_note(care_client, SECRET, by=counsellor)
    settings.MUFLON_FIELD_KEYS = ["not-a-key"]
    with pytest.raises(CommandError, match="not a Fernet key"):
        call_command("rotate_field_key", stdout=io.StringIO())


def test_a_bad_development_key_gives_a_message_not_a_server_error(settings, tmp_path, english, care_client, counsellor):
    from django.core.management import call_command as run
    from django.core.management.base import SystemCheckError
    from django.urls import reverse

    note = services.write_note(care_client, SECRET, by=counsellor)
    settings.MUFLON_FIELD_KEYS = []
    settings.MUFLON_FIELD_KEY_FILE = tmp_path / "field.key"
    settings.MUFLON_FIELD_KEY_FILE.write_text("garbage\n")
    english.force_login(counsellor)

    read = english.get(reverse("care:note", args=[note.pk]), follow=True)
    assert read.redirect_chain == [(reverse("care:client", args=[care_client.pk]), 302)]
    assert "the encryption key is not set up correctly" in read.content.decode()

    written = english.post(reverse("care:note_create", args=[care_client.pk]), {"text": "Nowa notatka"}, follow=True)
    assert written.status_code == 200 and "Nothing was saved" in written.content.decode()
    assert ConfidentialNote.objects.count() == 1

    with pytest.raises(SystemCheckError, match="delete the file to make a new one"):
        run("check")
