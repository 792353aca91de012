"""Encryption of confidential notes at rest: Fernet keys from MUFLON_FIELD_KEY, the first one current."""

import functools
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "KeyProblem", "decrypt", "encrypt", "field_keys", "rotate"]


class KeyProblem(ImproperlyConfigured):
    """The keys are missing or not Fernet keys; the message says how to put it right."""


def field_keys() -> tuple[str, ...]:
    """The keys from settings (the environment); without them, the development key file under var/."""
    keys = tuple(getattr(settings, "MUFLON_FIELD_KEYS", ()) or ())
    if keys:
        return keys
    key_file = getattr(settings, "MUFLON_FIELD_KEY_FILE", None)
    if not key_file:
        raise KeyProblem("MUFLON_FIELD_KEY must be set: confidential notes cannot be encrypted without it.")
    return (development_key(Path(key_file)),)


def development_key(path: Path) -> str:
    """The key kept in a file (development, demo, tests), made on first use; never used in production."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    draft.write_text(Fernet.generate_key().decode() + "\n")
    draft.chmod(0o600)
    try:
        # A link never overwrites: when two processes race, both end up with the first one's key.
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()


@functools.lru_cache(maxsize=8)
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError):
        if getattr(settings, "MUFLON_FIELD_KEYS", None):
            where = "MUFLON_FIELD_KEY holds a key"
            fix = "Set it to the keys the notes were written with, comma-separated, the current one first."
        else:
            where = f"The development key file {settings.MUFLON_FIELD_KEY_FILE} holds a key"
            fix = (
                "Put the key that was there back, or delete the file to make a new one "
                "(notes written before can then no longer be read)."
            )
        raise KeyProblem(f"{where} that is not a Fernet key (32 bytes, URL-safe base64). {fix}") from None


def encrypt(text: str) -> str:
    """A token encrypted with the current (first) key."""
    return _cipher(field_keys()).encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The text of a token made with any of the keys; InvalidToken when none of them fits."""
    return _cipher(field_keys()).decrypt(token.encode("ascii")).decode()


def rotate(token: str) -> str:
    """The same text encrypted again with the current key."""
    return _cipher(field_keys()).rotate(token.encode("ascii")).decode("ascii")
