"""Leases on the database's clock, and database calls that survive a lost connection.

Every lease (the digest's, the outbox's) is set and compared with the database's `now()`,
never a worker's clock: a worker whose clock runs ahead cannot take over a lease early. Both
share the fence (which marks `fenced_at`) and the rule of the one resend: a lost reply or a
sender that died past the fence is sent once more, never a third time.
"""

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Case, DateTimeField, ExpressionWrapper, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Now
from django.utils import timezone

log = logging.getLogger("mail")
T = TypeVar("T")
# Waits between tries after a lost connection; the last one repeats until the lease is over.
RECONNECT_WAITS = (0.1, 0.5, 1.0, 2.0)


def db_now_plus(seconds: float) -> ExpressionWrapper:
    """`now() + interval`, on the database's clock."""
    return ExpressionWrapper(
        Now() + Value(timedelta(seconds=seconds)), output_field=DateTimeField()
    )


def reconnecting(query: Callable[[], T], *, seconds: float) -> T:
    """Run one autocommit query; if the database connection was lost (a restart, a terminated
    backend), reconnect and run it again, for as long as `seconds` (the lease) allows. The
    last error is raised after that: the caller logs what it could not record."""
    deadline = time.monotonic() + seconds
    tries = 0
    while True:
        try:
            return query()
        except (OperationalError, InterfaceError):
            wait = RECONNECT_WAITS[min(tries, len(RECONNECT_WAITS) - 1)]
            tries += 1
            if connection.in_atomic_block or time.monotonic() + wait > deadline:
                raise
            log.warning("database connection lost; reconnecting in %.1f s", wait)
            connection.close()
            time.sleep(wait)


# --- the fence and the one resend (the digest's and the outbox's) ---------------------------


def fence(rows: QuerySet, *, seconds: float) -> Callable[[], bool]:
    """The fence right before MAIL FROM, and the renewal while the final reply is awaited: one
    UPDATE of `rows` (narrowed to the lease's token and whatever else must still hold)
    confirms the lease stands on the database's clock, renews it and sets `fenced_at` — from
    here on a copy may be out. False when the lease is gone (or the database with it)."""

    def holds() -> bool:
        try:
            renewed = reconnecting(
                lambda: rows.filter(lease_until__gt=Now()).update(
                    lease_until=db_now_plus(seconds), fenced_at=Now()
                ),
                seconds=seconds,
            )
        except DatabaseError:
            return False
        return renewed == 1

    return holds


def taken_over_fields() -> dict:
    """What taking a lease writes besides the lease: if the last sender died past the fence
    (`fenced_at` set, no outcome), a copy may be out and this send is the one resend."""
    return {
        "maybe_sent_at": Coalesce("maybe_sent_at", Case(When(fenced_at__isnull=False, then=Now()))),
        "fenced_at": None,
    }


def second_copy_may_be_out(expired: Q) -> Q:
    """An expired lease whose sender died past the fence when a copy may already have been out
    (maybe sent, or itself a takeover): never sent a third time."""
    return expired & Q(fenced_at__isnull=False, maybe_sent_at__isnull=False)


def leave_maybe_sent(rows: QuerySet, expired: Q, *, final: str, label: str) -> int:
    """`rows` that must not be sent again (above) get their final "maybe sent" state."""
    left = rows.filter(second_copy_may_be_out(expired)).update(
        state=final, lease_token=None, lease_until=None
    )
    if left:
        log.error(
            "%s: its resend's sender died past the fence too; never a third copy: left maybe sent",
            label,
        )
    return left


def log_taken_over(label: str, *, past_the_fence: bool) -> None:
    if past_the_fence:
        log.error(
            "%s: its sender died past the fence (no outcome recorded); sent once more, the "
            "recipient may get a second copy",
            label,
        )
    else:
        log.warning("%s: taken over from a sender that died before SMTP", label)


def maybe_sent_fields(*, resent: bool, error: str, waiting: str, final: str) -> dict:
    """A lost reply after the data: back to `waiting`, resent once after
    MAIL_MAYBE_SENT_RESEND_SECONDS; if this was already the resend, `final` — never again."""
    if resent:
        return {"state": final, "last_error": error}
    return {
        "state": waiting,
        "maybe_sent_at": timezone.now(),
        "retry_at": db_now_plus(settings.MAIL_MAYBE_SENT_RESEND_SECONDS),
        "last_error": error,
    }
