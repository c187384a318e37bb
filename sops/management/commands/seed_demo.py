from django.core.management.base import BaseCommand, CommandError

from sops import demo
from tasks.demo import DEMO_EMAIL, DEMO_PASSWORD, LANGUAGES


class Command(BaseCommand):
    help = "Create demo founders with realistic tasks; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--founders", type=int, default=1, help="founders in all (default 1)")
        parser.add_argument("--tasks", type=int, default=20, help="tasks per founder (default 20)")
        parser.add_argument(
            "--language",
            choices=LANGUAGES,
            default="en",
            help="the demo founder's language: profile, tasks, team, instruction (default en)",
        )

    def handle(self, *args, founders, tasks, language, **options):
        if founders < 1 or tasks < 0:
            raise CommandError("--founders must be at least 1 and --tasks at least 0.")
        created = demo.seed(founders=founders, tasks=tasks, language=language)
        self.stdout.write(
            f"{created} founder(s) created, {founders - created} already there. "
            f"Log in as {DEMO_EMAIL} / {DEMO_PASSWORD} (a founder) or as "
            f"{demo.DEMO_CONSULTANT_EMAIL} / {demo.DEMO_CONSULTANT_PASSWORD} (their consultant)"
        )
