"""This week's digest as it would be sent, without sending it or using up the week: the
preview page, "send me a test", and `send_digests --dry-run` all build it here, with the
same builder the sender uses, so the text part is the one that will go out."""

from datetime import datetime

from django.utils import translation

from accounts import schedule
from accounts.models import Profile
from digest.chunk_reads import chunk_reads
from digest.models import WeeklyDigest
from digest.sending import _build
from mail.outbox import mail_enqueue

TEST_PREFIX = "[TEST] "


def preview_message(*, profile: Profile, now: datetime, language: str | None = None):
    """The message the founder's digest of this week would be (no row is written)."""
    week = schedule.iso_week(now, profile.time_zone)
    digest = WeeklyDigest(founder=profile.user, iso_year=week.year, iso_week=week.week)
    reads = chunk_reads([digest])
    previous = (
        WeeklyDigest.objects.filter(
            founder_id=profile.user_id, state=WeeklyDigest.SENT, snapshot_at__isnull=False
        )
        .exclude(iso_year=week.year, iso_week=week.week)
        .order_by("-iso_year", "-iso_week")
        .first()
    )
    if previous is not None:
        # What "since last week" compares with; the unsaved row has no pk yet.
        reads.previous[digest.pk] = previous  # type: ignore[index]
    with translation.override(language or profile.language):
        return _build(digest, reads=reads, now=now)


def preview_parts(message) -> dict[str, str]:
    return {"subject": message.subject, "text": message.body, "html": message.alternatives[0][0]}


def test_send(*, profile: Profile, now: datetime) -> None:
    """Mail the preview to the founder, marked as a test; the week's digest stays unsent."""
    message = preview_message(profile=profile, now=now)
    message.subject = TEST_PREFIX + message.subject
    message.extra_headers["X-Digest-Test"] = "yes"
    mail_enqueue(message=message, kind="digest_test", caused_by=profile.user)
