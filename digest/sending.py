"""Sending claimed digests through the one SMTP conversation (mail/smtp.py): a lease per
digest on the database's clock, fenced; retries until the week is over; "maybe sent" resent
once. The claim lives in digest/services.py, recovery and the backlog in digest/recovery.py.

1. lease — just before SMTP, one conditional UPDATE moves the row claimed → sending with a
   fresh token and an expiry (`now()` + DIGEST_LEASE_SECONDS, the database's clock), only if
   the founder still wants it (subscribed, confirmed) and its week is not over; otherwise the
   row is cancelled or dropped. Only the sender whose UPDATE matched talks to SMTP.
2. fence — right before MAIL FROM one UPDATE, fenced by the token, confirms the lease (and the
   founder's subscription) still stands and renews it; a late sender sends nothing (WARNING).
   It also sets `fenced_at` (cleared with the outcome): a lease that expires with it set may
   have left a copy at the server, so taking it over is the one resend (ERROR), and if a copy
   may already be out too, the digest is left "maybe sent" — never a third copy.
   While the server's final reply is awaited (RFC 5321: minutes) the lease is renewed.
3. record — right after the reply, one UPDATE fenced by the token, in the same transaction as
   the next digest's lease: one commit per digest. A lost database connection is reopened for
   as long as the lease lasts; an outcome that cannot be recorded is logged at ERROR.
4. outcomes — sent; "maybe sent" (the data went out, then silence or a dropped connection):
   sent once more after MAIL_MAYBE_SENT_RESEND_SECONDS, a second "maybe" is final; a 4xx, a
   lost connection or a refused sender (554/530/535 to the session or MAIL FROM: "SMTP refused
   the sender") back to claimed with the next attempt from DIGEST_RETRY_DELAYS while the week
   lasts; a 5xx to the recipient or the message fails it for good.

What is left: a sender killed (or cut off from the database for longer than its lease) past
the fence and before the record, and a reply lost after the data — that founder gets at most
one more copy, with the same Message-ID.
"""

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation

from accounts import clock, mailing, money, schedule, versions
from digest import content as digest_content
from digest.chunk_reads import chunk_reads
from digest.content import digest_context
from digest.models import WeeklyDigest
from digest.recovery import founder_wants_it, lease_expired, sendable, week_over
from digest.services import unsubscribe_headers, unsubscribe_url
from mail import smtp
from mail.leases import (
    db_now_plus,
    fence,
    leave_maybe_sent,
    log_taken_over,
    maybe_sent_fields,
    reconnecting,
    second_copy_may_be_out,
    taken_over_fields,
)
from mail.messages import make_message
from mail.outbox import message_id

log = logging.getLogger("tasks.digest")

SNAPSHOT_FIELDS = list(digest_content.SNAPSHOT_FIELDS)
Outcome = smtp.Outcome


@dataclass
class SendResult:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    maybe_sent: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)  # week over, or the founder unsubscribed


def lease_seconds() -> float:
    return float(settings.DIGEST_LEASE_SECONDS)


# --- send -----------------------------------------------------------------------------------


def digests_send(
    *, digest_ids: Iterable[int], now: datetime | None = None, ignore_backoff: bool = False
) -> SendResult:
    """Send the given digests over one SMTP session, each under its own lease; rows another
    sender holds, done ones and (unless `ignore_backoff`) ones waiting for a retry are skipped.
    `now` is the moment the content describes; leases run on the database's clock."""
    now = now or timezone.now()
    result = SendResult()
    digests = list(
        WeeklyDigest.objects.select_related("founder__profile")
        .filter(pk__in=list(digest_ids))
        .filter(sendable(ignore_backoff=ignore_backoff))
        .order_by("pk")
    )
    if not digests:
        return result
    # The chunk's messages are built before the first lease, so that between one SMTP reply
    # and the next message there is only one commit: the reply's outcome and the next lease.
    reads = chunk_reads(digests)
    built = []
    for language, group in _by_language(digests):
        with translation.override(language):  # the catalogue is switched once per group
            built += [(digest, *_prepare(digest, reads=reads, now=now)) for digest in group]
    outcome = None  # the last reply's outcome, recorded with the next lease
    with smtp.Session(lease_seconds=lease_seconds()) as session:
        try:
            for digest, message, build_error in built:
                # If the lease raises, it has logged the outcome it could not record: that
                # outcome is not tried for a second lease in `finally` (its lease is over).
                after, outcome = outcome, None
                token = _lease(digest, ignore_backoff=ignore_backoff, after=after, result=result)
                if token is not None:
                    outcome = _send_one(digest, token, message, build_error, session=session)
                    if outcome is not None:
                        getattr(result, outcome.name).append(digest.pk)
                        outcome = (
                            _with_snapshot(outcome, now) if outcome.name == "sent" else outcome
                        )
        finally:
            if outcome is not None:
                _record(outcome)
    return result


def _by_language(digests: list[WeeklyDigest]) -> list[tuple[str, list[WeeklyDigest]]]:
    groups: dict[str, list[WeeklyDigest]] = {}
    for digest in digests:
        groups.setdefault(digest.founder.profile.language, []).append(digest)
    return list(groups.items())


@dataclass(frozen=True)
class _Outcome:
    """What one SMTP exchange (or a failed build) left to record on the row."""

    name: str  # the SendResult list it goes to
    digest: WeeklyDigest
    token: uuid.UUID
    fields: dict


def _prepare(digest: WeeklyDigest, *, reads, now: datetime):
    """(message, None) or (None, the reason it cannot be sent)."""
    try:
        return _build(digest, reads=reads, now=now), None
    except Exception as err:
        log.exception("digest %s: building it failed", digest.pk)
        return None, smtp.describe(err)


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
    # One Message-ID per founder and ISO week: a resend carries the same one.
    key = f"digest-{digest.founder_id}-{digest.iso_year}-W{digest.iso_week:02d}"
    headers = {**unsubscribe_headers(ctx), "Message-ID": message_id(key)}
    # Amounts in the founder's currency, times on their clock.
    with money.override(profile.currency), clock.founder_time(profile.time_zone):
        return make_message("digest", digest.founder.email, ctx, headers=headers, using="emails")


def _send_one(digest, token, message, build_error, *, session) -> _Outcome | None:
    if message is None:
        fields = {"state": WeeklyDigest.FAILED, "last_error": build_error}
        return _Outcome("failed", digest, token, fields)
    rows = WeeklyDigest.objects.filter(pk=digest.pk, lease_token=token)
    # The fence: our lease stands and the founder still wants the digest.
    holds = fence(rows.filter(founder_wants_it()), seconds=lease_seconds())
    reply = session.send(message, fence=holds, renew=holds, label=f"digest {digest.pk}")
    if reply.outcome is Outcome.LEASE_LOST:
        _cancel_if_unwanted(digest, token)
        return None
    return _outcome(digest, token, reply)


def _with_snapshot(outcome: _Outcome, now: datetime) -> _Outcome:
    digest = outcome.digest
    snapshot = {name: getattr(digest, name) for name in SNAPSHOT_FIELDS}
    return _Outcome(
        "sent", digest, outcome.token, {**outcome.fields, "snapshot_at": now, **snapshot}
    )


def _outcome(digest: WeeklyDigest, token: uuid.UUID, reply: smtp.Reply) -> _Outcome:
    what = (digest.pk, digest.founder_id, digest.iso_year, digest.iso_week, digest.attempts)
    if reply.outcome is Outcome.SENT:
        mailing.sent(who="the weekly schedule", to=digest.founder.email, why="weekly digest")
        fields = {
            "state": WeeklyDigest.SENT,
            "sent_at": timezone.now(),
            "last_error": "",
            "retry_at": None,
        }
        return _Outcome("sent", digest, token, fields)
    if reply.outcome is Outcome.MAYBE_SENT:
        fields = maybe_sent_fields(
            resent=digest.maybe_sent_at is not None,
            error=reply.error,
            waiting=WeeklyDigest.CLAIMED,
            final=WeeklyDigest.MAYBE_SENT,
        )
        return _Outcome("maybe_sent", digest, token, fields)
    if reply.outcome in (Outcome.RETRY, Outcome.SENDER_REFUSED):
        wait = schedule.retry_delay(digest.attempts, settings.DIGEST_RETRY_DELAYS)
        log.error(
            "digest %s for founder %s (%s-W%02d) not sent, attempt %s; retrying in %s s: %s",
            *what,
            int(wait.total_seconds()),
            reply.error,
        )
        fields = {
            "state": WeeklyDigest.CLAIMED,
            "retry_at": db_now_plus(wait.total_seconds()),
            "last_error": reply.error,
        }
        return _Outcome("retry", digest, token, fields)
    log.error(
        "digest %s for founder %s (%s-W%02d) failed for good after %s attempt(s): %s",
        *what,
        reply.error,
    )
    return _Outcome(
        "failed", digest, token, {"state": WeeklyDigest.FAILED, "last_error": reply.error}
    )


def _lease(
    digest: WeeklyDigest,
    *,
    ignore_backoff: bool,
    after: _Outcome | None = None,
    result: SendResult | None = None,
) -> uuid.UUID | None:
    """The lease: take the row, only if it is still sendable, the founder still wants it and
    its week is not over. `after`, the previous digest's outcome, is recorded in the same
    transaction: one commit per digest."""
    token = uuid.uuid4()
    rows = WeeklyDigest.objects.filter(pk=digest.pk)

    def take() -> int:
        # A retry after a lost connection finds the row already ours if the commit got through.
        ours = sendable(ignore_backoff=ignore_backoff) | Q(lease_token=token)
        return (
            rows.filter(ours)
            .filter(founder_wants_it())
            .exclude(week_over())
            .exclude(second_copy_may_be_out(lease_expired()))
            .update(
                state=WeeklyDigest.SENDING,
                lease_token=token,
                lease_until=db_now_plus(lease_seconds()),
                attempts=F("attempts") + 1,
                **taken_over_fields(),
            )
        )

    def record_and_take() -> int:
        with transaction.atomic(savepoint=False):
            if after is not None:
                _write(after)
            return take()

    try:
        taken = reconnecting(record_and_take, seconds=lease_seconds())
    except DatabaseError:
        if after is not None:
            _not_recorded(after)
        raise
    if not taken:
        left = rows.filter(sendable(ignore_backoff=ignore_backoff))
        dropped = _drop_or_cancel(left)
        if dropped and result is not None:
            result.dropped.append(digest.pk)
        label = f"digest {digest.pk}"
        left_maybe = leave_maybe_sent(
            left, lease_expired(), final=WeeklyDigest.MAYBE_SENT, label=label
        )
        if left_maybe and result is not None:
            result.maybe_sent.append(digest.pk)
        return None
    if digest.state == WeeklyDigest.SENDING:  # as loaded: a lease that expired
        log_taken_over(f"digest {digest.pk}", past_the_fence=digest.fenced_at is not None)
        if digest.fenced_at is not None:
            digest.maybe_sent_at = digest.maybe_sent_at or timezone.now()  # as take() did
    digest.attempts += 1
    return token


def _drop_or_cancel(rows) -> int:
    cancelled = rows.exclude(founder_wants_it()).update(
        state=WeeklyDigest.CANCELLED, lease_token=None, lease_until=None
    )
    dropped = rows.filter(week_over()).update(
        state=WeeklyDigest.DROPPED, lease_token=None, lease_until=None
    )
    return cancelled + dropped


def _cancel_if_unwanted(digest: WeeklyDigest, token: uuid.UUID) -> None:
    """The fence failed: if the row is still ours, the founder unsubscribed in between."""
    try:
        reconnecting(
            lambda: _drop_or_cancel(WeeklyDigest.objects.filter(pk=digest.pk, lease_token=token)),
            seconds=lease_seconds(),
        )
    except DatabaseError:
        log.error("digest %s: could not record that it was not sent", digest.pk)


def _record(outcome: _Outcome) -> None:
    """The last outcome of a chunk, by the lease's holder only, in one UPDATE of its own."""
    try:
        reconnecting(lambda: _write(outcome), seconds=lease_seconds())
    except DatabaseError:
        _not_recorded(outcome)
        raise


def _not_recorded(outcome: _Outcome) -> None:
    log.error(
        "digest %s: outcome %s could not be recorded (no database for as long as its lease "
        "lasted); once the lease expires it is sent again: a second copy is possible",
        outcome.digest.pk,
        outcome.name,
    )


def _write(outcome: _Outcome) -> int:
    written = WeeklyDigest.objects.filter(pk=outcome.digest.pk, lease_token=outcome.token).update(
        **outcome.fields, lease_token=None, lease_until=None, fenced_at=None
    )
    if not written:
        # Our lease expired and another sender took the row: it may have sent it too.
        log.error("digest %s: lease lost before its outcome was recorded", outcome.digest.pk)
    elif outcome.fields.get("state") == WeeklyDigest.SENT:
        # A sent digest joins the dashboard's trend (digest/apps.py): in the same transaction.
        versions.bump([outcome.digest.founder_id])
    return 1  # the caller's retry is for lost connections only
