"""Celery tasks for handover mail. THIN on purpose: each takes ids and calls one service in
sops/mail.py; the exactly-once claims live there."""

from celery import shared_task
from django.utils import timezone

from sops import mail


@shared_task
def handover_mail_send(link_id: int) -> bool:
    return mail.handover_mail_deliver(link_id=link_id)


@shared_task
def notifications_send(founder_id: int, at_once: bool = False) -> int:
    return mail.notifications_deliver(founder_id=founder_id, at_once=at_once)


@shared_task
def notifications_due() -> int:
    """The beat: founders whose news waited for their hour to pass; handover links stuck from
    before the outbox."""
    mail.handover_mail_recover()
    founder_ids = mail.founders_waiting(now=timezone.now())
    for founder_id in founder_ids:
        notifications_send.delay(founder_id)
    return len(founder_ids)
