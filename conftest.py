"""Shared fixtures: two partnerships and a named cast of users, one per role, in the first.

Also the `--shift-clock-days=N` option: the whole session runs with the clock moved N days ahead (time-machine,
process-wide, ticking), so that `pytest -m dates --shift-clock-days=365` shows which tests depend on today's date.
"""

import datetime

import pytest

from muflon.accounts.models import Role
from tests.factories import (
    make_anna_nowak,
    make_cast,
    make_labour_office,
    make_other_partnership,
    make_outsider,
    make_pilot_partnership,
    pilot_gmina,
)

CLOCK_TRAVEL = pytest.StashKey()


def pytest_addoption(parser):
    parser.addoption(
        "--shift-clock-days",
        type=float,
        default=0,
        metavar="DAYS",
        help="Run the session with the clock moved DAYS days ahead (negative: back); browser tests are left out.",
    )


def pytest_configure(config):
    days = config.getoption("shift_clock_days")
    if days:
        import time_machine

        # Started before any test module is imported, so that module-level dates move too. The clock ticks on.
        travel = time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=days), tick=True)
        travel.start()
        config.stash[CLOCK_TRAVEL] = travel


def pytest_unconfigure(config):
    travel = config.stash.get(CLOCK_TRAVEL, None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config):
    if CLOCK_TRAVEL in config.stash:
        now = datetime.datetime.now(datetime.UTC)
        return f"clock moved {config.getoption('shift_clock_days'):g} days: now is {now:%Y-%m-%d %H:%M} UTC"
    return None


def pytest_collection_modifyitems(config, items):
    """With a moved clock, leave out browser tests: Chromium keeps the real time."""
    if CLOCK_TRAVEL not in config.stash:
        return
    browser = [item for item in items if item.get_closest_marker("browser")]
    if browser:
        config.hook.pytest_deselected(items=browser)
        items[:] = [item for item in items if not item.get_closest_marker("browser")]


# Modules whose tests share data built once for the module (tests/module_data.py): with -n N, each goes whole to
# one worker, so that the data is built once (the fuzz test's also opens every page as every subject first).
# Other modules may split; a worker then builds their data again.
ONE_WORKER_MODULES = {"tests/test_demo.py", "tests/test_fuzz.py"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With `-n N` (xdist then picks `--dist load`), tests are handed out one by one in collection order, so that
    each worker still runs pytest-django's plain database tests before the transactional ones, whose flush empties
    the migrated reference data (loadfile and loadscope send whole files in another order, and tests then found no
    exclusion categories); the modules in ONE_WORKER_MODULES go whole, and first, to one worker. xdist's loadgroup
    was meant for this, but with pytest 9.2 it no longer groups anything (pytest-xdist issue #1386)."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OneByOneInOrder(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if module in ONE_WORKER_MODULES else nodeid

    return OneByOneInOrder(config, log)


@pytest.fixture(scope="session")
def migrated_template(request, django_db_modify_db_settings):
    """The migrated SQLite test database made once and copied (tests/migrated_template.py); None on PostgreSQL and
    with pytest-django's own --reuse-db or --create-db."""
    from django.db import connections

    from tests.migrated_template import Template

    if request.config.getvalue("reuse_db") or request.config.getvalue("create_db"):
        return None
    if list(connections.settings) != ["default"] or connections["default"].vendor != "sqlite":
        return None
    return Template(connections["default"].settings_dict)


@pytest.fixture(scope="session")
def django_db_keepdb(request, migrated_template):
    """pytest-django keeps a test database copied from the migrated template (its `migrate` then has nothing to do)."""
    if migrated_template is not None:
        return migrated_template.copy_or_lock()
    return request.config.getvalue("reuse_db")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, migrated_template, django_db_keepdb):
    """pytest-django's, then the freshly migrated SQLite database saved as the template for the next ones."""
    if migrated_template is not None and not django_db_keepdb:
        migrated_template.save()
    yield


@pytest.fixture(scope="session", autouse=True)
def files_outside_var(tmp_path_factory):
    """Portal files go to the session's own temporary folder (one per xdist worker), never to var/files, which the
    demo and the other workers use. (var/field.key may be shared: it is made once, atomically, and only read.)"""
    from django.test.utils import override_settings

    with override_settings(PORTAL_FILES_ROOT=tmp_path_factory.mktemp("files")):
        yield


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the default language: a language activated by an earlier test (a request through
    LocaleMiddleware leaves it active in the thread) must not decide the next one, whichever worker runs it."""
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: ids repeat between tests, so cached figures or pages must not."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def partnership(db):
    return make_pilot_partnership()


@pytest.fixture
def other_partnership(db):
    """A second tenant: nothing of it may ever reach the first partnership's users, or back."""
    return make_other_partnership()


@pytest.fixture
def gmina(db):
    return pilot_gmina()


@pytest.fixture
def labour_office(partnership):
    return make_labour_office(partnership)


@pytest.fixture
def cast(partnership, gmina, labour_office):
    """One user per role in the pilot partnership, keyed by role."""
    return make_cast(partnership, gmina, labour_office)


@pytest.fixture
def outsider(other_partnership):
    """The administrator and coordinator of the other partnership."""
    return make_outsider(other_partnership)


@pytest.fixture
def admin_user(cast):
    return cast[Role.ADMIN]


@pytest.fixture
def coordinator(cast):
    return cast[Role.COORDINATOR]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests hash passwords with a fast hasher; production keeps Django's default."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def participant(cast, partnership, gmina, labour_office):
    """Anna Nowak: referred by the labour office (progress shared), advised by the advisor, with a plan
    whose counselling item belongs to the counsellor."""
    return make_anna_nowak(cast, partnership, gmina, labour_office)
