"""Celery tasks for the outbox. THIN on purpose: ids in, one service of mail/outbox.py."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from mail import outbox

DATABASE_RETRY = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 2,
    "max_retries": 10,
}


@shared_task(**DATABASE_RETRY)
def outbox_send(mail_ids: list[int]) -> int:
    return sum(outbox.outbox_deliver(mail_ids=mail_ids).values())


@shared_task(**DATABASE_RETRY)
def outbox_due() -> int:
    """The beat: rows whose lease expired (a killed sender) or whose next attempt has come."""
    ids = outbox.waiting_mail_ids()
    for start in range(0, len(ids), 50):
        outbox_send.delay(ids[start : start + 50])
    return len(ids)
