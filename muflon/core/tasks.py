"""Background tasks shared by every area, and the queue kept whole: a job whose worker died runs again, and an
e-mail goes out once however often its job runs."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import TaskContext, TaskResultStatus, task
from django.utils import timezone
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
