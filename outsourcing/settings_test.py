"""The tests' settings: the project's own, with what the demo needs set here, so a fresh clone's
`make test` and a plain `.venv/bin/pytest` both work (pytest.ini names this module).

Set in the environment rather than overridden below, so subprocesses the tests start
(manage.py, Celery workers) inherit the same values.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "tests-only-insecure-key-" + "x" * 40)
# The tests upload many files as one founder; the throttle's own test lowers it again.
os.environ.setdefault("IMPORT_PER_HOUR", "100000")

from outsourcing.settings import *  # noqa: F403
