"""Background work goes through the database-backed task queue and a worker runs it; a job whose worker died runs
again, its e-mail goes out once, and jobs that keep failing are listed for the partnership's administrator."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from muflon.core import tasks
from muflon.core.models import SentMessage
from muflon.core.tasks import recover_stale_tasks, send_email


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def running(result, *, minutes_ago, workers=1):
    """Make the queued job look taken by `workers` workers in turn, the last one `minutes_ago` minutes ago."""
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        worker_ids=[f"worker-{n}" for n in range(workers)],
    )
    return DBTaskResult.objects.get(id=result.id)


@pytest.mark.django_db(transaction=True)
def test_a_queued_task_waits_in_the_database_until_a_worker_runs_it():
    """The job is a row first (so it survives a restart), and the worker then sends the e-mail."""
    result = send_email.enqueue(["anna@example.org"], "Przypomnienie", "Jutro warsztaty o 10:00.")
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.READY
    assert mail.outbox == []

    run_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert [message.subject for message in mail.outbox] == ["Przypomnienie"]
    assert mail.outbox[0].to == ["anna@example.org"]


@pytest.mark.django_db(transaction=True)
def test_a_job_run_again_after_sending_sends_nothing_more():
    """The worker died after the e-mail went out: the job runs again (a second attempt) and sends nothing."""
    result = send_email.enqueue(["anna@example.org"], "Potwierdzenie", "Dziękujemy.")
    run_worker()
    DBTaskResult.objects.filter(id=result.id).update(status=TaskResultStatus.READY)

    run_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.attempts == 2
    assert result.return_value == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_jobs_with_one_key_send_one_email():
    for _ in range(2):
        send_email.enqueue(["anna@example.org"], "Przypomnienie", "Jutro.", key="reminder:1:anna@example.org")

    run_worker()

    assert len(mail.outbox) == 1
    assert SentMessage.objects.count() == 1
    assert "anna" not in SentMessage.objects.get().key_digest  # a digest: no address kept


@pytest.mark.django_db(transaction=True)
def test_an_email_the_server_refused_can_be_sent_by_a_later_job(monkeypatch):
    """A failed hand-over leaves no record behind, so the message is not taken for sent."""

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(tasks, "send_mail", refuse)
    failed = send_email.enqueue(["anna@example.org"], "Przypomnienie", "Jutro.", key="k")
    run_worker()
    failed.refresh()
    assert failed.status == TaskResultStatus.FAILED
    assert not SentMessage.objects.exists()

    monkeypatch.undo()
    send_email.enqueue(["anna@example.org"], "Przypomnienie", "Jutro.", key="k")
    run_worker()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_job_of_a_dead_worker_is_put_back_and_a_recent_one_is_left(settings):
    settings.MUFLON_TASK_STALE_SECONDS = 600
    dead = running(send_email.enqueue(["a@example.org"], "A", "a"), minutes_ago=11)
    alive = running(send_email.enqueue(["b@example.org"], "B", "b"), minutes_ago=9)

    assert recover_stale_tasks() == (1, 0)

    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == TaskResultStatus.READY and dead.worker_ids == ["worker-0"]
    assert alive.status == TaskResultStatus.RUNNING
    run_worker()
    dead.refresh_from_db()
    assert dead.status == TaskResultStatus.SUCCESSFUL and len(dead.worker_ids) == 2
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_a_job_that_lost_its_worker_too_often_fails_instead_of_looping(settings):
    settings.MUFLON_TASK_MAX_ATTEMPTS = 3
    twice = running(send_email.enqueue(["a@example.org"], "A", "a"), minutes_ago=60, workers=2)
    thrice = running(send_email.enqueue(["b@example.org"], "B", "b"), minutes_ago=60, workers=3)

    output = io.StringIO()
    call_command("recover_tasks", stdout=output)

    assert "1 put back in the queue, 1 marked failed" in output.getvalue()
    twice.refresh_from_db()
    thrice.refresh_from_db()
    assert twice.status == TaskResultStatus.READY
    assert thrice.status == TaskResultStatus.FAILED
    assert thrice.exception_class_path == "muflon.core.tasks.WorkerLost"
    assert "each of 3 attempts" in thrice.traceback


@pytest.mark.django_db(transaction=True)
def test_the_task_worker_puts_back_dead_workers_jobs_before_it_starts(settings):
    settings.MUFLON_TASK_STALE_SECONDS = 600
    result = send_email.enqueue(["a@example.org"], "A", "a")
    running(result, minutes_ago=11)

    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.attempts == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_administrator_lists_the_partnerships_failing_tasks_and_no_others(
    client, admin_user, outsider, monkeypatch
):
    """Failed jobs and jobs that lost a worker (waiting or running again), with the error's last line and who did
    not get the e-mail; another partnership's jobs, successful ones and first attempts stay off the list."""

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(tasks, "send_mail", refuse)
    ours = admin_user.partnership_id
    send_email.enqueue(["odmowa@example.org"], "A", "a", partnership_id=ours)
    send_email.enqueue(["inna@example.org"], "B", "b", partnership_id=outsider.partnership_id)
    run_worker()
    monkeypatch.undo()
    send_email.enqueue(["poszlo@example.org"], "C", "c", partnership_id=ours)
    run_worker()
    running(send_email.enqueue(["znowu@example.org"], "D", "d", partnership_id=ours), minutes_ago=60)
    recover_stale_tasks()
    running(send_email.enqueue(["drugi@example.org"], "F", "f", partnership_id=ours), minutes_ago=1, workers=2)
    running(send_email.enqueue(["pierwszy@example.org"], "G", "g", partnership_id=ours), minutes_ago=1)
    send_email.enqueue(["czeka@example.org"], "E", "e", partnership_id=ours)

    client.force_login(admin_user)
    page = client.get(reverse("accounts:failing_tasks")).content.decode()

    assert "odmowa@example.org" in page and "SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert "znowu@example.org" in page and "drugi@example.org" in page
    assert "inna@example.org" not in page and "poszlo@example.org" not in page
    assert "czeka@example.org" not in page and "pierwszy@example.org" not in page

    client.force_login(outsider)
    page = client.get(reverse("accounts:failing_tasks")).content.decode()
    assert "inna@example.org" in page and "odmowa@example.org" not in page
