"""An uploaded file becomes rows for the import preview, refused early when it is bad.

Three kinds of file: a task list (CSV, see tasks/csv_rows.py), a time tracker's detailed
export (Toggl Track, Clockify) or a calendar (.ics) (see tasks/time_audit.py). Limits from
settings (security issue #8): the size is checked before reading, rows while reading.

Between the upload and the confirmation the rows wait in the founder's session (stored on
the server, bounded by IMPORT_MAX_ROWS), never in a form field the browser could change;
the confirmation form only carries the founder's choices, validated again.
"""

import csv
import io
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext_noop

from tasks import classifier, csv_rows, time_audit
from tasks.csv_rows import CsvError, CsvProblem

TASKS, TRACKER, CALENDAR = "tasks", "tracker", "calendar"

TOO_BIG = gettext_noop("the file is larger than %(max)s")
TOO_MANY_ROWS = gettext_noop("the file has more than %(max)s rows")
NOT_TEXT = gettext_noop(
    "the file is not text in UTF-8 or Windows-1252; save it as CSV (UTF-8) and try again"
)
SAME_TITLE = gettext_noop('the same title as row %(first)s ("%(title)s")')

SESSION_KEY = "task_import"


@dataclass(frozen=True)
class Upload:
    kind: str
    rows: list[classifier.TaskInput]
    weeks: int | None = None  # the weeks a tracker export or calendar covers


def _problem(template: str, **params) -> CsvError:
    return CsvError([CsvProblem(template, tuple(params.items()))])


def read_upload(upload) -> Upload:
    """The rows of an uploaded file (Django's UploadedFile), or CsvError saying why not."""
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
        entries, weeks = time_audit.parse_calendar(data, max_entries=max_rows)
        return _proposals(CALENDAR, entries, weeks)
    text = decode_text(data)
    if not text.strip():
        raise _problem(csv_rows.EMPTY_FILE)
    header_line = next(line for line in text.splitlines() if line.strip())
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = next(csv.reader([header_line], delimiter=delimiter))
    if time_audit.is_tracker_header(header):
        entries = time_audit.parse_tracker(text, max_entries=max_rows)
        return _proposals(TRACKER, entries, None)
    _check_row_count(text, delimiter, max_rows)
    rows = csv_rows.parse_tasks(io.StringIO(text))
    _check_titles_once(rows)
    return Upload(TASKS, rows)


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


def _check_row_count(text: str, delimiter: str, max_rows: int) -> None:
    # Counted while reading, before a row is parsed: the header plus max_rows rows at most.
    rows = 0
    try:
        for cells in csv.reader(io.StringIO(text), delimiter=delimiter):
            if any(cell.strip() for cell in cells):
                rows += 1
                if rows > max_rows + 1:
                    raise _problem(TOO_MANY_ROWS, max=max_rows)
    except csv.Error:
        return  # parse_tasks names the problem


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


def _proposals(kind: str, entries, weeks: int | None) -> Upload:
    proposals, weeks = time_audit.summarize(entries, weeks=weeks)
    rows = [
        classifier.TaskInput(
            title=p.title,
            area="other",
            hours_per_week=p.hours_per_week,
            recurring=p.recurring,
            skill=None,
            enjoyment=None,
            core=False,
        )
        for p in proposals
    ]
    return Upload(kind, rows, weeks)


# --- between upload and confirmation ---------------------------------------------------


def remember(session, upload: Upload, *, name: str) -> None:
    session[SESSION_KEY] = {
        "token": secrets.token_urlsafe(12),
        "kind": upload.kind,
        "weeks": upload.weeks,
        "name": name[:200],
        "rows": [_row_to_json(row) for row in upload.rows],
    }


def recall(session) -> dict | None:
    """The upload waiting for confirmation, its rows as TaskInput again; None if none."""
    stored = session.get(SESSION_KEY)
    if not stored:
        return None
    try:
        rows = [_row_from_json(row) for row in stored["rows"][: settings.IMPORT_MAX_ROWS]]
    except (KeyError, TypeError, ValueError):
        forget(session)
        return None
    return stored | {"rows": rows}


def forget(session) -> None:
    session.pop(SESSION_KEY, None)


def _row_to_json(row: classifier.TaskInput) -> dict:
    return {**vars(row), "hours_per_week": str(row.hours_per_week)}


def _row_from_json(data: dict) -> classifier.TaskInput:
    return classifier.TaskInput(
        title=str(data["title"]),
        area=str(data["area"]),
        hours_per_week=Decimal(data["hours_per_week"]),
        recurring=bool(data["recurring"]),
        skill=data["skill"],
        enjoyment=data["enjoyment"],
        core=bool(data["core"]),
    )


def matching_tasks(*, owner, rows: list[classifier.TaskInput]) -> list:
    """For each row, the founder's task with the same title (case and spaces ignored)."""
    from tasks.models import Task

    titles = {normal_title(row.title) for row in rows}
    existing: dict[str, Task] = {}
    for task in Task.objects.filter(owner=owner).only("pk", "title", "status"):
        key = normal_title(task.title)
        if key in titles:
            existing.setdefault(key, task)
    return [existing.get(normal_title(row.title)) for row in rows]


def shown_problems(problems, translate) -> tuple[list[str], int]:
    """The first IMPORT_PROBLEMS_SHOWN problems as sentences, and how many more there are."""
    limit = settings.IMPORT_PROBLEMS_SHOWN
    return [problem.render(translate) for problem in problems[:limit]], max(
        0, len(problems) - limit
    )
