"""The time audit, pure: durations, weeks covered, grouping, recurring, and bad exports."""

from datetime import date
from decimal import Decimal

import pytest

from tasks.csv_rows import CsvError
from tasks.time_audit import Entry, summarize, weeks_between
from tasks.tracker_export import parse_duration, parse_tracker


@pytest.mark.parametrize(
    ("text", "hours"),
    [("1:30:00", "1.5"), ("0:45", "0.75"), ("26:00:00", "26"), ("1.5", "1.5"), ("1,5", "1.5")],
)
def test_durations_are_read_as_hours(text, hours):
    assert parse_duration(text) == Decimal(hours)


@pytest.mark.parametrize("text", ["", "soon", "1:xx:00", "-1", "1:2:3:4", "NaN"])
def test_a_bad_duration_is_refused(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("first", "last", "weeks"),
    [
        (date(2026, 10, 5), date(2026, 10, 9), 1),  # Monday to Friday
        (date(2026, 10, 11), date(2026, 10, 12), 2),  # Sunday to Monday
        (date(2026, 10, 5), date(2026, 10, 30), 4),
    ],
)
def test_weeks_are_calendar_weeks(first, last, weeks):
    assert weeks_between(first, last) == weeks


def _entries(title, days, hours="1"):
    return [Entry(title, day, Decimal(hours)) for day in days]


def test_grouping_ignores_case_and_spaces_and_divides_by_the_weeks():
    mondays = [date(2026, 10, 5), date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26)]
    entries = _entries("Inbox  triage", mondays[:3]) + _entries("inbox triage", mondays[3:])
    entries += _entries("Tax advisor", [date(2026, 10, 14)], "2")
    proposals, weeks = summarize(entries)
    assert weeks == 4
    inbox, tax = proposals
    assert (inbox.title, inbox.hours_per_week, inbox.recurring) == ("Inbox triage", 1, True)
    assert (tax.hours_per_week, tax.recurring) == (Decimal("0.50"), False)


@pytest.mark.parametrize(
    ("weeks_seen", "recurring"), [(1, False), (2, False), (3, True), (4, True)]
)
def test_recurring_means_more_than_half_of_the_weeks(weeks_seen, recurring):
    mondays = [date(2026, 10, 5 + 7 * i) for i in range(4)]
    entries = _entries("Call", mondays[:weeks_seen]) + _entries("Other", mondays[3:])
    proposals, _weeks = summarize(entries + _entries("Other", mondays[:1]))
    call = next(p for p in proposals if p.title == "Call")
    assert call.recurring is recurring


def test_a_tracker_row_with_a_bad_duration_names_row_and_column():
    text = "Description,Start date,Duration\nInbox,2026-10-05,soon\n"
    with pytest.raises(CsvError) as refused:
        parse_tracker(text, max_entries=10)
    assert str(refused.value) == (
        'row 1 (line 2), column Duration: "soon" is not a duration (like 1:30:00 or 1.5)'
    )


def test_start_and_end_times_give_the_duration_even_past_midnight():
    text = (
        "Description,Start date,Start time,End date,End time\n"
        "Launch,2026-10-05,23:30:00,2026-10-06,00:15:00\n"
    )
    [reading] = parse_tracker(text, max_entries=10)
    [entry] = reading.entries
    assert entry.hours == Decimal("0.75")
