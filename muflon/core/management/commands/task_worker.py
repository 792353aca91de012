"""`manage.py task_worker`: django-tasks-db's `db_worker` that first, and then every minute, puts back in the queue
the jobs of workers that died (see `muflon.core.tasks.recover_stale_tasks`)."""

import logging
import os
import threading
import time

from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from muflon.core.tasks import recover_stale_tasks

RECOVERY_INTERVAL_SECONDS = 60

logger = logging.getLogger(__name__)


def recover_periodically() -> None:
    while True:
        time.sleep(RECOVERY_INTERVAL_SECONDS)
        try:
            recover_stale_tasks()
        except Exception:
            # A locked or unreachable database now is no reason to stop the worker; the next round tries again.
            logger.exception("Recovering the jobs of dead workers failed.")
        finally:
            close_old_connections()


class Command(db_worker.Command):
    help = (
        "Run the background worker (django-tasks-db's db_worker, same options); at its start and every minute, jobs "
        "whose worker died are put back in the queue."
    )

    def handle(self, *args, **options):
        # With --reload the first process only watches files and restarts a child that runs the tasks.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            recover_stale_tasks()
            threading.Thread(target=recover_periodically, name="recover-tasks", daemon=True).start()
        super().handle(*args, **options)
