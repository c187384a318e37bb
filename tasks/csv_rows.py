"""Tasks from a CSV file: parse and validate every row, report every problem at once.

Pure Python (no Django), shared by the web import and the classify_tasks command.

- Columns: title, area, hours_per_week, recurring, skill, enjoyment, core, or their German
  names (Titel, Bereich, Stunden pro Woche, wiederkehrend, Können, Freude, Kerntätigkeit).
  Headers are case-insensitive; other columns are ignored.
- Comma or semicolon delimited (German Excel writes semicolons); a UTF-8 BOM is dropped.
- Skill and enjoyment may be left empty, or their columns left out: "not rated" (None).
- Hours take a decimal point or a German decimal comma ("1,5").
- Blank lines are skipped. Problems name the data row (row 1 is the first non-blank row after
  the header, blank lines not counted) and the column as the header names it:
  `row 3, column hours_per_week: "lots" is not a number`.
"""

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, TextIO

from tasks.classifier import AREAS, TaskInput

COLUMNS = ("title", "area", "hours_per_week", "recurring", "skill", "enjoyment", "core")
GERMAN_COLUMNS = {
    "title": "Titel",
    "area": "Bereich",
    "hours_per_week": "Stunden pro Woche",
    "recurring": "wiederkehrend",
    "skill": "Können",
    "enjoyment": "Freude",
    "core": "Kerntätigkeit",
}
# Left out or empty: not rated (the catalogue may suggest a value).
OPTIONAL_COLUMNS = ("skill", "enjoyment", "core")
TITLE_MAX_LENGTH = 200
MAX_HOURS = Decimal("168")  # hours in a week
HOURS_DECIMALS = 2  # as the database stores them
# Plain ASCII digits only: Decimal() and int() also take "1_0" (10), "1e-400", "²" or "١".  # noqa: RUF003 — the Arabic-Indic digit is the example
PLAIN_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", re.ASCII)
PLAIN_INTEGER = re.compile(r"[0-9]+", re.ASCII)

TRUE_WORDS = ("yes", "true", "1", "ja")
FALSE_WORDS = ("no", "false", "0", "nein")


def _header_key(name: str) -> str:
    # NFC: a decomposed "Können" (macOS) must match the composed one.
    return unicodedata.normalize("NFC", name).strip().casefold()


def gettext_noop(message: str) -> str:
    """Marks a message for makemessages without importing Django; the web import translates
    it at the edge (CsvProblem.render), the command prints it as it is."""
    return message


REQUIRED = gettext_noop("a value is required")
NOT_YES_NO = gettext_noop('"%(value)s" is not one of yes/no, true/false, 1/0, ja/nein')
NOT_A_NUMBER = gettext_noop('"%(value)s" is not a number')
NOT_IN_A_WEEK = gettext_noop('"%(value)s" is not between 0 and %(max)s')
TOO_PRECISE = gettext_noop('"%(value)s" has more than %(places)s decimal places')
NOT_A_RATING = gettext_noop('"%(value)s" is not a whole number from 1 to 5')
NOT_AN_AREA = gettext_noop('"%(value)s" is not one of %(areas)s')
# The areas as a reader of the message names them: codes in English, German names in German.
AREA_LIST = gettext_noop(
    "admin, customer_support, sales, marketing, product, tech, design, finance, legal, "
    "networking, other"
)
# A column the header lacks or repeats, named in the reader's language.
COLUMN_NAMES = {
    "title": gettext_noop("title"),
    "area": gettext_noop("area"),
    "hours_per_week": gettext_noop("hours_per_week"),
    "recurring": gettext_noop("recurring"),
    "skill": gettext_noop("skill"),
    "enjoyment": gettext_noop("enjoyment"),
    "core": gettext_noop("core"),
}
TOO_LONG = gettext_noop("is longer than %(max)s characters")
TWICE_IN_HEADER = gettext_noop("appears more than once in the header")
MISSING_COLUMN = gettext_noop('missing from the header (name it "%(column)s" or "%(german)s")')
EMPTY_FILE = gettext_noop("the file is empty")
NOT_CSV = gettext_noop("the file is not valid CSV (%(error)s)")
NO_TASKS = gettext_noop("the file has a header but no tasks")
TOO_MANY_ROWS = gettext_noop(
    "the file has more than %(max)s tasks; import at most %(max)s at a time"
)
TOO_LARGE = gettext_noop("the file is larger than %(max)s MB")
# Both numbers: people count tasks, spreadsheets count lines.
AT_ROW_AND_COLUMN = gettext_noop("row %(row)s (line %(line)s), column %(column)s: %(message)s")
AT_COLUMN = gettext_noop("column %(column)s: %(message)s")


class BadValue(ValueError):
    """A cell's value is wrong; carries the message template and its values for translation."""

    def __init__(self, template: str, **params: object) -> None:
        self.template, self.params = template, params
        super().__init__(template % params)


HEADER_ALIASES = {_header_key(name): name for name in COLUMNS} | {
    _header_key(german): name for name, german in GERMAN_COLUMNS.items()
}


@dataclass(frozen=True)
class CsvProblem:
    template: str
    params: tuple[tuple[str, object], ...] = ()
    row: int | None = None  # data row, 1-based; None for the file as a whole
    column: str | None = None
    line: int | None = None  # the row's line in the file (the header is line 1 or later)
    heading: str | None = None  # the column as the file's header names it ("Können")

    @property
    def message(self) -> str:
        return self.template % dict(self.params)

    def render(self, translate: Callable[[str], str] = gettext_noop) -> str:
        """The problem as a sentence; `translate` is gettext at the edge, or nothing."""
        params = {
            name: translate(AREA_LIST) if value == AREA_LIST else value
            for name, value in self.params
        }
        message = translate(self.template) % params
        column = self.heading or (self.column and translate(COLUMN_NAMES[self.column]))
        if self.row is not None:
            where = {"row": self.row, "line": self.line, "column": column}
            return translate(AT_ROW_AND_COLUMN) % (where | {"message": message})
        if self.column is not None:
            return translate(AT_COLUMN) % {"column": column, "message": message}
        return message

    def __str__(self) -> str:
        return self.render()


class CsvError(ValueError):
    """The file cannot be imported; `problems` lists everything wrong with it."""

    def __init__(self, problems: list[CsvProblem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def parse_bool(value: str) -> bool:
    """yes/no, true/false, 1/0, ja/nein in any case; anything else raises ValueError."""
    word = value.strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadValue(NOT_YES_NO, value=value)


def parse_hours(value: str) -> Decimal:
    """Hours per week, 0–168, with a decimal point or a German decimal comma."""
    text = value.strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    if not PLAIN_DECIMAL.fullmatch(text):
        raise BadValue(NOT_A_NUMBER, value=value)
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise BadValue(NOT_A_NUMBER, value=value) from None
    if not 0 <= hours <= MAX_HOURS:
        raise BadValue(NOT_IN_A_WEEK, value=value, max=MAX_HOURS)
    if hours != hours.quantize(Decimal(1).scaleb(-HOURS_DECIMALS)):
        raise BadValue(TOO_PRECISE, value=value, places=HOURS_DECIMALS)
    return hours


def parse_rating(value: str) -> int:
    """A whole number from 1 to 5 (skill, enjoyment)."""
    if not PLAIN_INTEGER.fullmatch(value.strip()):
        raise BadValue(NOT_A_RATING, value=value)
    rating = int(value.strip())
    if not 1 <= rating <= 5:
        raise BadValue(NOT_A_RATING, value=value)
    return rating


# A German spreadsheet names the area as the German UI does.
GERMAN_AREAS = {
    "verwaltung": "admin",
    "kundensupport": "customer_support",
    "vertrieb": "sales",
    "produkt": "product",
    "technik": "tech",
    "finanzen": "finance",
    "recht": "legal",
    "netzwerken": "networking",
    "sonstiges": "other",
}


def parse_area(value: str) -> str:
    """One of AREAS, in any case; the German names of the areas work too."""
    area = value.strip().casefold()
    area = GERMAN_AREAS.get(area, area)
    if area not in AREAS:
        raise BadValue(NOT_AN_AREA, value=value, areas=AREA_LIST)
    return area


def parse_title(value: str) -> str:
    title = value.strip()
    if len(title) > TITLE_MAX_LENGTH:
        raise BadValue(TOO_LONG, max=TITLE_MAX_LENGTH)
    return title


PARSERS = {
    "title": parse_title,
    "area": parse_area,
    "hours_per_week": parse_hours,
    "recurring": parse_bool,
    "skill": parse_rating,
    "enjoyment": parse_rating,
    "core": parse_bool,
}


def _delimiter(header_line: str) -> str:
    # The header decides: no header name contains a comma or a semicolon.
    return ";" if header_line.count(";") > header_line.count(",") else ","


def looks_like_task_list(header: list[str]) -> bool:
    """A header naming at least one of our columns: its problems are worth listing."""
    return any(_header_key(name) in HEADER_ALIASES for name in header)


def _column_positions(header: list[str]) -> tuple[dict[str, int], list[CsvProblem]]:
    positions: dict[str, int] = {}
    problems = []
    for index, name in enumerate(header):
        column = HEADER_ALIASES.get(_header_key(name))
        if column is None:
            continue
        if column in positions:
            problems.append(CsvProblem(TWICE_IN_HEADER, column=column))
        positions[column] = index
    for column in COLUMNS:
        if column not in positions and column not in OPTIONAL_COLUMNS:
            params = (("column", column), ("german", GERMAN_COLUMNS[column]))
            problems.append(CsvProblem(MISSING_COLUMN, params, column=column))
    return positions, problems


def _parse_row(
    cells: list[str], header: list[str], positions: dict[str, int], row: int, line: int
) -> tuple[TaskInput | None, list[CsvProblem]]:
    # Each column's parser returns its own type; TaskInput(**values) checks them all.
    values: dict[str, Any] = {}
    problems = []
    for column in COLUMNS:
        index = positions.get(column)
        raw = cells[index] if index is not None and index < len(cells) else ""
        if index is None or (not raw.strip() and column in OPTIONAL_COLUMNS):
            values[column] = None  # a rating left out or empty: not rated
            continue
        heading = header[index].strip()
        if not raw.strip():
            problems.append(CsvProblem(REQUIRED, (), row, column, line, heading))
            continue
        try:
            values[column] = PARSERS[column](raw)
        except BadValue as error:
            params = tuple(error.params.items())
            problems.append(CsvProblem(error.template, params, row, column, line, heading))
    if problems:
        return None, problems
    return TaskInput(**values), []


def check_size(size: int, max_bytes: int) -> None:
    """Refuse a file before reading it when it is larger than max_bytes."""
    if size > max_bytes:
        raise CsvError([CsvProblem(TOO_LARGE, (("max", f"{max_bytes / 1024 / 1024:g}"),))])


def first_problems(
    problems: Iterable[CsvProblem], shown: int
) -> tuple[tuple[CsvProblem, ...], int]:
    """The problems to list, and how many more there are ("and N more")."""
    problems = tuple(problems)
    return problems[:shown], max(0, len(problems) - shown)


def parse_tasks(stream: TextIO, *, max_rows: int | None = None) -> list[TaskInput]:
    """Every task in the CSV stream, or CsvError with every problem found.

    With max_rows, a file with more tasks is refused as soon as the row after the last one
    allowed is read, before anything is validated."""
    text = stream.read().removeprefix("\ufeff")
    if not text.strip():
        raise CsvError([CsvProblem(EMPTY_FILE)])
    header_line = next(line for line in text.splitlines() if line.strip())
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(header_line))
    rows = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((reader.line_num, cells))
            if max_rows is not None and len(rows) > max_rows + 1:  # + the header
                raise CsvError([CsvProblem(TOO_MANY_ROWS, (("max", max_rows),))])
    except csv.Error as error:
        raise CsvError([CsvProblem(NOT_CSV, (("error", str(error)),))]) from None

    positions, problems = _column_positions(rows[0][1])
    if problems:
        raise CsvError(problems)
    if len(rows) == 1:
        raise CsvError([CsvProblem(NO_TASKS)])

    tasks = []
    for row_number, (line, cells) in enumerate(rows[1:], start=1):
        task, row_problems = _parse_row(cells, rows[0][1], positions, row_number, line)
        problems.extend(row_problems)
        if task is not None:
            tasks.append(task)
    if problems:
        raise CsvError(problems)
    return tasks


def decode(data: bytes) -> str:
    """Text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252 (old Excel)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
