"""Celery tasks of the founder's data. THIN: ids in, one service call."""

from celery import shared_task
from django.utils import timezone

from privacy import export_service, services


@shared_task
def exports_expire() -> int:
    return export_service.exports_expire()


@shared_task
def export_build(export_id: int) -> bool:
    return export_service.export_build_and_mail(export_id=export_id)


@shared_task
def unconfirmed_remove() -> int:
    return services.unconfirmed_remove(now=timezone.now())
