"""Celery tasks for the weekly digest. THIN on purpose: each takes ids, calls a service in
digest/services.py, and holds only its dispatch and retry policy.

Exactly once lives in the services (compare-and-swap claim, unique WeeklyDigest row,
claimed → sending under a row lock), so a redelivered, retried or duplicated task is harmless.
Follow-up work is dispatched on commit, never before the rows it names exist.
"""

from datetime import datetime

from celery import shared_task
from django.utils import timezone

from digest import services as digest


@shared_task
def digests_due() -> int:
    """The beat (every 15 minutes): fan the due founders out in chunks; re-send orphans."""
    now = timezone.now()
    founder_ids = digest.due_founder_ids(now=now)
    for chunk in digest.chunks(founder_ids):
        digests_claim.delay_on_commit(chunk, now.isoformat())
    for chunk in digest.chunks(digest.stale_digest_ids(now=now)):
        digests_send.delay_on_commit(chunk)
    return len(founder_ids)


@shared_task
def digests_claim(founder_ids: list[int], now: str, force: bool = False) -> int:
    claimed = digest.digests_claim(
        founder_ids=founder_ids, now=datetime.fromisoformat(now), force=force
    )
    if claimed:
        digests_send.delay_on_commit(claimed)
    return len(claimed)


@shared_task(bind=True, max_retries=None)  # the row's attempt count bounds the retries
def digests_send(self, digest_ids: list[int]) -> int:
    result = digest.digests_send(digest_ids=digest_ids)
    if result.retry:
        raise self.retry(args=(result.retry,), countdown=digest.retry_delay(self.request.retries))
    return len(result.sent)
