"""Background work goes through the database-backed task queue and a worker runs it."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from muflon.core.tasks import send_email


@pytest.mark.django_db(transaction=True)
def test_a_queued_task_waits_in_the_database_until_a_worker_runs_it():
    """The job is a row first (so it survives a restart), and the worker then sends the e-mail."""
    result = send_email.enqueue(["anna@example.org"], "Przypomnienie", "Jutro warsztaty o 10:00.")
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.READY
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert [message.subject for message in mail.outbox] == ["Przypomnienie"]
    assert mail.outbox[0].to == ["anna@example.org"]
