"""Background tasks shared by every area: e-mail goes out through the database-backed worker."""

from django.core.mail import send_mail
from django.tasks import task


@task()
def send_email(recipients: list[str], subject: str, body: str) -> int:
    """Send one plain-text e-mail; queued so that a slow mail server never holds up a page."""
    return send_mail(subject, body, None, recipients)
