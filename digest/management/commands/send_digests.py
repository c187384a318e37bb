from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from digest import services as digest


class Command(BaseCommand):
    help = (
        "Send this week's digest to the founders whose chosen hour has come, in this process "
        "(the Celery beat does the same every 15 minutes). Never sends a week's digest twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="send to everyone who has not had this week's digest, whatever their hour",
        )
        parser.add_argument("--founder", metavar="EMAIL", default="", help="only this founder")
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be sent; change nothing"
        )

    def handle(self, *args, now, founder, dry_run, **options):
        if founder and not User.objects.filter(email__iexact=founder).exists():
            raise CommandError(f"No founder with the email address {founder}.")
        moment = timezone.now()
        founder_ids = digest.due_founder_ids(now=moment, force=now, email=founder)
        if dry_run:
            for chunk in digest.chunks(founder_ids):
                for email, week in digest.pending(founder_ids=chunk, now=moment, force=now):
                    self.stdout.write(f"would send {week.year}-W{week.week:02d} to {email}")
            return
        totals = digest.SendResult()
        for chunk in digest.chunks(founder_ids):
            claimed = digest.digests_claim(founder_ids=chunk, now=moment, force=now)
            result = digest.digests_send(digest_ids=claimed, now=moment)
            for name in ("sent", "failed", "retry"):
                getattr(totals, name).extend(getattr(result, name))
        self.stdout.write(
            f"{len(totals.sent)} sent, {len(totals.failed)} failed, "
            f"{len(totals.retry)} to retry (the beat picks them up)."
        )
        if totals.failed:
            raise CommandError(f"{len(totals.failed)} digest(s) failed; see Weekly digests.")
