"""`manage.py recover_tasks`: put back in the queue the jobs whose worker died (`task_worker` does it by itself)."""

from django.core.management.base import BaseCommand

from muflon.core.tasks import recover_stale_tasks


class Command(BaseCommand):
    help = (
        "Put back in the queue the jobs still running MUFLON_TASK_STALE_SECONDS after they started (their worker "
        "died); a job that lost its worker MUFLON_TASK_MAX_ATTEMPTS times is marked failed instead."
    )

    def handle(self, *args, **options):
        requeued, failed = recover_stale_tasks()
        self.stdout.write(f"Jobs of workers that died: {requeued} put back in the queue, {failed} marked failed.")
