"""The tests' settings: the project's own, with what the demo needs set here, so a fresh clone's
`make test` and a plain `.venv/bin/pytest` both work (pytest.ini names this module).

Set in the environment rather than overridden below, so subprocesses the tests start
(manage.py, Celery workers) inherit the same values.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "tests-only-insecure-key-" + "x" * 40)
# The digest tests claim their digests on a fixed Monday (30 Nov 2026); the database's own
# clock decides when a digest's week is over (retry_until <= now()). A late window of three
# years keeps that Monday's digests sendable whatever day the suite runs; a test of the week's
# end sets its own retry_until or window.
os.environ.setdefault("DIGEST_LATE_SECONDS", str(3 * 366 * 24 * 3600))

from outsourcing.settings import *  # noqa: F403

# Static files as they are, without collectstatic: the manifest storage of production
# (DEBUG off) would refuse every {% static %} without one, and pytest-django turns DEBUG off.
# The Lighthouse test (e2e/test_lighthouse.py) serves the production storage with gunicorn.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Rate-limit counters live in each test process's memory, cleared before every test
# (conftest.py): the shared Redis is the Celery broker too, and flushing it would drop queued
# tasks. accounts/tests/test_ratelimit.py runs the same limits on Redis when REDIS_URL is set.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Under pytest-xdist (`make test`) every worker has its own test database (pytest-django adds
# the worker's name) and its own Celery queue on the shared broker: a worker's Celery thread
# must never take another worker's tasks, which point at rows in another database.
if os.getenv("PYTEST_XDIST_WORKER"):
    CELERY_TASK_DEFAULT_QUEUE = f"celery-{os.environ['PYTEST_XDIST_WORKER']}"

# The hourly batching is what most tests check; the demo's "at once" is set where it is tested.
HEARD_BACK_AT_ONCE = False

# A test's commits need not wait for the disk (the database's own crash safety is not under
# test here; the fault tests' workers run the production settings and keep it).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
