"""Celery tasks for the weekly digest. THIN on purpose: each takes ids, calls a service in
digest/services.py (the claim) or digest/sending.py, and holds only its dispatch and retry policy.

Exactly once lives in the services (compare-and-swap claim, unique WeeklyDigest row, a fenced
lease per digest just before SMTP), so a redelivered, retried or duplicated task is harmless.
Follow-up work is dispatched on commit, never before the rows it names exist; a message lost
on the way (Redis down or restarted empty, a killed worker) is made up by the next beat.
"""

import logging
from datetime import datetime

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from digest import recovery
from digest import sending as digest_send
from digest import services as digest

# A database that went away mid-task: the task runs again; its leases keep it exactly once.
DATABASE_ERRORS = (OperationalError, InterfaceError)
DATABASE_RETRY = {"autoretry_for": DATABASE_ERRORS, "retry_backoff": 2, "max_retries": 10}
log = logging.getLogger("tasks.digest")


@shared_task(**DATABASE_RETRY)
def digests_due() -> int:
    """The beat (every DIGEST_RECOVERY_SECONDS): fan the due founders out in chunks, hand the
    waiting digests (expired leases, retries whose time has come, lost tasks) to senders, and
    give up those whose week is over."""
    now = timezone.now()
    founder_ids = digest.due_founder_ids(now=now)
    for chunk in digest.chunks(founder_ids):
        digests_claim.delay_on_commit(chunk, now.isoformat())
    recovery.digests_give_up(now=now)
    for chunk in digest.chunks(recovery.waiting_digest_ids(now=now)):
        digests_send.delay_on_commit(chunk)
    return len(founder_ids)


@shared_task(**DATABASE_RETRY)
def digests_claim(founder_ids: list[int], now: str, force: bool = False) -> int:
    claimed = digest.digests_claim(
        founder_ids=founder_ids, now=datetime.fromisoformat(now), force=force
    )
    if claimed:
        digests_send.delay_on_commit(claimed)
    return len(claimed)


@shared_task(**DATABASE_RETRY)
def digests_send(digest_ids: list[int]) -> int:
    """Temporary SMTP failures are not retried here: the row keeps its next attempt time and
    the beat hands it to a sender then (one path for retries and lost tasks alike)."""
    return len(digest_send.digests_send(digest_ids=digest_ids).sent)


def send_soon(digest_ids: list[int]) -> bool:
    """Publish a send task for committed rows, now (call it on commit); False when the broker
    cannot be reached — the rows stay claimed and the beat sends them once it is back."""
    try:
        digests_send.apply_async((digest_ids,), retry=False)
    except (BrokerError, OSError) as err:
        log.error("digests %s claimed but not queued (the beat sends them): %s", digest_ids, err)
        return False
    return True
