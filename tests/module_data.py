"""Data built once for a whole test module instead of once per test (the demo, the access matrix's world).

It is written in a transaction of the module's own, which is rolled back after the module's last test. Each test
still runs in its own transaction nested inside it (a savepoint), so whatever a test writes is undone after it, as
usual, and every test sees the data exactly as it was built. Rolling back, rather than flushing, leaves the
database as migrations made it, migrated data included, for the tests that follow on the same worker.

Use it from a module-scoped fixture; the module's tests must use the database (`db`), so that they run in their
own nested transaction:

    @pytest.fixture(scope="module")
    def world(django_db_setup, django_db_blocker):
        with rolled_back_after_the_module(django_db_blocker):
            with django_db_blocker.unblock():
                world = build()
            yield world
"""

import contextlib

from django.db import transaction
from django.test.utils import override_settings

# As the root conftest's `fast_password_hashing`, which is per test and so not yet in force for module data.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextlib.contextmanager
def rolled_back_after_the_module(django_db_blocker, **settings):
    """Open the module's transaction (with `settings` overridden until the end); roll it back at the end."""
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, **settings):
        atomic = transaction.atomic()
        with django_db_blocker.unblock():
            atomic.__enter__()
        try:
            yield
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
