import time
from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts import schedule
from accounts.models import Profile, User
from digest import preview, recovery
from digest import sending as digest_send
from digest import services as digest
from digest.models import WeeklyDigest


class Command(BaseCommand):
    help = (
        "Send this week's digest to the founders whose chosen hour has come, in this process "
        "(the Celery beat does the same every minute), and this week's digests still unsent "
        "from earlier runs. Temporary SMTP failures are retried here with backoff. Exits "
        "non-zero when a digest is still unsent. Never sends a week's digest twice."
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
        parser.add_argument(
            "--retries",
            type=int,
            default=3,
            metavar="N",
            help="rounds of retries for temporary failures, waiting DIGEST_RETRY_DELAYS "
            "between them (default 3; 0: none)",
        )

    def handle(self, *args, now, founder, dry_run, retries, **options):
        if founder and not User.objects.filter(email__iexact=founder).exists():
            raise CommandError(f"No founder with the email address {founder}.")
        if retries < 0:
            raise CommandError("--retries must be 0 or more.")
        moment = timezone.now()
        founder_ids = digest.due_founder_ids(now=moment, force=now, email=founder)
        if dry_run:
            for chunk in digest.chunks(founder_ids):
                for email, week in digest.pending(founder_ids=chunk, now=moment, force=now):
                    self.stdout.write(f"would send {week.year}-W{week.week:02d} to {email}")
                    self._print_preview(email, moment)
            return
        only = [User.objects.get(email__iexact=founder).pk] if founder else None
        # This week's digests left unsent by an earlier run (or a beat) come along.
        ids = recovery.unsent_digest_ids(now=moment, founder_ids=only)
        for chunk in digest.chunks(founder_ids):
            ids += digest.digests_claim(founder_ids=chunk, now=moment, force=now)
        totals = self._send(sorted(set(ids)), moment)
        for round_ in range(1, retries + 1):
            if not totals.retry:
                break
            wait = schedule.retry_delay(round_, settings.DIGEST_RETRY_DELAYS).total_seconds()
            self.stdout.write(f"{len(totals.retry)} to retry in {wait:g} s (round {round_}).")
            time.sleep(wait)
            again = self._send(totals.retry, timezone.now())
            for name in ("sent", "failed", "maybe_sent", "dropped"):
                getattr(totals, name).extend(getattr(again, name))
            totals.retry = again.retry
        # A due founder whose week has no row at all (a claim that failed) is reported too.
        rowless = sum(
            len(digest.pending(founder_ids=chunk, now=moment, force=now))
            for chunk in digest.chunks(founder_ids)
        )
        self.stdout.write(
            f"{len(totals.sent)} sent, {len(totals.failed)} failed, "
            f"{len(totals.retry)} still to retry, {len(totals.maybe_sent)} maybe sent, "
            f"{len(totals.dropped)} dropped, {rowless} left without a row."
        )
        unsent = totals.failed + totals.retry + totals.maybe_sent
        if unsent or rowless:
            raise CommandError(self._why(unsent, rowless))

    def _print_preview(self, email: str, moment) -> None:
        """The digest's subject and text part, as the preview page shows them."""
        profile = Profile.objects.select_related("user").get(user__email=email)
        parts = preview.preview_parts(preview.preview_message(profile=profile, now=moment))
        self.stdout.write(f"Subject: {parts['subject']}\n\n{parts['text']}\n")

    def _send(self, ids: list[int], moment) -> digest_send.SendResult:
        totals = digest_send.SendResult()
        for chunk in digest.chunks(ids):
            result = digest_send.digests_send(digest_ids=chunk, now=moment, ignore_backoff=True)
            for name in ("sent", "failed", "retry", "maybe_sent", "dropped"):
                getattr(totals, name).extend(getattr(result, name))
        return totals

    def _why(self, ids: list[int], rowless: int) -> str:
        rows = WeeklyDigest.objects.filter(pk__in=ids).values_list(
            "state", "last_error", "maybe_sent_at"
        )
        reasons = Counter(
            (_then(state, maybe), error.split("\n")[0][:120]) for state, error, maybe in rows
        )
        lines = [f"{len(ids)} digest(s) not sent (see Weekly digests in the admin):"]
        for (then, error), count in reasons.most_common():
            lines.append(f"  {count} × {error or then} ({then})")
        if rowless:
            lines.append(f"  {rowless} due founder(s) left without a digest row this week")
        lines.append("Run send_digests again to retry this week's unsent digests.")
        return "\n".join(lines)


def _then(state: str, maybe_sent_at) -> str:
    if state == WeeklyDigest.FAILED:
        return "failed for good"
    if state == WeeklyDigest.MAYBE_SENT:
        return "maybe sent twice, not sent again"
    if maybe_sent_at is not None:
        return "maybe sent, resent once later"
    return "will be retried"
