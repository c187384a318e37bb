"""A time tracker's detailed CSV export becomes time entries.

Pure Python (no Django). Toggl Track, Clockify (detailed report; durations as h:mm:ss or
decimal, 12- or 24-hour times, headers in English, German, French, Spanish, Portuguese,
Italian or Dutch) and Harvest (detailed time report). Summary reports and layouts we do not
know are refused with the export to make instead.

The date format is read from the whole column: a value with a day over 12 settles it; when
two readings fit every value, both are returned, the shorter first, and the founder chooses.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from tasks.csv_rows import TITLE_MAX_LENGTH, CsvError, CsvProblem, gettext_noop
from tasks.time_audit import Entry, weeks_between

NO_DURATIONS = gettext_noop(
    "the export has no durations: export the detailed report with its Duration column, "
    "or with start and end times"
)
SUMMARY_REPORT = gettext_noop(
    "this is a summary report, which has no single entries: export the detailed report "
    "instead (Toggl Track: Reports → Detailed → CSV; Clockify: Reports → Detailed → CSV; "
    "Harvest: Reports → Detailed time → CSV)"
)
NOT_A_DURATION = gettext_noop('"%(value)s" is not a duration (like 1:30:00 or 1.5)')
NOT_A_DATE = gettext_noop('"%(value)s" is not a date')
NOT_A_PLAUSIBLE_DATE = gettext_noop('"%(value)s" is not a date between 1970 and 2100')
NO_ENTRIES = gettext_noop("the export has no time entries")
TOO_MANY_ENTRIES = gettext_noop("the file has more than %(max)s entries")
NOT_CSV = gettext_noop("the file is not valid CSV (%(error)s)")

FIRST_YEAR, LAST_YEAR = 1970, 2100
MAX_ENTRY_HOURS = Decimal(1000)  # a timer left running for weeks is still not a duration


def _key(name: str) -> str:
    """Header names compare without case, accents or extra spaces: "Durée" is "duree"."""
    text = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split()).casefold()


def _names(*names: str) -> tuple[str, ...]:
    return tuple(_key(name) for name in names)


COLUMNS = {
    "title": _names(
        "Description",
        "Beschreibung",
        "Descripción",
        "Descrição",
        "Descrizione",
        "Beschrijving",
        "Notes",
    ),
    "task": _names("Task", "Aufgabe", "Tarea", "Tâche", "Tarefa", "Attività", "Taak"),
    "project": _names("Project", "Projekt", "Proyecto", "Projet", "Projeto", "Progetto"),
    "client": _names("Client", "Kunde", "Cliente", "Klant"),
    "billable": _names(
        "Billable",
        "Billable?",
        "Abrechenbar",
        "Facturable",
        "Faturável",
        "Fatturabile",
        "Factureerbaar",
    ),
    "duration": _names(
        "Duration",
        "Duration (h)",
        "Dauer",
        "Dauer (h)",
        "Duración (h)",
        "Durée (h)",
        "Duração (h)",
        "Durata (h)",
        "Duur (u)",
        "Hours",
    ),
    "decimal": _names(
        "Duration (decimal)",
        "Dauer (dezimal)",
        "Duración (decimal)",
        "Durée (décimal)",
        "Duração (decimal)",
        "Durata (decimale)",
        "Duur (decimaal)",
    ),
    "start_date": _names(
        "Start date",
        "Startdatum",
        "Fecha de inicio",
        "Date de début",
        "Data de início",
        "Data di inizio",
        "Date",
    ),
    "start_time": _names(
        "Start time",
        "Startzeit",
        "Hora de inicio",
        "Heure de début",
        "Hora de início",
        "Ora di inizio",
        "Starttijd",
    ),
    "end_date": _names(
        "End date",
        "Enddatum",
        "Fecha de finalización",
        "Date de fin",
        "Data de término",
        "Data di fine",
        "Einddatum",
    ),
    "end_time": _names(
        "End time",
        "Endzeit",
        "Hora de finalización",
        "Heure de fin",
        "Hora de término",
        "Ora di fine",
        "Eindtijd",
    ),
}
SUMMARY_COLUMNS = _names("Time (h)", "Time (decimal)", "Zeit (h)", "Zeit (dezimal)")
TASK_LIST_COLUMNS = _names("title", "titel")
YES = {"yes", "ja", "true", "1", "y", "si", "sí", "oui", "sim", "はい"}


def _positions(header: list[str]) -> dict[str, int | None]:
    keys = {_key(name): index for index, name in reversed(list(enumerate(header)))}
    return {
        column: next((keys[name] for name in names if name in keys), None)
        for column, names in COLUMNS.items()
    }


def is_tracker_header(header: list[str]) -> bool:
    """A time tracker's export (detailed or summary), not a task list."""
    keys = {_key(name) for name in header}
    if keys & set(TASK_LIST_COLUMNS):
        return False
    col = _positions(header)
    timed = col["duration"] is not None or col["decimal"] is not None
    dated = col["start_date"] is not None
    return bool(keys & set(SUMMARY_COLUMNS)) or (
        (timed or dated) and (col["title"] is not None or col["project"] is not None)
    )


# --- values ----------------------------------------------------------------------------

PLAIN_NUMBER = re.compile(r"[0-9]{1,7}([.,][0-9]{1,12})?", re.ASCII)
CLOCK = re.compile(r"([0-9]{1,5}):([0-5]?[0-9])(?::([0-5]?[0-9]))?", re.ASCII)


def parse_duration(value: str) -> Decimal:
    """Hours from "1:30:00", "1:30", "1.5", "1,5" or "1.234,5"; ValueError otherwise."""
    text = value.strip()
    clock = CLOCK.fullmatch(text)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        result = Decimal(hours) + Decimal(minutes) / 60 + Decimal(seconds) / 3600
    else:
        if "," in text and "." in text:  # German thousands: 1.234,5
            text = text.replace(".", "")
        if not PLAIN_NUMBER.fullmatch(text):
            raise ValueError(value)
        try:
            result = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(value) from None
    if result > MAX_ENTRY_HOURS:
        raise ValueError(value)
    return result


DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d-%m-%Y",
    "%m-%d-%Y",
    "%d.%m.%y",
    "%d/%m/%y",
    "%m/%d/%y",
)
TIME_FORMATS = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%I:%M:%S%p", "%I:%M%p")
# How the founder is asked: the format as people write it.
FORMAT_LABELS = {
    "%d/%m/%Y": "DD/MM/YYYY",
    "%m/%d/%Y": "MM/DD/YYYY",
    "%d-%m-%Y": "DD-MM-YYYY",
    "%m-%d-%Y": "MM-DD-YYYY",
    "%d/%m/%y": "DD/MM/YY",
    "%m/%d/%y": "MM/DD/YY",
}


def _strptime_date(value: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(value, fmt).date()  # noqa: DTZ007 — a date, no zone to lose
    except ValueError:
        return None


def _readings(values: list[str]) -> list[str]:
    """The formats that read every value; readings that give the same dates count once."""
    readings: list[str] = []
    seen: set[tuple] = set()
    for fmt in DATE_FORMATS:
        dates = tuple(_strptime_date(value, fmt) for value in values)
        if None not in dates and dates not in seen:
            readings.append(fmt)
            seen.add(dates)
    return readings


def _clock(value: str) -> datetime:
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(value.strip().upper(), fmt)  # noqa: DTZ007 — time of day
        except ValueError:
            continue
    raise ValueError(value)


# --- the export ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """The entries under one reading of the dates."""

    date_format: str
    label: str
    entries: list[Entry]
    weeks: int


def read_header(text: str) -> tuple[list[str], str]:
    header_line = next(line for line in text.splitlines() if line.strip())
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    return next(csv.reader([header_line], delimiter=delimiter)), delimiter


def parse_tracker(text: str, *, max_entries: int) -> list[Reading]:
    """The readings of a detailed export (one, or two when the dates are ambiguous)."""
    header, delimiter = read_header(text)
    col = _positions(header)
    keys = {_key(name) for name in header}
    if keys & set(SUMMARY_COLUMNS) or col["start_date"] is None:
        raise CsvError([CsvProblem(SUMMARY_REPORT)])
    has_span = None not in (col["start_time"], col["end_time"])
    if col["duration"] is None and col["decimal"] is None and not has_span:
        raise CsvError([CsvProblem(NO_DURATIONS)])
    rows = _rows(text, delimiter, max_entries)
    day_cells = [_cell(cells, col["start_date"]) for _, cells in rows]
    readings = _readings([value for value in day_cells if value])
    if not readings:
        readings = [_best_format(day_cells)]
    result = []
    for fmt in readings[:2]:
        problems: list[CsvProblem] = []
        entries = [
            entry
            for number, (line, cells) in enumerate(rows, start=1)
            if (entry := _entry(cells, header, col, fmt, (number, line), problems)) is not None
        ]
        if problems:
            raise CsvError(problems)
        if not entries:
            raise CsvError([CsvProblem(NO_ENTRIES)])
        days = [entry.day for entry in entries if entry.day is not None]
        weeks = weeks_between(min(days), max(days)) if days else 1
        result.append(Reading(fmt, FORMAT_LABELS.get(fmt, fmt), entries, weeks))
    result.sort(key=lambda reading: reading.weeks)  # a real export's span is the short one
    return result


def _rows(text: str, delimiter: str, max_entries: int) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        next(reader)
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= max_entries:
                raise CsvError([CsvProblem(TOO_MANY_ENTRIES, (("max", max_entries),))])
            rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise CsvError([CsvProblem(NOT_CSV, (("error", str(error)),))]) from None
    return rows


def _best_format(values: list[str]) -> str:
    """No format reads every date: the one that reads most, so the others are named."""
    return max(DATE_FORMATS, key=lambda f: sum(_strptime_date(v, f) is not None for v in values))


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _entry(cells, header, col, fmt, where, problems) -> Entry | None:
    title = next(
        (_cell(cells, col[c]) for c in ("title", "task", "project") if _cell(cells, col[c])), ""
    )[:TITLE_MAX_LENGTH]
    if not title:
        return None  # nothing to name a task after

    def problem(template: str, column: str, **params: object) -> None:
        index = col[column]
        heading = header[index].strip() if index is not None else None
        problems.append(
            CsvProblem(template, tuple(params.items()), where[0], heading, where[1], heading)
        )

    raw_day = _cell(cells, col["start_date"])
    day = _strptime_date(raw_day, fmt) if raw_day else None
    if raw_day and day is None:
        problem(NOT_A_DATE, "start_date", value=raw_day)
        return None
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        problem(NOT_A_PLAUSIBLE_DATE, "start_date", value=raw_day)
        return None
    hours = _hours(cells, col, fmt, raw_day, problem)
    if hours is None:
        return None
    billable = _cell(cells, col["billable"]).casefold() in YES
    return Entry(
        title,
        day,
        hours,
        billable=billable,
        client=_cell(cells, col["client"])[:TITLE_MAX_LENGTH],
        project=_cell(cells, col["project"])[:TITLE_MAX_LENGTH],
    )


def _hours(cells, col, fmt, raw_day, problem) -> Decimal | None:
    # h:mm:ss before the decimal column: it is exact, the decimal one rounded (or 0.00).
    for kind in ("duration", "decimal"):
        raw = _cell(cells, col[kind])
        if raw:
            try:
                return parse_duration(raw)
            except ValueError:
                problem(NOT_A_DURATION, kind, value=raw[:40])
                return None
    start_raw, end_raw = _cell(cells, col["start_time"]), _cell(cells, col["end_time"])
    try:
        start, end = _clock(start_raw), _clock(end_raw)
    except ValueError:
        problem(NOT_A_DURATION, "start_time", value=f"{start_raw[:20]}–{end_raw[:20]}")
        return None
    end_day = _strptime_date(_cell(cells, col["end_date"]), fmt)
    start_day = _strptime_date(raw_day, fmt)
    length = end - start
    if end_day and start_day and end_day > start_day:
        length += timedelta(days=min((end_day - start_day).days, 40))
    elif length < timedelta(0):
        length += timedelta(days=1)  # past midnight
    return Decimal(int(length.total_seconds())) / 3600
