"""Load (or refresh) the demo data of the pilot region; running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from muflon.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from muflon.shell.demo import load_all


class Command(BaseCommand):
    help = "Load the demo partnership of the pilot region with its organisations and demo users."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=300, help="How many demo participants (300).")

    def handle(self, *args, **options):
        with transaction.atomic():
            load_all(self.stdout, participants=options["participants"])
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Demo logins (password for all: {DEMO_PASSWORD}):"))
        for username, role, *_ in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {role.label}")
