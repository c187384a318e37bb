"""Generated inputs for the importers (Hypothesis): CSV cells, durations, dates and calendar
properties. Whatever the file, the import answers with a preview (rows) or a clear refusal
(CsvError with a message) — never another exception. Run with `-m fuzz`."""

import io
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks import imports
from tasks.csv_rows import CsvError

pytestmark = [pytest.mark.fuzz]
FUZZ = settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class Upload(io.BytesIO):
    def __init__(self, name: str, data: bytes) -> None:
        super().__init__(data)
        self.name, self.size = name, len(data)


def preview_or_refusal(name: str, data: bytes) -> None:
    try:
        upload = imports.read_upload(Upload(name, data))
    except CsvError as refused:
        assert refused.problems and all(str(problem) for problem in refused.problems)
    else:
        assert upload.rows


cells = st.text(alphabet=st.characters(max_codepoint=0x2FF) | st.sampled_from('",;\n\r'))
durations = st.one_of(
    st.from_regex(r"\A[0-9]{1,40}:[0-9]{1,3}(:[0-9]{1,3})?\Z"),
    st.from_regex(r"\A-?[0-9]{0,35}([.,][0-9]{0,20})?(e[+-]?[0-9]{1,4})?\Z"),
    st.sampled_from(["nan", "inf", "-1", "1_0", "\u0661", "\u00b2", "", "1.234,5", "0"]),
    cells,
)
days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
date_cells = st.one_of(
    days.map(lambda d: f"{d.year:04}-{d.month:02}-{d.day:02}"),
    days.map(lambda d: f"{d.day:02}/{d.month:02}/{d.year:04}"),
    days.map(lambda d: f"{d.month:02}/{d.day:02}/{d.year}"),
    days.map(lambda d: f"{d.day}.{d.month}.{d.year}"),
    cells,
)
times = st.one_of(st.times().map(lambda t: t.strftime("%H:%M:%S")), st.just("10:23 AM"), cells)


def _csv_line(values) -> str:
    return ",".join('"' + str(v).replace('"', '""') + '"' for v in values) + "\n"


@FUZZ
@given(st.lists(st.tuples(cells, date_cells, times, times, durations, durations), max_size=8))
def test_clockify_exports(rows):
    header = _csv_line(
        [
            "Description",
            "Start Date",
            "Start Time",
            "End Time",
            "Duration (h)",
            "Duration (decimal)",
            "Billable",
            "Client",
            "Project",
        ]
    )
    body = "".join(_csv_line([*row, "Yes", "", "Admin"]) for row in rows)
    preview_or_refusal("clockify.csv", (header + body).encode())


@FUZZ
@given(st.lists(st.tuples(cells, date_cells, durations), max_size=8), st.sampled_from([",", ";"]))
def test_toggl_and_harvest_exports(rows, delimiter):
    for header in (["Description", "Start date", "Duration"], ["Notes", "Date", "Hours"]):
        text = delimiter.join(header) + "\n"
        text += "".join(
            delimiter.join(c.replace(delimiter, " ") for c in row) + "\n" for row in rows
        )
        preview_or_refusal("export.csv", text.encode())


@FUZZ
@given(st.lists(st.lists(cells, max_size=8), max_size=8), st.binary(max_size=200))
def test_task_lists_and_arbitrary_bytes(rows, junk):
    header = "title,area,hours_per_week,recurring,skill,enjoyment,core\n"
    preview_or_refusal("tasks.csv", (header + "".join(_csv_line(r) for r in rows)).encode())
    preview_or_refusal("junk.csv", junk)
    preview_or_refusal("junk.ics", b"BEGIN:VCALENDAR\r\n" + junk)


moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30))  # noqa: DTZ001
FREQS = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "BOGUS"]
rules = st.builds(
    lambda freq, interval, end, byday: f"RRULE:FREQ={freq};INTERVAL={interval}{end}{byday}",
    st.sampled_from(FREQS),
    st.integers(min_value=0, max_value=400),
    st.one_of(
        st.just(""),
        st.integers(min_value=0, max_value=5000).map(lambda n: f";COUNT={n}"),
        moments.map(lambda m: f";UNTIL={m:%Y%m%dT%H%M%S}Z"),
    ),
    st.sampled_from(
        ["", ";BYDAY=MO,TU,WE,TH,FR", ";BYDAY=MO, TU", ";BYMONTHDAY=1,15", ";BYDAY=-1SU"]
    ),
)
events = st.builds(
    lambda start, length, rule, exdate, status, summary, all_day: "".join(
        [
            "BEGIN:VEVENT\r\nUID:" + str(abs(hash((start, summary)))) + "\r\n",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}\r\n"
            if all_day
            else f"DTSTART:{start:%Y%m%dT%H%M%S}\r\n",
            _end(start, length),
            rule + "\r\n" if rule else "",
            f"EXDATE:{exdate:%Y%m%dT%H%M%S}\r\n" if exdate else "",
            f"STATUS:{status}\r\n" if status else "",
            "SUMMARY:" + summary.replace("\r", " ").replace("\n", " ") + "\r\n",
            "END:VEVENT\r\n",
        ]
    ),
    moments,
    st.integers(min_value=-100_000, max_value=10**7),
    st.one_of(st.none(), rules),
    st.one_of(st.none(), moments),
    st.sampled_from([None, "CANCELLED", "CONFIRMED", "junk"]),
    cells,
    st.booleans(),
)


def _end(start: datetime, seconds: int) -> str:
    try:
        return f"DTEND:{start + timedelta(seconds=seconds):%Y%m%dT%H%M%S}\r\n"
    except OverflowError:
        return f"DURATION:PT{abs(seconds)}S\r\n"


@FUZZ
@given(st.lists(events, min_size=1, max_size=6))
def test_calendars(items):
    data = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(items) + "END:VCALENDAR\r\n"
    preview_or_refusal("calendar.ics", data.encode())
