"""Background tasks shared by every area, and the queue kept whole: a job whose worker died runs again, an e-mail
goes out once however often its job runs, and jobs that keep failing are listed for the partnership's administrator.

A task that belongs to a partnership takes `partnership_id` as a keyword argument: the jobs are installation-wide
rows, and that argument is how the partnership's administrator sees theirs (and only theirs) when they fail.
"""

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.tasks import TaskContext, TaskResultStatus, task
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from muflon.core.models import SentMessage

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running a job stopped (killed, out of memory, the machine restarted) before the job finished."""


@task(takes_context=True)
def send_email(
    context: TaskContext,
    recipients: list[str],
    subject: str,
    body: str,
    *,
    key: str = "",
    partnership_id: int | None = None,
) -> int:
    """Send one plain-text e-mail, once per `key` (the job's id unless given); returns how many were sent.

    Queued so that a slow mail server never holds up a page. A job run again after its worker died, or a second
    job with the same `key`, finds the message recorded and sends nothing.
    """
    digest = hashlib.sha256((key or context.task_result.id).encode()).hexdigest()
    # Recorded (and committed) before the message goes to the mail server, so it is never sent twice. The price:
    # a worker killed between the record and the server's acceptance, a window of one SMTP exchange, loses that
    # message. Recording after sending would instead send twice whenever the worker died after the exchange and
    # before the record; we chose never twice, and a failed exchange removes the record so a new job may send it.
    _, is_new = SentMessage.objects.get_or_create(key_digest=digest)
    if not is_new:
        logger.info("E-mail %s went out in an earlier run; not sending it again.", digest[:12])
        return 0
    try:
        return send_mail(subject, body, None, recipients)
    except BaseException:
        SentMessage.objects.filter(key_digest=digest).delete()
        raise


def recover_stale_tasks() -> tuple[int, int]:
    """Put back in the queue the jobs whose worker died; returns how many were put back and how many failed.

    The library marks a job running and adds the worker's id to `worker_ids` each time a worker takes it, and it
    keeps no heartbeat: a job still running MUFLON_TASK_STALE_SECONDS after it started is taken for a dead
    worker's. One whose worker died MUFLON_TASK_MAX_ATTEMPTS times is marked failed instead of looping. Should the
    worker be alive after all (a task slower than the limit), the job runs twice, which every task must bear.
    """
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.MUFLON_TASK_STALE_SECONDS)
    requeued = failed = 0
    with transaction.atomic():
        stale = DBTaskResult.objects.running().filter(started_at__lte=cutoff).select_for_update(skip_locked=True)
        for job in stale:
            if len(job.worker_ids) >= settings.MUFLON_TASK_MAX_ATTEMPTS:
                job.set_failed(WorkerLost(f"The worker stopped during each of {len(job.worker_ids)} attempts."))
                failed += 1
            else:
                job.status = TaskResultStatus.READY
                job.save(update_fields=["status"])
                requeued += 1
    if requeued or failed:
        logger.warning("Jobs of workers that died: %d put back in the queue, %d marked failed.", requeued, failed)
    return requeued, failed


@dataclass(frozen=True)
class FailingJob:
    """A failed job, or one whose worker died and that waits or runs again, as its partnership's administrator
    sees it: no argument beyond the recipients of an e-mail (who did not get it, so someone may tell them)."""

    name: str
    state: str
    enqueued_at: datetime.datetime
    last_attempt_at: datetime.datetime | None
    attempts: int
    error: str
    recipients: list[str]

    @classmethod
    def of(cls, job: DBTaskResult) -> "FailingJob":
        if job.status == TaskResultStatus.FAILED:
            state = _("Failed")
            lines = [line for line in job.traceback.splitlines() if line.strip()]
            error = lines[-1] if lines else job.exception_class_path
        else:
            state = _("Waiting to run again") if job.status == TaskResultStatus.READY else _("Running again")
            error = _("The worker running it stopped before the end.")
        is_email = job.task_path == send_email.module_path
        return cls(
            name=job.task_name,
            state=state,
            enqueued_at=job.enqueued_at,
            last_attempt_at=job.started_at,
            attempts=len(job.worker_ids),
            error=error,
            recipients=job.args_kwargs["args"][0] if is_email else [],
        )


def failing_jobs(*, partnership_id: int):
    """The partnership's jobs that failed or lost a worker and wait to run again, newest first."""
    # A worker adds its id when it takes the job: one waiting with an id, or running with two, lost a worker.
    lost_a_worker = Q(status=TaskResultStatus.READY, worker_ids__0__isnull=False) | Q(
        status=TaskResultStatus.RUNNING, worker_ids__1__isnull=False
    )
    return (
        DBTaskResult.objects.filter(args_kwargs__kwargs__partnership_id=partnership_id)
        .filter(Q(status=TaskResultStatus.FAILED) | lost_a_worker)
        .order_by("-enqueued_at")
    )
