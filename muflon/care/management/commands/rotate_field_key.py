"""`manage.py rotate_field_key`: encrypt every confidential note again with the current key."""

from django.core.management.base import BaseCommand, CommandError

from muflon.care.encryption import KeyProblem
from muflon.care.services import NotesUnreadable, rotate_note_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every confidential note with the first key of MUFLON_FIELD_KEY, in one transaction. "
        "Put the new key first and keep the old ones after it; once this has run, the old keys can go."
    )

    def handle(self, *args, **options):
        try:
            count = rotate_note_keys()
        except (NotesUnreadable, KeyProblem) as problem:
            raise CommandError(str(problem)) from None
        self.stdout.write(f"Re-encrypted {count} confidential notes with the current key.")
