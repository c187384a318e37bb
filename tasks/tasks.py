"""Celery tasks of the tasks app. THIN on purpose: each takes plain values and calls one
function of tasks/import_background.py."""

from celery import shared_task

from tasks import import_background


@shared_task
def import_read_file(*, job: str, name: str, since: str, until: str, language: str) -> str:
    """A large upload, read off the web request; the progress page picks up the result."""
    return import_background.read_in_background(
        job=job, name=name, since=since, until=until, language=language
    )
