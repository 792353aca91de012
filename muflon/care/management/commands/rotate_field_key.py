"""`manage.py rotate_field_key`: encrypt every confidential note again with the current key."""

from django.core.management.base import BaseCommand

from muflon.care.services import rotate_note_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every confidential note with the first key of MUFLON_FIELD_KEY, in one transaction. "
        "Put the new key first and keep the old ones after it; once this has run, the old keys can go."
    )

    def handle(self, *args, **options):
        count = rotate_note_keys()
        self.stdout.write(f"Re-encrypted {count} confidential notes with the current key.")
