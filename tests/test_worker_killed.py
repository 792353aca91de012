"""A worker killed in the middle of a task: the job is noticed, runs again, and its e-mail arrives exactly once.

Slow (two worker processes, about ten seconds; more on a loaded machine)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from muflon.core.tasks import send_email

SUBJECT = "Potwierdzenie zapisu 7f3c"  # ASCII and unique, to count in the files
TIMEOUT = 240  # seconds; a worker starts in a few, but on a loaded 2-core machine it took up to a minute


def database_url() -> str:
    """The test database, for the worker processes (the file or PostgreSQL database this test writes to)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgresql://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(mail_dir: Path, *options: str, **environment: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "muflon.settings",
        "DATABASE_URL": database_url(),
        "DJANGO_EMAIL_BACKEND": "tests.slow_mail.EmailBackend",
        "MUFLON_TEST_MAIL_DIR": str(mail_dir),
        **environment,
    }
    command = [sys.executable, "manage.py", "task_worker", "--no-reload", "--no-startup-delay", "-v", "0", *options]
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)


def messages_in(mail_dir: Path) -> int:
    return sum(path.read_text().count(f"Subject: {SUBJECT}") for path in mail_dir.glob("*.log"))


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Waited {TIMEOUT} s for {what}.")
        time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_after_sending_leaves_one_email_and_the_job_done(tmp_path):
    """The worker sends the e-mail and is killed (SIGKILL) before it can mark the job done; the job is left
    running. Recovery puts it back, a new worker runs it again, and the e-mail is not sent a second time."""
    result = send_email.enqueue(["anna@example.org"], SUBJECT, "Dziękujemy za zapis.")
    workers = []
    try:
        first = start_worker(
            tmp_path, "--interval", "0.2", MUFLON_TEST_MAIL_PAUSE="600", MUFLON_TASK_STALE_SECONDS="3600"
        )
        workers.append(first)
        wait_for(lambda: messages_in(tmp_path) == 1, "the first worker to send the e-mail")
        first.send_signal(signal.SIGKILL)
        first.wait(TIMEOUT)
        job = DBTaskResult.objects.get(id=result.id)
        assert job.status == TaskResultStatus.RUNNING and len(job.worker_ids) == 1  # left "running" for ever

        # The new worker finds the dead worker's job at its start (a job running longer than 0 s is stale here).
        second = start_worker(
            tmp_path, "--batch", MUFLON_TEST_MAIL_PAUSE="0", MUFLON_TASK_STALE_SECONDS="0", MUFLON_TASK_MAX_ATTEMPTS="3"
        )
        workers.append(second)
        assert second.wait(TIMEOUT) == 0
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    job.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert len(job.worker_ids) == 2 and job.worker_ids[0] != job.worker_ids[1]
    assert job.return_value == 0  # the second run sent nothing
    assert messages_in(tmp_path) == 1
