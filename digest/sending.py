"""Sending claimed digests: a lease per digest, fenced; retries until the week is over;
recovery of whatever was lost. The claim lives in digest/services.py.

1. lease — just before SMTP, one conditional UPDATE moves the row claimed → sending with a
   fresh token and an expiry (DIGEST_LEASE_SECONDS). Only the sender whose UPDATE matched talks
   to SMTP; the others skip the row. The lease is far longer than one SMTP exchange (the SMTP
   socket timeout is a fifth of it) and is taken per message, so a slow chunk, a redelivered
   task or a second beat cannot overlap a send that is still running.
2. record — right after the SMTP server's reply, one UPDATE fenced by the token (only the
   lease's holder can record), in the same transaction as the next digest's lease: one
   commit per digest. A lost database connection is reopened and the transaction retried.
3. retry — a temporary failure (4xx, connection refused or reset, timeout) puts the row back
   to claimed with the next attempt time from DIGEST_RETRY_DELAYS, for as long as the founder's
   week lasts (`retry_until`); a 5xx reply fails it for good. Every failure is logged at ERROR.
4. recover — the beat (every DIGEST_RECOVERY_SECONDS) hands to a sender each row whose lease
   expired (a killed sender) and each claimed row whose next attempt has come (a retry, or a
   send task that was lost with Redis), and gives up the rows whose week is over.

The one case left: the SMTP server accepted a message and the sender was killed, or lost the
database for longer than its lease, before the record — that founder gets at most one
duplicate, when the lease has expired.
"""

import logging
import smtplib
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone, translation

from accounts import clock, mailing, money
from digest import content as digest_content
from digest import schedule
from digest.content import digest_context
from digest.models import WeeklyDigest
from digest.services import unsubscribe_headers, unsubscribe_url
from outsourcing.emails import make_message

log = logging.getLogger("tasks.digest")

SNAPSHOT_FIELDS = list(digest_content.SNAPSHOT_FIELDS)
WAITING = (WeeklyDigest.CLAIMED, WeeklyDigest.SENDING)
# Waits before the database is tried again after a lost connection: well within a lease.
RECONNECT_WAITS = (0.1, 0.5, 1.0, 2.0)


@dataclass
class SendResult:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)


def lease() -> timedelta:
    return timedelta(seconds=settings.DIGEST_LEASE_SECONDS)


def smtp_timeout() -> float:
    """The SMTP socket timeout: a fifth of the lease, so that one exchange (connect, MAIL,
    RCPT, DATA) ends well before the lease does."""
    return min(float(settings.EMAIL_TIMEOUT or 20), settings.DIGEST_LEASE_SECONDS / 5)


def _sendable(now: datetime, *, ignore_backoff: bool = False) -> Q:
    """Rows a sender may lease now: claimed and never tried or due again, or leased by a
    sender whose lease has expired."""
    claimed = Q(state=WeeklyDigest.CLAIMED)
    if not ignore_backoff:
        claimed &= Q(attempts=0) | Q(retry_at__lte=now) | Q(retry_at__isnull=True)
    return claimed | Q(state=WeeklyDigest.SENDING, lease_until__lt=now)


# --- send -----------------------------------------------------------------------------------


def digests_send(
    *, digest_ids: Iterable[int], now: datetime | None = None, ignore_backoff: bool = False
) -> SendResult:
    """Send the given digests over one SMTP connection, each under its own lease; rows another
    sender holds, done ones and (unless `ignore_backoff`) ones waiting for a retry are skipped.
    `now` is the moment the content describes; leases run on the clock."""
    now = now or timezone.now()
    result = SendResult()
    digests = list(
        WeeklyDigest.objects.select_related("founder__profile")
        .filter(pk__in=list(digest_ids))
        .filter(_sendable(timezone.now(), ignore_backoff=ignore_backoff))
        .order_by("pk")
    )
    if not digests:
        return result
    # The chunk's messages are built before the first lease, so that between one SMTP reply
    # and the next message there is only one commit: the reply's outcome and the next lease.
    reads = digest_content.chunk_reads(digests)
    built = []
    for language, group in _by_language(digests):
        with translation.override(language):  # the catalogue is switched once per group
            built += [(digest, *_prepare(digest, reads=reads, now=now)) for digest in group]
    smtp = get_connection(timeout=smtp_timeout())
    outcome = None  # the last reply's outcome, recorded with the next lease
    try:
        _open(smtp)
        for digest, message, build_error in built:
            token = _lease(digest, ignore_backoff=ignore_backoff, after=outcome)
            outcome = None
            if token is not None:
                outcome = _send_one(digest, token, message, build_error, smtp=smtp, now=now)
                getattr(result, outcome.name).append(digest.pk)
    finally:
        try:
            if outcome is not None:
                _record(outcome.digest, outcome.token, **outcome.fields)
        finally:
            smtp.close()
    return result


def _by_language(digests: list[WeeklyDigest]) -> list[tuple[str, list[WeeklyDigest]]]:
    groups: dict[str, list[WeeklyDigest]] = {}
    for digest in digests:
        groups.setdefault(digest.founder.profile.language, []).append(digest)
    return list(groups.items())


@dataclass(frozen=True)
class _Outcome:
    """What one SMTP exchange (or a failed build) left to record on the row."""

    name: str  # "sent", "failed" or "retry": the SendResult list it goes to
    digest: WeeklyDigest
    token: uuid.UUID
    fields: dict


def _prepare(digest: WeeklyDigest, *, reads, now: datetime):
    """(message, None) or (None, the reason it cannot be sent)."""
    if not digest.founder.profile.digest_enabled:
        return None, "The founder turned the digest off."
    try:
        return _build(digest, reads=reads, now=now), None
    except Exception as err:
        log.exception("digest %s: building it failed", digest.pk)
        return None, _describe(err)


def _send_one(digest, token, message, build_error, *, smtp, now: datetime) -> _Outcome:
    if message is None:
        return _Outcome(
            "failed", digest, token, {"state": WeeklyDigest.FAILED, "last_error": build_error}
        )
    try:
        smtp.send_messages([message])
    except Exception as err:  # noqa: BLE001 — recorded on the row, visible in the admin
        if isinstance(err, OSError):
            _reopen(smtp)  # a broken session must not fail the rest of the chunk
        return _failed(digest, token, err)
    mailing.sent(who="the weekly schedule", to=", ".join(message.to), why="weekly digest")
    fields = {
        "state": WeeklyDigest.SENT,
        "sent_at": timezone.now(),
        "last_error": "",
        "retry_at": None,
        "snapshot_at": now,
        **{name: getattr(digest, name) for name in SNAPSHOT_FIELDS},
    }
    return _Outcome("sent", digest, token, fields)


def _build(digest: WeeklyDigest, *, reads, now: datetime):
    profile = digest.founder.profile
    ctx = digest_context(
        digest=digest,
        profile=profile,
        now=now,
        unsubscribe_url=unsubscribe_url(founder_id=profile.user_id),
        reads=reads,
    )
    for name, value in ctx["snapshot"].items():
        setattr(digest, name, value)
    # Amounts in the founder's currency, times on their clock.
    with money.override(profile.currency), clock.founder_time(profile.time_zone):
        return make_message(
            "digest", digest.founder.email, ctx, headers=unsubscribe_headers(ctx), using="emails"
        )


def _lease(
    digest: WeeklyDigest, *, ignore_backoff: bool, after: _Outcome | None = None
) -> uuid.UUID | None:
    """The fence: take the row for one lease, only if it is still sendable. `after`, the
    previous digest's outcome, is recorded in the same transaction: one commit per digest."""
    token = uuid.uuid4()

    def take() -> int:
        now = timezone.now()
        # A retry after a lost connection finds the row already ours if the commit got through.
        rows = WeeklyDigest.objects.filter(pk=digest.pk).filter(
            _sendable(now, ignore_backoff=ignore_backoff) | Q(lease_token=token)
        )
        return rows.update(
            state=WeeklyDigest.SENDING,
            lease_token=token,
            lease_until=now + lease(),
            attempts=F("attempts") + 1,
        )

    def record_and_take(outcome: _Outcome) -> int:
        with transaction.atomic(savepoint=False):
            _write(outcome.digest, outcome.token, outcome.fields)
            return take()

    if not _reconnecting(take if after is None else lambda: record_and_take(after)):
        return None
    digest.attempts += 1
    return token


def _failed(digest: WeeklyDigest, token: uuid.UUID, err: Exception) -> _Outcome:
    error = _describe(err)
    now = timezone.now()
    if is_transient(err) and (digest.retry_until is None or now < digest.retry_until):
        retry_at = now + schedule.retry_delay(digest.attempts, settings.DIGEST_RETRY_DELAYS)
        log.error(
            "digest %s for founder %s (%s-W%02d) not sent, attempt %s; retrying at %s: %s",
            *(digest.pk, digest.founder_id, digest.iso_year, digest.iso_week, digest.attempts),
            *(retry_at.isoformat(timespec="seconds"), error),
        )
        fields = {"state": WeeklyDigest.CLAIMED, "retry_at": retry_at, "last_error": error}
        return _Outcome("retry", digest, token, fields)
    log.error(
        "digest %s for founder %s (%s-W%02d) failed for good after %s attempt(s): %s",
        *(digest.pk, digest.founder_id, digest.iso_year, digest.iso_week, digest.attempts),
        error,
    )
    return _Outcome("failed", digest, token, {"state": WeeklyDigest.FAILED, "last_error": error})


def _record(digest: WeeklyDigest, token: uuid.UUID, **fields) -> None:
    """The outcome, by the lease's holder only, in one UPDATE of its own."""
    _reconnecting(lambda: _write(digest, token, fields))


def _write(digest: WeeklyDigest, token: uuid.UUID, fields: dict) -> int:
    written = WeeklyDigest.objects.filter(pk=digest.pk, lease_token=token).update(
        **fields, lease_token=None, lease_until=None
    )
    if not written:
        # Our lease expired and another sender took the row: it may have sent it too.
        log.error("digest %s: lease lost before its outcome was recorded", digest.pk)
    return 1  # the caller's retry is for lost connections only


def _reconnecting(query: Callable[[], int]) -> int:
    """Run one autocommit query; if the database connection was lost (a restart, a
    terminated backend), reconnect and run it again, a few times within the lease."""
    for wait in (*RECONNECT_WAITS, None):
        try:
            return query()
        except (OperationalError, InterfaceError):
            if wait is None or connection.in_atomic_block:
                raise
            log.warning("database connection lost; reconnecting in %.1f s", wait)
            connection.close()
            time.sleep(wait)
    raise AssertionError("unreachable")


def _open(smtp) -> None:
    # Opened here, the connection carries the whole chunk; Django's backend would otherwise
    # connect and quit around every message. If the server is down, each send below tries
    # again on its own and records the error.
    try:
        smtp.open()
    except OSError:
        smtp.close()


def _reopen(smtp) -> None:
    smtp.close()
    _open(smtp)


def is_transient(err: Exception) -> bool:
    """4xx replies and lost connections are worth another try; 5xx replies are not."""
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in err.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    code = getattr(err, "smtp_code", None)
    if isinstance(code, int) and code > 0:
        return 400 <= code < 500
    return isinstance(err, OSError)  # refused, reset, timed out, disconnected


def _describe(err: Exception) -> str:
    return f"{type(err).__name__}: {err}"[:2000]


# --- recovery -------------------------------------------------------------------------------


def waiting_digest_ids(*, now: datetime, founder_ids: list[int] | None = None) -> list[int]:
    """Digests a sender should take now: an expired lease (its sender died), or claimed and
    due again (a retry; a claim whose own send task never ran — retry_at is then set a lease
    after the claim)."""
    due_again = Q(retry_at__lte=now) | Q(retry_at__isnull=True)
    rows = WeeklyDigest.objects.filter(
        Q(state=WeeklyDigest.CLAIMED) & due_again
        | Q(state=WeeklyDigest.SENDING, lease_until__lt=now)
    )
    if founder_ids is not None:
        rows = rows.filter(founder_id__in=founder_ids)
    return list(rows.order_by("pk").values_list("pk", flat=True))


def unsent_digest_ids(*, now: datetime, founder_ids: list[int] | None = None) -> list[int]:
    """Every digest still waiting whose week is not over (for `send_digests`)."""
    rows = WeeklyDigest.objects.filter(state__in=WAITING).exclude(retry_until__lte=now)
    if founder_ids is not None:
        rows = rows.filter(founder_id__in=founder_ids)
    return list(rows.order_by("pk").values_list("pk", flat=True))


def digests_give_up(*, now: datetime) -> int:
    """Digests still failing when their week (and a late one's extra day) is over fail for
    good; a lease still running is left to its sender."""
    rows = WeeklyDigest.objects.filter(retry_until__lte=now).filter(
        Q(state=WeeklyDigest.CLAIMED) | Q(state=WeeklyDigest.SENDING, lease_until__lt=now)
    )
    ids = list(rows.values_list("pk", flat=True))
    if ids:
        WeeklyDigest.objects.filter(pk__in=ids).filter(
            Q(state=WeeklyDigest.CLAIMED) | Q(state=WeeklyDigest.SENDING, lease_until__lt=now)
        ).update(state=WeeklyDigest.FAILED, lease_token=None, lease_until=None)
        log.error("%d digest(s) gave up: their week ended while they kept failing", len(ids))
    return len(ids)


# --- what /healthz shows --------------------------------------------------------------------


@dataclass(frozen=True)
class Backlog:
    waiting: int  # claimed or sending
    failing: int  # waiting after a failed attempt
    failed: int  # failed for good in the last week
    oldest: datetime | None  # the claim time of the oldest waiting digest

    def is_late(self, *, now: datetime) -> bool:
        limit = timedelta(seconds=settings.DIGEST_BACKLOG_SECONDS)
        return self.oldest is not None and self.oldest < now - limit


def backlog(*, now: datetime) -> Backlog:
    """The digest backlog in one query."""
    waiting = Q(state__in=WAITING)
    figures = WeeklyDigest.objects.filter(
        waiting | Q(state=WeeklyDigest.FAILED, claimed_at__gte=now - timedelta(days=7))
    ).aggregate(
        waiting=Count("pk", filter=waiting),
        failing=Count("pk", filter=waiting & ~Q(last_error="")),
        failed=Count("pk", filter=Q(state=WeeklyDigest.FAILED)),
        oldest=Min("claimed_at", filter=waiting),
    )
    return Backlog(**figures)
