"""Configuration: production refuses unsafe settings; a bad DATABASE_URL stops with one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from muflon.settings import database_from_url

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k" * 20 + "-production-secret-" + "x" * 20
# A Fernet key (32 bytes, URL-safe base64) for the confidential notes of the care area.
FIELD_KEY = "bXVmbG9uLXRlc3QtZmllbGQta2V5LTMyLWJ5dGVzISE="


def manage(*args, **env):
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def production(**env):
    base = {
        "DJANGO_SETTINGS_MODULE": "muflon.settings_production",
        "DJANGO_SECRET_KEY": GOOD_KEY,
        "DJANGO_ALLOWED_HOSTS": "muflon.example.org",
        "DATABASE_URL": "sqlite:////tmp/muflon-production-check.sqlite3",
        "MUFLON_FIELD_KEY": FIELD_KEY,
    }
    base.update(env)
    return base


def test_production_settings_pass_the_deployment_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "django-insecure-muflon-development-only"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_DEBUG": "1"}, "DJANGO_DEBUG"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS"),
        ({"DATABASE_URL": ""}, "DATABASE_URL"),
        ({"MUFLON_FIELD_KEY": ""}, "MUFLON_FIELD_KEY"),
        ({"MUFLON_FIELD_KEY": "not-a-fernet-key"}, "MUFLON_FIELD_KEY"),
        ({"MUFLON_FIELD_KEY": f"{FIELD_KEY},short"}, "MUFLON_FIELD_KEY"),
    ],
)
def test_production_refuses_to_start_when_unsafe(env, message):
    """The default secret key, DEBUG on, no hosts, no database or no key for confidential notes: one line,
    exit code 1."""
    result = manage("check", **production(**env))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Configuration error:")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "url",
    ["mysql://root@localhost/muflon", "sqlite:///relative.sqlite3", "", "postgresql://postgres@127.0.0.1:5432"],
)
def test_a_broken_database_url_stops_the_command_with_one_line(url):
    result = manage("migrate", DATABASE_URL=url)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Configuration error: DATABASE_URL")


def test_an_unreachable_database_stops_the_command_with_one_line():
    result = manage("migrate", DATABASE_URL="postgresql://postgres@127.0.0.1:1/muflon")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Database error")


def test_sqlite_runs_in_wal_mode_with_immediate_transactions_and_a_busy_timeout():
    config = database_from_url("sqlite:////tmp/muflon-example.sqlite3")
    assert config["NAME"] == "/tmp/muflon-example.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_a_postgresql_url_selects_postgresql():
    config = database_from_url("postgresql://postgres@127.0.0.1:5432/test")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "test"


def test_an_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="unsupported scheme"):
        database_from_url("oracle://x/y")


@pytest.mark.django_db
def test_the_running_database_uses_wal_when_it_is_sqlite():
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_security_headers_are_sent(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
