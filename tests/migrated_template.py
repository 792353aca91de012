"""The migrated SQLite test database, made once and copied: each xdist worker of each run used to apply every
migration again (about 5 s of CPU each, most of it Django rebuilding the models' states).

The first worker to need a database takes a lock, finds no template for the current migrations and migrates its own
test database as usual, then saves a copy beside it; the other worker, waiting on the lock, and every later run
(`make test`'s second run, the next `make test`) copy that file instead. The template's name holds a hash of every
migration, the data files they load, the pinned packages and Django's version, so a changed migration makes a new
one. PostgreSQL keeps pytest-django's usual creation."""

import fcntl
import hashlib
import shutil
import sqlite3
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ["muflon/*/migrations/*.py", "muflon/*/data/*", "requirements.txt"]
PREFIX = "test-migrated-"


def key() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    for path in sorted(path for pattern in INPUTS for path in ROOT.glob(pattern)):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Template:
    """The template of one SQLite test database (its settings dict, test name already set for this worker)."""

    def __init__(self, settings_dict):
        self.database = Path(settings_dict["TEST"]["NAME"])
        self.folder = Path(settings_dict["NAME"]).parent
        self.path = self.folder / f"{PREFIX}{key()}.sqlite3"
        self.lock = None

    def copy_or_lock(self) -> bool:
        """Copy the template over the test database and return True; or, when there is none yet, return False
        holding the lock until `save()`, so that the other worker waits for it instead of migrating too."""
        self.lock = open(self.folder / f"{PREFIX}lock", "w")  # held until save() or just below
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        if not self.path.exists():
            return False
        for leftover in (self.database, *self.companions(self.database)):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(self.path, self.database)
        self.unlock()
        return True

    def save(self) -> None:
        """A consistent copy of the freshly migrated test database (SQLite's backup: the WAL's pages included)."""
        partial = self.path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        source, target = sqlite3.connect(self.database), sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        partial.replace(self.path)
        for old in self.folder.glob(f"{PREFIX}*.sqlite3"):
            if old != self.path:
                old.unlink(missing_ok=True)
        self.unlock()

    def unlock(self) -> None:
        if self.lock is not None:
            self.lock.close()  # closing the file releases the lock
            self.lock = None

    @staticmethod
    def companions(database: Path):
        return [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
