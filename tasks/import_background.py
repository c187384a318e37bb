"""Large files, read by a Celery worker: the upload waits in the cache, the progress page
polls for the preview or the refusal the worker leaves there."""

import io
import re
import secrets
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from tasks.csv_rows import CsvError
from tasks.import_session import SESSION_KEY, stored_upload
from tasks.imports import read_upload, shown_problems

JOB_SECONDS = 600
# What secrets.token_urlsafe(12) gives: the only job names worth a cache lookup.
JOB_NAME = re.compile(r"[A-Za-z0-9_-]{1,40}")


class _Bytes(io.BytesIO):
    """The stored bytes as read_upload() reads an upload."""

    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name, self.size = name, len(data)


def in_background(upload) -> bool:
    """Past IMPORT_BACKGROUND_BYTES (and within the size limit) the worker reads the file."""
    return settings.IMPORT_BACKGROUND_BYTES < upload.size <= settings.IMPORT_MAX_BYTES


def start_background(*, owner, upload, since: date | None, until: date | None) -> str:
    """Keep the file in the cache for the worker; returns the job the progress page shows."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from tasks.tasks import import_read_file

    job = secrets.token_urlsafe(12)
    cache.set(f"import-file:{job}", upload.read(settings.IMPORT_MAX_BYTES + 1), JOB_SECONDS)
    cache.set(f"import-job:{job}", {"owner": owner.pk, "state": "working"}, JOB_SECONDS)
    import_read_file.delay(
        job=job,
        name=upload.name[:200],
        since=since.isoformat() if since else "",
        until=until.isoformat() if until else "",
        language=get_language() or settings.LANGUAGE_CODE,
    )
    return job


def read_in_background(*, job: str, name: str, since: str, until: str, language: str) -> str:
    """The worker's part: read the file, leave the preview or the refusal for the page."""
    from django.core.cache import cache
    from django.utils import translation

    state = cache.get(f"import-job:{job}")
    data = cache.get(f"import-file:{job}")
    if state is None or data is None:
        return "gone"
    with translation.override(language):
        try:
            upload = read_upload(
                _Bytes(name, data),
                since=date.fromisoformat(since) if since else None,
                until=date.fromisoformat(until) if until else None,
            )
        except CsvError as err:
            problems, more = shown_problems(err.problems, _)
            state |= {"state": "refused", "problems": problems, "more": more}
        else:
            state |= {"state": "done", "stored": stored_upload(upload, name=name)}
    cache.set(f"import-job:{job}", state, JOB_SECONDS)
    cache.delete(f"import-file:{job}")
    return state["state"]


def background_job(*, job: str, owner) -> dict | None:
    """The founder's job as the worker left it; None for a job that is not theirs or gone."""
    from django.core.cache import cache

    if not JOB_NAME.fullmatch(job):
        return None  # not a name start_background gives: nothing to look up
    state = cache.get(f"import-job:{job}")
    return state if state and state.get("owner") == owner.pk else None


def finish_background(session, *, job: str, stored: dict) -> None:
    from django.core.cache import cache

    session[SESSION_KEY] = stored
    cache.delete(f"import-job:{job}")
