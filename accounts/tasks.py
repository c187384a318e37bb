"""Celery tasks of accounts. THIN: each calls one service."""

from celery import shared_task
from django.utils import timezone

from accounts import confirmation


@shared_task
def unconfirmed_remove() -> int:
    return confirmation.unconfirmed_remove(now=timezone.now())
