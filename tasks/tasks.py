"""Celery tasks of the tasks app. THIN on purpose: each takes plain values and calls one
function of tasks/imports.py."""

from celery import shared_task

from tasks import imports


@shared_task
def import_read_file(*, job: str, name: str, since: str, until: str, language: str) -> str:
    """A large upload, read off the web request; the progress page picks up the result."""
    return imports.read_in_background(
        job=job, name=name, since=since, until=until, language=language
    )
