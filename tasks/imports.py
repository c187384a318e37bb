"""An uploaded file becomes rows for the import preview, refused early when it is bad.

Three kinds of file: a task list (CSV, see tasks/csv_rows.py), a time tracker's detailed
export (Toggl Track, Clockify, Harvest; tasks/tracker_export.py) or a calendar (.ics;
tasks/calendar_audit.py), grouped into tasks by tasks/time_audit.py. Limits from settings
(security issues #8, #19): the size is checked before reading, entries and occurrences while
reading, the tasks they make after grouping; uploads are rate-limited per founder.

Between the upload and the confirmation the rows wait in the founder's session
(tasks/import_session.py); large files are read by a Celery worker
(tasks/import_background.py); tasks/import_matches.py finds the founder's tasks they match.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts import ratelimit
from tasks import (
    calendar_audit,
    classifier,
    csv_rows,
    time_audit,
    tracker_export,
)
from tasks.csv_rows import CsvError, CsvProblem

TASKS, TRACKER, CALENDAR = "tasks", "tracker", "calendar"

TOO_BIG = gettext_noop("the file is larger than %(max)s")
NOT_TEXT = gettext_noop(
    "the file is not text in UTF-8 or Windows-1252; save it as CSV (UTF-8) and try again"
)
SAME_TITLE = gettext_noop('the same title as row %(first)s ("%(title)s")')
UNKNOWN_LAYOUT = gettext_noop(
    "this file is neither a task list nor an export we know: make a task list CSV with the "
    "columns title, area, hours_per_week, recurring and core (see the sample), or export the "
    "detailed report from Toggl Track, Clockify or Harvest, or your calendar as .ics"
)
NOTHING_IN_PERIOD = gettext_noop("the file has no entries in the period you chose")


@dataclass(frozen=True)
class Reading:
    """The proposals under one reading of the file's dates."""

    rows: list[classifier.TaskInput]
    why: list[list] = field(default_factory=list)  # per row: [(template, params), ...]
    weeks: int | None = None
    label: str = ""  # how the dates were read ("DD/MM/YYYY"), when that was a choice


@dataclass(frozen=True)
class Upload:
    kind: str
    rows: list[classifier.TaskInput]
    weeks: int | None = None  # the weeks a tracker export or calendar covers
    why: list[list] = field(default_factory=list)
    period: tuple[str, str] | None = None  # ISO dates of the first and last counted entry
    counted: int = 0
    left_out: list[tuple[str, tuple]] = field(default_factory=list)
    alternative: Reading | None = None  # the other reading of ambiguous dates
    label: str = ""


def _problem(template: str, **params) -> CsvError:
    return CsvError([CsvProblem(template, tuple(params.items()))])


def read_upload(upload, *, since: date | None = None, until: date | None = None) -> Upload:
    """The rows of an uploaded file (Django's UploadedFile), or CsvError saying why not.

    `since` and `until` narrow a tracker export or a calendar to the founder's period."""
    max_bytes = settings.IMPORT_MAX_BYTES
    if upload.size > max_bytes:  # before reading a byte of it
        raise _problem(TOO_BIG, max=_megabytes(max_bytes))
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _problem(TOO_BIG, max=_megabytes(max_bytes))
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise _problem(csv_rows.EMPTY_FILE)
    max_rows = settings.IMPORT_MAX_ROWS
    if upload.name.lower().endswith(".ics") or data.lstrip().startswith(b"BEGIN:VCALENDAR"):
        return _calendar(data, since=since, until=until)
    text = decode_text(data)
    if not text.strip(' \t\r\n"\ufeff'):  # a file of just "" is empty too
        raise _problem(csv_rows.EMPTY_FILE)
    try:
        header, _ = tracker_export.read_header(text)
    except csv.Error as error:  # a header field past the csv module's limit
        raise _problem(csv_rows.NOT_CSV, error=str(error)[:200]) from None
    if tracker_export.is_tracker_header(header):
        return _tracker(text, since=since, until=until)
    if not csv_rows.looks_like_task_list(header):
        raise _problem(UNKNOWN_LAYOUT)
    rows = csv_rows.parse_tasks(io.StringIO(text), max_rows=max_rows)
    _check_titles_once(rows)
    return Upload(TASKS, rows)


def _calendar(data: bytes, *, since: date | None, until: date | None) -> Upload:
    audit = calendar_audit.read_calendar(
        data,
        today=timezone.localdate(),
        max_occurrences=settings.IMPORT_MAX_OCCURRENCES,
        seconds=settings.IMPORT_PARSE_SECONDS,
        since=since,
        until=until,
    )
    proposals = time_audit.merge_calendar(
        audit.singles, audit.series, max_tasks=settings.IMPORT_MAX_ROWS
    )
    reading = _reading(proposals, weeks=None)
    period = (
        (audit.first.isoformat(), audit.last.isoformat()) if audit.first and audit.last else None
    )
    left_out = [
        (
            item.reason,
            (
                ("title", _(item.title) if item.title == calendar_audit.UNTITLED else item.title),
                ("count", item.count),
                *item.params,
            ),
        )
        for item in audit.left_out
    ]
    return Upload(CALENDAR, reading.rows, None, reading.why, period, audit.counted, left_out)


def _tracker(text: str, *, since: date | None, until: date | None) -> Upload:
    readings = []
    for parsed in tracker_export.parse_tracker(text, max_entries=settings.IMPORT_MAX_ENTRIES):
        entries = [
            e
            for e in parsed.entries
            if e.day is None
            or ((since is None or e.day >= since) and (until is None or e.day <= until))
        ]
        if not entries:
            raise _problem(NOTHING_IN_PERIOD)
        proposals, weeks = time_audit.summarize(entries, max_tasks=settings.IMPORT_MAX_ROWS)
        days = sorted(e.day for e in entries if e.day is not None)
        readings.append((_reading(proposals, weeks=weeks, label=parsed.label), days, len(entries)))
    (first, days, count), *other = readings
    period = (days[0].isoformat(), days[-1].isoformat()) if days else None
    return Upload(
        TRACKER,
        first.rows,
        first.weeks,
        first.why,
        period,
        count,
        alternative=other[0][0] if other else None,
        label=first.label if other else "",
    )


def _reading(proposals, *, weeks: int | None, label: str = "") -> Reading:
    rows = [
        classifier.TaskInput(
            title=_(p.title) if p.title == calendar_audit.UNTITLED else p.title,
            area=p.area,
            hours_per_week=p.hours_per_week,
            recurring=p.recurring,
            skill=None,
            enjoyment=None,
            core=p.core,
        )
        for p in proposals
    ]
    why = [[list(item) for item in p.why] for p in proposals]
    return Reading(rows, why, weeks, label)


def _megabytes(size: int) -> str:
    """2 MB, or 512 KB under a megabyte."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{max(1, size // 1024)} KB"


def decode_text(data: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252 (old Excel); anything else is refused."""
    if b"\x00" in data:  # UTF-16 (Excel's "Unicode text") or not text at all
        raise _problem(NOT_TEXT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise _problem(NOT_TEXT) from None


def normal_title(title: str) -> str:
    """Titles match case- and space-insensitively: " Inbox  Triage" is "inbox triage"."""
    return " ".join(title.split()).casefold()


def _check_titles_once(rows: list[classifier.TaskInput]) -> None:
    first_row: dict[str, int] = {}
    problems = []
    for number, row in enumerate(rows, start=1):
        key = normal_title(row.title)
        if key in first_row:
            params = (("first", first_row[key]), ("title", row.title))
            problems.append(CsvProblem(SAME_TITLE, params, row=number, column="title"))
        else:
            first_row[key] = number
    if problems:
        raise CsvError(problems)


def allow_import(user) -> bool:
    """At most ratelimit.IMPORT uploads a founder an hour (each one is heavy work)."""
    return ratelimit.hit(ratelimit.IMPORT, f"founder:{user.pk}")


def shown_problems(problems, translate) -> tuple[list[str], int]:
    """The first IMPORT_PROBLEMS_SHOWN problems as sentences, and how many more there are."""
    limit = settings.IMPORT_PROBLEMS_SHOWN
    return [problem.render(translate) for problem in problems[:limit]], max(
        0, len(problems) - limit
    )
