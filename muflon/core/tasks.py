"""Background tasks shared by every area: e-mail goes out through the database-backed worker, and once however often
its job runs."""

import hashlib
import logging

from django.core.mail import send_mail
from django.tasks import TaskContext, task

from muflon.core.models import SentMessage

logger = logging.getLogger(__name__)


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
