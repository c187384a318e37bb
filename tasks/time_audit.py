"""The time audit: a time tracker's export or a calendar becomes proposed tasks.

Pure Python (no Django). Entries are grouped by title; their time is summed and divided by
the weeks the export covers; a title that comes back in most of those weeks is "recurring".
The founder then rates and confirms the proposals in the import preview.

- Time trackers: the detailed CSV export of Toggl Track (`Description`, `Duration` as
  H:MM:SS, `Start date`/`Start time`/`End date`/`End time`) and of Clockify (`Description`,
  `Duration (h)`, `Duration (decimal)`, `Start Date`/`Start Time`/...). A duration column, or
  start and end times, are required.
- Calendars: iCalendar (.ics) as Google Calendar and Outlook export it, read with `icalendar`;
  recurring events are expanded with `recurring_ical_events`. All-day events are not work
  time and are left out.
"""

import csv
import io
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from tasks.csv_rows import (
    MAX_HOURS,
    TITLE_MAX_LENGTH,
    CsvError,
    CsvProblem,
    gettext_noop,
)

NO_DURATIONS = gettext_noop(
    "the export has no durations: export the detailed report with its Duration column, "
    "or with start and end times"
)
NOT_A_DURATION = gettext_noop('"%(value)s" is not a duration (like 1:30:00 or 1.5)')
NOT_A_DATE = gettext_noop('"%(value)s" is not a date')
NO_ENTRIES = gettext_noop("the export has no time entries")
NOT_A_CALENDAR = gettext_noop("the file is not an iCalendar (.ics) file that can be read")
NO_EVENTS = gettext_noop("the calendar has no events with a start and an end time")
TOO_MANY_ENTRIES = gettext_noop("the file has more than %(max)s entries")
TOO_MANY_HOURS = gettext_noop('"%(title)s" comes to more than 168 hours a week')

# Week spans are at most half a year: an older past says little about this week's plate.
MAX_WEEKS = 26
CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Entry:
    title: str
    day: date | None
    hours: Decimal


@dataclass(frozen=True)
class Proposal:
    title: str
    hours_per_week: Decimal
    recurring: bool
    total_hours: Decimal
    entries: int
    weeks_seen: int  # weeks in which the title came up


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(first: date, last: date) -> int:
    """Calendar weeks (Monday to Sunday) from the one of `first` to the one of `last`."""
    return (_monday(last) - _monday(first)).days // 7 + 1


def summarize(entries: Iterable[Entry], *, weeks: int | None = None) -> tuple[list[Proposal], int]:
    """Group by title (case and spaces ignored), sum the time, divide by the weeks covered.

    Returns the proposals, most hours first, and the number of weeks the entries cover.
    """
    entries = list(entries)
    days = [entry.day for entry in entries if entry.day is not None]
    if weeks is None:
        weeks = weeks_between(min(days), max(days)) if days else 1
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[" ".join(entry.title.split()).casefold()].append(entry)
    proposals = []
    for group in groups.values():
        total = sum((entry.hours for entry in group), Decimal(0))
        seen = len({_monday(entry.day) for entry in group if entry.day is not None})
        per_week = (total / weeks).quantize(CENTS, rounding=ROUND_HALF_UP)
        title = " ".join(group[0].title.split())[:TITLE_MAX_LENGTH]
        if per_week > MAX_HOURS:
            raise CsvError([CsvProblem(TOO_MANY_HOURS, (("title", title),))])
        # "Repeats in most weeks": more than half of them, and at least two.
        recurring = seen >= 2 and seen * 2 > weeks
        proposals.append(Proposal(title, per_week, recurring, total, len(group), seen))
    proposals.sort(key=lambda p: (-p.hours_per_week, p.title.casefold()))
    return proposals, weeks


# --- time trackers ---------------------------------------------------------------------

TITLE_COLUMNS = ("description", "beschreibung")
PROJECT_COLUMNS = ("project", "projekt")
DURATION_COLUMNS = ("duration", "duration (h)", "dauer", "dauer (h)")
DECIMAL_DURATION_COLUMNS = ("duration (decimal)", "dauer (dezimal)")
START_DATE_COLUMNS = ("start date", "startdatum")
START_TIME_COLUMNS = ("start time", "startzeit")
END_DATE_COLUMNS = ("end date", "enddatum")
END_TIME_COLUMNS = ("end time", "endzeit")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def is_tracker_header(header: list[str]) -> bool:
    """A detailed time-tracker export: a Description column and no task-list title."""
    keys = {_key(name) for name in header}
    return bool(keys & set(TITLE_COLUMNS)) and not keys & {"title", "titel"}


def parse_duration(value: str) -> Decimal:
    """Hours from "1:30:00", "1:30" or "1.5" / "1,5"."""
    text = value.strip()
    try:
        if ":" in text:
            parts = [int(part) for part in text.split(":")]
            if len(parts) not in (2, 3) or any(part < 0 for part in parts):
                raise ValueError
            hours, minutes, seconds = (parts + [0])[:3]
            return Decimal(hours) + Decimal(minutes) / 60 + Decimal(seconds) / 3600
        decimal_hours = Decimal(text.replace(",", ".") if "." not in text else text)
        if not decimal_hours.is_finite() or decimal_hours < 0:
            raise ValueError
        return decimal_hours
    except (ValueError, InvalidOperation):
        raise ValueError(value) from None


DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d")
TIME_FORMATS = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p")


def parse_date(value: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def _parse_moment(day: str, time: str) -> datetime:
    moment = parse_date(day)
    for fmt in TIME_FORMATS:
        try:
            return datetime.combine(moment, datetime.strptime(time.strip(), fmt).time())
        except ValueError:
            continue
    raise ValueError(time)


def _find(positions: dict[str, int], names: tuple[str, ...]) -> int | None:
    return next((positions[name] for name in names if name in positions), None)


def parse_tracker(text: str, *, max_entries: int) -> list[Entry]:
    """The entries of a detailed Toggl Track or Clockify CSV export, or CsvError."""
    header_line = next(line for line in text.splitlines() if line.strip())
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)
    positions = {_key(name): index for index, name in enumerate(header)}
    col = {
        "title": _find(positions, TITLE_COLUMNS),
        "project": _find(positions, PROJECT_COLUMNS),
        "duration": _find(positions, DURATION_COLUMNS),
        "decimal": _find(positions, DECIMAL_DURATION_COLUMNS),
        "start_date": _find(positions, START_DATE_COLUMNS),
        "start_time": _find(positions, START_TIME_COLUMNS),
        "end_date": _find(positions, END_DATE_COLUMNS),
        "end_time": _find(positions, END_TIME_COLUMNS),
    }
    has_span = None not in (col["start_date"], col["start_time"], col["end_time"])
    if col["duration"] is None and col["decimal"] is None and not has_span:
        raise CsvError([CsvProblem(NO_DURATIONS)])
    entries: list[Entry] = []
    problems: list[CsvProblem] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if len(entries) >= max_entries:
                raise CsvError([CsvProblem(TOO_MANY_ENTRIES, (("max", max_entries),))])
            entry = _tracker_entry(cells, header, col, number, reader.line_num, problems)
            if entry is not None:
                entries.append(entry)
    except csv.Error as error:
        raise CsvError(
            [
                CsvProblem(
                    gettext_noop("the file is not valid CSV (%(error)s)"), (("error", str(error)),)
                )
            ]
        ) from None
    if problems:
        raise CsvError(problems)
    if not entries:
        raise CsvError([CsvProblem(NO_ENTRIES)])
    return entries


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _tracker_entry(
    cells: list[str],
    header: list[str],
    col: dict[str, int | None],
    row: int,
    line: int,
    problems: list[CsvProblem],
) -> Entry | None:
    title = _cell(cells, col["title"]) or _cell(cells, col["project"])
    if not title:
        return None  # neither a description nor a project: nothing to name a task after

    def problem(template: str, index: int | None, **params: object) -> None:
        heading = header[index].strip() if index is not None else None
        where = (row, heading, line, heading)
        problems.append(CsvProblem(template, tuple(params.items()), *where))

    day: date | None = None
    if _cell(cells, col["start_date"]):
        try:
            day = parse_date(_cell(cells, col["start_date"]))
        except ValueError:
            problem(NOT_A_DATE, col["start_date"], value=_cell(cells, col["start_date"]))
            return None
    for kind in ("decimal", "duration"):
        raw = _cell(cells, col[kind])
        if raw:
            try:
                return Entry(title, day, parse_duration(raw))
            except ValueError:
                problem(NOT_A_DURATION, col[kind], value=raw)
                return None
    try:
        start = _parse_moment(_cell(cells, col["start_date"]), _cell(cells, col["start_time"]))
        end_day = _cell(cells, col["end_date"]) or _cell(cells, col["start_date"])
        end = _parse_moment(end_day, _cell(cells, col["end_time"]))
    except ValueError:
        span = f"{_cell(cells, col['start_time'])}–{_cell(cells, col['end_time'])}"
        problem(NOT_A_DURATION, col["start_time"], value=span)
        return None
    if end < start:
        end += timedelta(days=1)  # past midnight
    return Entry(title, day, Decimal((end - start).total_seconds()) / 3600)


# --- calendars -------------------------------------------------------------------------


def parse_calendar(data: bytes, *, max_entries: int) -> tuple[list[Entry], int]:
    """Timed events of an .ics file, recurring ones expanded; with the weeks it covers."""
    import icalendar
    import recurring_ical_events

    try:
        calendar = icalendar.Calendar.from_ical(data)
        events = [c for c in calendar.walk("VEVENT") if "DTSTART" in c]
    except (ValueError, IndexError, KeyError, TypeError, AttributeError):
        raise CsvError([CsvProblem(NOT_A_CALENDAR)]) from None
    starts = [
        start
        for start in (_as_datetime(event.decoded("DTSTART")) for event in events)
        if start is not None
    ]
    if not starts:
        raise CsvError([CsvProblem(NO_EVENTS)])
    last = max(starts)
    first = max(min(starts), last - timedelta(weeks=MAX_WEEKS))
    end = last + timedelta(days=1)
    entries: list[Entry] = []
    try:
        # after() makes occurrences one by one in time order, so the limit and the end of
        # the window stop the expansion (a rule repeating every second cannot flood memory).
        for occurrence in recurring_ical_events.of(calendar).after(first):
            if _starts_after(occurrence, end):
                break
            entry = _calendar_entry(occurrence)
            if entry is not None:
                entries.append(entry)
            if len(entries) > max_entries:
                break
    except (ValueError, TypeError, AttributeError):
        raise CsvError([CsvProblem(NOT_A_CALENDAR)]) from None
    if len(entries) > max_entries:
        raise CsvError([CsvProblem(TOO_MANY_ENTRIES, (("max", max_entries),))])
    if not entries:
        raise CsvError([CsvProblem(NO_EVENTS)])
    return entries, weeks_between(first.date(), last.date())


def _as_datetime(value: object) -> datetime | None:
    # A date without a time is an all-day event: not work time.
    return value.replace(tzinfo=None) if isinstance(value, datetime) else None


def _starts_after(event: Any, moment: datetime) -> bool:
    start = event.get("DTSTART").dt
    if not isinstance(start, datetime):
        start = datetime.combine(start, datetime.min.time())
    return start.replace(tzinfo=None) > moment


def _calendar_entry(event: Any) -> Entry | None:
    start = event.get("DTSTART")
    if start is None or not isinstance(start.dt, datetime):
        return None
    if event.get("DTEND") is not None:
        duration = event.decoded("DTEND") - start.dt
    elif event.get("DURATION") is not None:
        duration = event.decoded("DURATION")
    else:
        return None
    title = " ".join(str(event.get("SUMMARY", "")).split())
    if not title or duration <= timedelta(0):
        return None
    hours = Decimal(math.floor(duration.total_seconds())) / 3600
    return Entry(title, start.dt.date(), hours)
