"""One-off events are read without recurring_ical_events (tasks/calendar_audit.py, _one_offs:
most of a large calendar), and the lines that cannot change an event's hours are dropped
before parsing (tasks/ics_lines.py): the hours must stay exactly what the library gives.
Every real calendar of ../shared/interop/ and a file of edge cases are read both ways, over the
whole file and over narrowed periods, and the audits compared."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tasks import calendar_audit
from tasks.csv_rows import CsvError
from tasks.tests.interop import interop_files

TODAY = date(2026, 12, 5)

EDGES = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:19700329T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:naive
SUMMARY:Naive times
DTSTART:20260302T090000
DTEND:20260302T103000
END:VEVENT
BEGIN:VEVENT
UID:zoned
SUMMARY:Over the clock change
DTSTART;TZID=Europe/Berlin:20260329T013000
DTEND;TZID=Europe/Berlin:20260329T040000
END:VEVENT
BEGIN:VEVENT
UID:two-zones
SUMMARY:Two zones
DTSTART;TZID=Europe/Berlin:20260304T090000
DTEND:20260304T100000Z
END:VEVENT
BEGIN:VEVENT
UID:mixed
SUMMARY:Mixed naive and UTC
DTSTART:20260305T090000
DTEND:20260305T100000Z
END:VEVENT
BEGIN:VEVENT
UID:backwards
SUMMARY:Ends before it starts
DTSTART:20260306T100000Z
DTEND:20260306T090000Z
END:VEVENT
BEGIN:VEVENT
UID:zero
SUMMARY:Zero length
DTSTART:20260307T100000Z
DTEND:20260307T100000Z
END:VEVENT
BEGIN:VEVENT
UID:night
SUMMARY:Across midnight
DTSTART:20260308T230000Z
DTEND:20260309T010000Z
END:VEVENT
BEGIN:VEVENT
UID:to-midnight
SUMMARY:Until midnight
DTSTART:20260308T220000Z
DTEND:20260309T000000Z
END:VEVENT
BEGIN:VEVENT
UID:date-and-time
SUMMARY:A date and a time
DTSTART;VALUE=DATE:20260310
DTEND:20260310T120000Z
END:VEVENT
BEGIN:VEVENT
UID:ancient
SUMMARY:Too early
DTSTART:18000101T090000Z
DTEND:18000101T100000Z
END:VEVENT
BEGIN:VEVENT
UID:alarm
SUMMARY:With an alarm
DTSTART:20260311T090000Z
DTEND:20260311T100000Z
BEGIN:VALARM
ACTION:DISPLAY
TRIGGER:-PT15M
DURATION:PT5M
REPEAT:2
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:twice
SEQUENCE:1
SUMMARY:Old version
DTSTART:20260312T090000Z
DTEND:20260312T100000Z
END:VEVENT
BEGIN:VEVENT
UID:twice
SEQUENCE:2
SUMMARY:New version
DTSTART:20260312T090000Z
DTEND:20260312T110000Z
END:VEVENT
BEGIN:VEVENT
UID:cancelled
STATUS:CANCELLED
SUMMARY:Called off
DTSTART:20260313T090000Z
DTEND:20260313T100000Z
END:VEVENT
BEGIN:VEVENT
UID:confirmed
STATUS:CONFIRMED
SUMMARY:Held
DTSTART:20260314T090000Z
DTEND:20260314T100000Z
END:VEVENT
BEGIN:VEVENT
SUMMARY:No UID
DTSTART:20260316T090000Z
DTEND:20260316T100000Z
END:VEVENT
BEGIN:VEVENT
UID:weekly
SUMMARY:Weekly
DTSTART:20260302T140000Z
DTEND:20260302T150000Z
RRULE:FREQ=WEEKLY;COUNT=6
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n").encode()


def _library_only(calendar, events):
    """Every event through recurring_ical_events, as before the one-offs were read apart."""
    uids = [c.get("UID", str(id(c))) for c in calendar.walk("VEVENT")]
    return list(dict.fromkeys(uids)), {}


def _read(data, since=None, until=None):
    try:
        return calendar_audit.read_calendar(
            data, today=TODAY, max_occurrences=200_000, seconds=60, since=since, until=until
        )
    except CsvError as refused:
        return [(p.template, p.params) for p in refused.problems]


def _same(audit):
    """The audit with its one-offs in a fixed order: the library yields a series' moved
    occurrences from a set (in an order that changes from one run to the next)."""
    if isinstance(audit, calendar_audit.CalendarAudit):
        audit.singles.sort(key=repr)
    return audit


def _both_ways(monkeypatch, data, since=None, until=None):
    fast = _read(data, since, until)
    with monkeypatch.context() as patched:
        patched.setattr(calendar_audit, "_one_offs", _library_only)
        slow = _read(data, since, until)
    return _same(fast), _same(slow)


def _narrowed(audit):
    """Periods inside the calendar's span (the whole file is compared on its own)."""
    if isinstance(audit, calendar_audit.CalendarAudit) and audit.first and audit.last:
        middle = audit.first + (audit.last - audit.first) / 2
        yield audit.first, middle
        yield middle, audit.last
        yield middle, middle


CALENDARS = [path for path in interop_files() if path.suffix == ".ics"]


@pytest.mark.parametrize("path", CALENDARS, ids=lambda path: path.name)
def test_every_real_calendar_gives_the_same_hours_both_ways(monkeypatch, path):
    data = path.read_bytes()
    whole, whole_slow = _both_ways(monkeypatch, data)
    assert whole == whole_slow, (None, None)
    for since, until in _narrowed(whole):
        fast, slow = _both_ways(monkeypatch, data, since, until)
        assert fast == slow, (since, until)


def test_edge_cases_give_the_same_hours_both_ways(monkeypatch):
    for since, until in [
        (None, None),
        (date(2026, 3, 5), date(2026, 3, 8)),  # an event across the period's last midnight
        (date(2026, 3, 9), None),
        (date(2026, 3, 29), date(2026, 3, 29)),
    ]:
        fast, slow = _both_ways(monkeypatch, EDGES, since, until)
        assert fast == slow, (since, until)


def test_the_edge_cases_are_read_as_a_person_would():
    audit = _read(EDGES)
    hours: Counter[str] = Counter()
    for entry in audit.singles:
        hours[entry.title] += entry.hours
    assert hours["Naive times"] == Decimal("1.5")
    assert hours["Two zones"] == 2  # 09:00 in Berlin (08:00 UTC) to 10:00 UTC
    assert hours["Across midnight"] == 2
    assert hours["New version"] == 2 and "Old version" not in hours  # the higher SEQUENCE
    assert hours["Held"] == 1 and "Called off" not in hours
    assert hours["With an alarm"] == 1 and hours["No UID"] == 1
    reasons = {(item.title, item.reason) for item in audit.left_out}
    assert ("Called off", calendar_audit.CANCELLED) in reasons
    assert ("Too early", calendar_audit.OUT_OF_RANGE) in reasons
    assert ("Zero length", calendar_audit.NO_DURATION) in reasons
    [weekly] = audit.series
    assert weekly.title == "Weekly" and weekly.occurrences == 6


def test_a_narrowed_period_keeps_an_event_that_ends_inside_it():
    audit = _read(EDGES, since=date(2026, 3, 9), until=date(2026, 3, 9))
    titles = {entry.title for entry in audit.singles}
    assert "Across midnight" in titles and "Naive times" not in titles
    assert "Until midnight" not in titles  # it ends as the period starts
    assert audit.first == date(2026, 3, 8) and audit.last - audit.first < timedelta(days=2)
