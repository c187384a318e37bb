"""Classify the tasks of a CSV file and print the results; the database is never touched.

    python manage.py classify_tasks tasks.csv [--format json|table] [--capacity HOURS]

The file takes the same columns as the web import (see tasks/csv_rows.py). With --capacity,
the file is taken as all of the founder's open tasks for the overloaded rule.
"""

import io
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tasks import catalogue, classifier, csv_rows
from tasks.reasons import reasons_text

COLUMNS = ("title", "category", "route", "reasons")


class Command(BaseCommand):
    help = "Classify the tasks of a CSV file, without touching the database."
    # Pure computation: no system checks, no database, so it works before `migrate`.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with the task columns")
        parser.add_argument("--format", choices=("table", "json"), default="table")
        parser.add_argument("--capacity", help="weekly capacity in hours, for the overloaded rule")

    def handle(self, *args, file: str, format: str, capacity: str | None, **options):
        capacity_hours = _parse_capacity(capacity)
        # Titles the task catalogue knows take its suggestions; the reasons say so.
        tasks = [catalogue.with_suggestion(task) for task in self._read_tasks(Path(file))]
        results = classifier.classify_all(tasks, capacity=capacity_hours)
        rows = [
            {
                "title": task.title,
                "category": result.category,
                "route": result.route,
                "reasons": reasons_text(result.reasons),
            }
            for task, result in zip(tasks, results, strict=True)
        ]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(_table(rows))

    def _read_tasks(self, path: Path) -> list[classifier.TaskInput]:
        try:
            csv_rows.check_size(path.stat().st_size, settings.IMPORT_MAX_BYTES)
            text = csv_rows.decode(path.read_bytes())
            return csv_rows.parse_tasks(io.StringIO(text), max_rows=settings.IMPORT_MAX_ROWS)
        except OSError as error:
            raise CommandError(f"{path}: cannot read the file ({error.strerror})") from None
        except csv_rows.CsvError as error:
            # The problems at once, one per line; Django prints them to stderr and exits 1.
            shown, more = csv_rows.first_problems(error.problems, settings.IMPORT_PROBLEMS_SHOWN)
            lines = [str(problem) for problem in shown] + ([f"and {more} more"] if more else [])
            message = f"{path}: {len(error.problems)} problem(s), nothing classified:\n"
            raise CommandError(message + "\n".join(lines)) from None


def _parse_capacity(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return csv_rows.parse_hours(value)
    except ValueError as error:
        raise CommandError(f"--capacity: {error}") from None


def _table(rows: list[dict]) -> str:
    lines = [list(COLUMNS)]
    for row in rows:
        lines.append([row["title"], row["category"], row["route"], "; ".join(row["reasons"])])
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    # rstrip: the last column is padded too, but lines should not end in spaces.
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )
