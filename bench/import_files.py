"""Benchmark (not a test): reading each real export in ../shared/interop/ as the import does.

For every file: the whole read (tasks.imports.read_upload: decode, parse, expand repeating
events in their bounded windows, group into tasks) beside parsing alone as the ceiling
(icalendar's Calendar.from_ical of the raw file for a calendar, the csv module over the
decoded text for a CSV). Best of three runs each, wall clock and processor time (on a shared,
busy machine the processor time is what an idle one takes); no database. Target (issue 22):
every file under 2 s. Last, the near-duplicate check of a 2,000-row file.

    .venv/bin/python bench/import_files.py [--runs 3] [--only NAME]
"""

import argparse
import contextlib
import csv
import io
import os
import platform
import random
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

import icalendar  # noqa: E402
from django.conf import settings  # noqa: E402

from tasks import imports, similar_titles  # noqa: E402
from tasks.csv_rows import CsvError  # noqa: E402
from tasks.tests.interop import interop_files  # noqa: E402

TARGET_SECONDS = 2.0


class Upload(io.BytesIO):
    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name, self.size = name, len(data)


def best_of(runs: int, work) -> tuple[float, float]:
    """The best wall-clock time and the best processor time of `runs` runs: on a shared,
    busy machine the processor time is what an idle one would take."""
    wall = cpu = float("inf")
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return wall, cpu


def read(path: Path, data: bytes) -> str:
    try:
        upload = imports.read_upload(Upload(path.name, data))
    except CsvError as refused:
        return "refused: " + str(refused.problems[0])[:38]
    return f"{len(upload.rows)} tasks"


def parse_alone(path: Path, data: bytes) -> None:
    if path.suffix == ".ics":
        with contextlib.suppress(ValueError):
            icalendar.Calendar.from_ical(data)
    else:
        text = data.decode("utf-8-sig", errors="replace")
        list(
            csv.reader(
                io.StringIO(text), delimiter=";" if text.count(";") > text.count(",") else ","
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    print(
        f"# {platform.node()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, "
        f"best of {args.runs}"
    )
    print("| file | KB | outcome | import, wall (s) | import, CPU (s) | parsing alone, CPU (s) |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    slowest = 0.0
    for path in interop_files():
        if args.only and args.only not in path.name:
            continue
        data = path.read_bytes()
        outcome = read(path, data)
        wall, whole = best_of(args.runs, lambda p=path, d=data: read(p, d))
        _, alone = best_of(args.runs, lambda p=path, d=data: parse_alone(p, d))
        slowest = max(slowest, whole)
        mark = "" if whole < TARGET_SECONDS else " **over 2 s**"
        size = len(data) / 1024
        print(
            f"| {path.name} | {size:.0f} | {outcome} | {wall:.3f} | {whole:.3f}{mark} "
            f"| {alone:.3f} |"
        )
    print(f"\nslowest (CPU): {slowest:.2f} s (target < {TARGET_SECONDS:g} s)")
    print(f"near-duplicates within a file of 2,000 rows (CPU): {near_duplicates(args.runs):.3f} s")
    return 0 if slowest < TARGET_SECONDS else 1


def near_duplicates(runs: int) -> float:
    """The preview's check of a file's rows against each other, for the largest import:
    2,000 titles of three words from a vocabulary of 3,000 (no title left unchecked)."""
    pick = random.Random(7)  # noqa: S311 — bench data, repeatable
    vocabulary = [
        "".join(pick.choices("aeioubdfgklmnprstz", k=pick.randint(3, 9))) for _ in range(3000)
    ]
    titles = list(dict.fromkeys(" ".join(pick.sample(vocabulary, 3)) for _ in range(2100)))
    titles = titles[: settings.IMPORT_MAX_ROWS]
    return best_of(runs, lambda: similar_titles.earlier_similar(titles, seconds=60))[1]


if __name__ == "__main__":
    sys.exit(main())
