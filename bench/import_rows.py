"""Benchmark (not a test): importing a CSV of 2,000 tasks, against parsing it alone.

Times the import service as the upload view runs it (csv_rows.parse_tasks, then
services.tasks_import: every row validated, created in bulk and classified, in one
transaction) for a founder with no tasks, and the parsing alone (no database) as the ceiling:
the share of the time the database and the classification add. Best of three runs; the tasks
are deleted between runs. Only in a database named like *bench*.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import \\
    .venv/bin/python bench/import_rows.py [--rows 2000]
"""

import argparse
import io
import os
import platform
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
# DEBUG off, as in production: that needs a key (a child process inherits it).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts import services as account_services  # noqa: E402
from tasks import csv_rows, services  # noqa: E402
from tasks.classifier import AREAS  # noqa: E402
from tasks.models import Task  # noqa: E402

HEADER = "Titel;Bereich;Stunden pro Woche;wiederkehrend;Können;Freude;Kerntätigkeit\n"
EMAIL = "import-bench@example.com"


def csv_text(rows: int) -> str:
    areas = sorted(AREAS)
    lines = [
        f"Aufgabe {n};{areas[n % len(areas)]};{1 + n % 9},5;{'ja' if n % 2 else 'nein'};"
        f"{1 + n % 5};{1 + (n * 3) % 5};{'ja' if n % 11 == 0 else 'nein'}\n"
        for n in range(rows)
    ]
    return HEADER + "".join(lines)


def best(runs: int, fn, before=lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def run(rows: int) -> None:
    name = str(settings.DATABASES["default"]["NAME"])
    if "bench" not in name:
        raise SystemExit(f"refusing to run on {name!r}: use a database named like *bench*")
    call_command("migrate", verbosity=0)
    owner = get_user_model().objects.filter(email=EMAIL).first() or account_services.founder_signup(
        email=EMAIL, password="bench-123456789"
    )
    text = csv_text(rows)
    assert len(csv_rows.parse_tasks(io.StringIO(text))) == rows

    def clear():
        Task.objects.filter(owner=owner).delete()

    parse = best(3, lambda: csv_rows.parse_tasks(io.StringIO(text)))
    full = best(
        3,
        lambda: services.tasks_import(owner=owner, rows=csv_rows.parse_tasks(io.StringIO(text))),
        before=clear,
    )
    assert Task.objects.filter(owner=owner).count() == rows
    clear()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"machine: {platform.node()} · {os.cpu_count()} CPUs · load average "
        f"{os.getloadavg()[0]:.1f} · database: {engine}"
    )
    print(f"{rows} rows ({len(text.encode()) / 1024:.0f} KiB), best of 3:")
    print(f"  parse alone (the ceiling): {parse * 1000:.0f} ms → {rows / parse:,.0f} rows/s")
    print(
        f"  parse + import (validate, create, classify, one transaction): {full * 1000:.0f} ms "
        f"→ {rows / full:,.0f} rows/s"
    )
    print(
        f"  the import runs at {parse / full:.1%} of the parsing ceiling "
        f"({full / parse:.0f}× slower)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    run(parser.parse_args().rows)
