"""What happens to digests nobody is sending: the beat's recovery, the end of a week, and the
backlog /healthz and the command report. Every comparison with a lease or a next attempt runs
on the database's clock (`now()`), never a worker's."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, Min, OuterRef, Q
from django.db.models.functions import Now

from accounts.models import Profile
from digest.models import WeeklyDigest
from mail.smtp import SENDER_REFUSED_LABEL

log = logging.getLogger("tasks.digest")

WAITING = (WeeklyDigest.CLAIMED, WeeklyDigest.SENDING)


def lease_expired() -> Q:
    return Q(state=WeeklyDigest.SENDING, lease_until__lt=Now())


def sendable(*, ignore_backoff: bool = False) -> Q:
    """Rows a sender may lease now: claimed and never tried or due again, or leased by a
    sender whose lease has expired."""
    due = Q(attempts=0) | Q(retry_at__lte=Now()) | Q(retry_at__isnull=True)
    if ignore_backoff:
        # `send_digests` retries at once, but a "maybe sent" digest still waits its delay:
        # the first copy gets its time to arrive.
        due |= Q(maybe_sent_at__isnull=True)
    return Q(state=WeeklyDigest.CLAIMED) & due | lease_expired()


def founder_wants_it() -> Q:
    """What the founder did last counts: still subscribed and confirmed (a deleted founder's
    rows are gone with them). An EXISTS, not a join: a join makes Django's UPDATE a
    `WHERE id IN (SELECT …)`, whose conditions PostgreSQL does not re-check on a row another
    sender has just leased — two senders would both win the lease."""
    wants = Profile.objects.filter(
        user_id=OuterRef("founder_id"), digest_enabled=True, email_confirmed_at__isnull=False
    )
    return Q(Exists(wants))


def week_over() -> Q:
    """Its week (and a late claim's extra day) is over, or the next week's digest exists: it
    would arrive after the newer one."""
    newer = WeeklyDigest.objects.filter(founder_id=OuterRef("founder_id")).filter(
        Q(iso_year__gt=OuterRef("iso_year"))
        | Q(iso_year=OuterRef("iso_year"), iso_week__gt=OuterRef("iso_week"))
    )
    return Q(retry_until__lte=Now()) | Q(Exists(newer))


def waiting_digest_ids(*, now: datetime | None = None, founder_ids=None) -> list[int]:
    """Digests a sender should take now: an expired lease (its sender died), or claimed and
    due again (a retry, a "maybe sent" resend, a claim whose own send task never ran)."""
    due_again = Q(retry_at__lte=Now()) | Q(retry_at__isnull=True)
    rows = WeeklyDigest.objects.filter(Q(state=WeeklyDigest.CLAIMED) & due_again | lease_expired())
    if founder_ids is not None:
        rows = rows.filter(founder_id__in=founder_ids)
    return list(rows.order_by("pk").values_list("pk", flat=True))


def unsent_digest_ids(*, now: datetime | None = None, founder_ids=None) -> list[int]:
    """Every digest still waiting whose week is not over (for `send_digests`)."""
    rows = WeeklyDigest.objects.filter(state__in=WAITING).exclude(retry_until__lte=Now())
    if founder_ids is not None:
        rows = rows.filter(founder_id__in=founder_ids)
    return list(rows.order_by("pk").values_list("pk", flat=True))


def digests_give_up(*, now: datetime | None = None) -> int:
    """Digests still waiting when their week is over (or a newer week's exists) are dropped,
    not sent late; a lease still running is left to its sender."""
    idle = Q(state=WeeklyDigest.CLAIMED) | lease_expired()
    dropped = (
        WeeklyDigest.objects.filter(idle)
        .filter(week_over())
        .update(state=WeeklyDigest.DROPPED, lease_token=None, lease_until=None)
    )
    if dropped:
        log.error("%d digest(s) dropped: their week ended while they waited", dropped)
    return dropped


# --- what /healthz shows --------------------------------------------------------------------


@dataclass(frozen=True)
class Backlog:
    waiting: int  # claimed or sending
    failing: int  # waiting after a failed attempt
    failed: int  # failed for good in the last week
    maybe_sent: int  # the server went silent after the data, in the last week
    sender_refused: int  # waiting because SMTP refused the sender (a configuration fault)
    dropped: int  # their week ended while they waited, in the last week
    oldest: datetime | None  # the claim time of the oldest waiting digest

    def is_late(self, *, now: datetime) -> bool:
        limit = timedelta(seconds=settings.DIGEST_BACKLOG_SECONDS)
        return self.oldest is not None and self.oldest < now - limit


def backlog(*, now: datetime) -> Backlog:
    """The digest backlog in one query. An unsubscribed founder's digest is neither failing
    nor failed: it is cancelled, and not counted here."""
    waiting = Q(state__in=WAITING)
    recent = Q(claimed_at__gte=now - timedelta(days=7))
    figures = WeeklyDigest.objects.filter(waiting | recent).aggregate(
        waiting=Count("pk", filter=waiting),
        failing=Count("pk", filter=waiting & ~Q(last_error="")),
        failed=Count("pk", filter=Q(state=WeeklyDigest.FAILED)),
        maybe_sent=Count("pk", filter=Q(maybe_sent_at__isnull=False)),
        sender_refused=Count("pk", filter=waiting & Q(last_error__startswith=SENDER_REFUSED_LABEL)),
        dropped=Count("pk", filter=Q(state=WeeklyDigest.DROPPED)),
        oldest=Min("claimed_at", filter=waiting),
    )
    return Backlog(**figures)
