"""An e-mail backend for tests that run a worker in another process: it writes each message to a file in
MUFLON_TEST_MAIL_DIR, where the test reads it, and then pauses MUFLON_TEST_MAIL_PAUSE seconds, so that the test
can kill the worker after the e-mail went out and before the task finished."""

import os
import time

from django.core.mail.backends import filebased


class EmailBackend(filebased.EmailBackend):
    def __init__(self, *, file_path=None, **kwargs):
        super().__init__(file_path=file_path or os.environ["MUFLON_TEST_MAIL_DIR"], **kwargs)

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        time.sleep(float(os.environ.get("MUFLON_TEST_MAIL_PAUSE", "0")))
        return sent
