"""A calendar (.ics) becomes hours a week per title, as a person would count them.

Pure Python (no Django). Read with `icalendar`; occurrences come from
`recurring_ical_events` series, one bounded window per series (its `between()`, never an
unbounded `after()` loop), so RRULE, RDATE, EXDATE, RECURRENCE-ID overrides and
STATUS:CANCELLED are honoured.

- A recurring series counts at its own pace: the occurrences it keeps over its span divided
  by the weeks its rule takes for them (a weekday half-hour is 2.5 h a week, a weekly series
  of 8 with two deleted 0.375, a yearly hour about 0.02). A series still running at the
  upload counts over the 52 weeks before it (one that starts later, over its first 52
  weeks). It is "recurring" when it comes back at least monthly.
- Single events count over the weeks from the first to the last of them (time_audit).
- All-day events, events longer than a working day, cancelled, untitled and zero-length
  events are left out and listed with the reason.
- Bounded: rules repeating more than hourly are refused before any expansion, every
  occurrence examined counts against `max_occurrences`, and the whole read has a time
  budget.

What a rule says about its pace and end: tasks/calendar_rules.py; the lines kept before
parsing: tasks/ics_lines.py.
"""

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tasks import calendar_rules, ics_lines
from tasks.calendar_rules import naive
from tasks.csv_rows import CsvError, CsvProblem, gettext_noop
from tasks.time_audit import Entry

NOT_A_CALENDAR = gettext_noop("the file is not an iCalendar (.ics) file that can be read")
NO_EVENTS = gettext_noop("the calendar has no events with a start and an end time")
TOO_FREQUENT = gettext_noop(
    '"%(title)s" repeats more often than every hour; a calendar of work repeats at most '
    "hourly: remove that event and export again"
)
TOO_MANY_OCCURRENCES = gettext_noop(
    "the calendar repeats its events more than %(max)s times; export a shorter period"
)
TOO_SLOW = gettext_noop(
    "the calendar takes too long to read (more than %(seconds)s seconds); export a shorter "
    "period or one calendar at a time"
)
NESTED = gettext_noop("the calendar has events inside events; export it again from your calendar")

# Why an event is not counted (listed in the preview, translated there).
ALL_DAY = gettext_noop('"%(title)s" (%(count)s×): all-day, not counted as work time')
LONGER_THAN_A_DAY = gettext_noop(
    '"%(title)s" (%(count)s×): longer than a working day (%(hours)s h), not counted'
)
CANCELLED = gettext_noop('"%(title)s" (%(count)s×): cancelled')
NO_DURATION = gettext_noop('"%(title)s" (%(count)s×): no duration, nothing to count')
OUT_OF_RANGE = gettext_noop('"%(title)s" (%(count)s×): dated before 1900 or after 2200')
BROKEN_RULE = gettext_noop('"%(title)s" (%(count)s×): its repetition cannot be read')
NOTHING_COUNTED = gettext_noop("the calendar has no event that counts as work time:")

# Events without a title still take time; the import translates this title.
UNTITLED = gettext_noop("Untitled event")
WORKING_DAY = timedelta(hours=10)
NOT_ONE_OFF = ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "DURATION")
WINDOW = timedelta(weeks=52)
MONTHLY = 31  # days between occurrences: at least monthly is "recurring"
# Naive on purpose: the windows compare with event times as the calendar wrote them.
EARLIEST, LATEST = datetime(1900, 1, 1), datetime(2200, 1, 1)  # noqa: DTZ001


@dataclass(frozen=True)
class SeriesHours:
    title: str
    hours_per_week: Decimal
    recurring: bool
    total_hours: Decimal
    occurrences: int
    # The weeks counted, from `since` on: series of one title merge over their weeks together.
    since: date = date.min
    weeks: Decimal = Decimal("0.01")
    running: bool = False  # still running at the upload


@dataclass(frozen=True)
class LeftOut:
    title: str
    reason: str
    params: tuple[tuple[str, object], ...]
    count: int


@dataclass
class CalendarAudit:
    singles: list[Entry] = field(default_factory=list)
    series: list[SeriesHours] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    first: date | None = None
    last: date | None = None
    counted: int = 0


class _Budget:
    """Every occurrence examined counts; the processor time too (this thread's, so a busy
    machine does not refuse a file that an idle one reads in a second)."""

    def __init__(self, max_occurrences: int, seconds: float) -> None:
        self.left, self.max = max_occurrences, max_occurrences
        self.seconds, self.deadline = seconds, time.thread_time() + seconds

    def spend(self, count: int = 1) -> None:
        self.left -= count
        if self.left < 0:
            raise CsvError([CsvProblem(TOO_MANY_OCCURRENCES, (("max", self.max),))])
        if time.thread_time() > self.deadline:
            raise CsvError([CsvProblem(TOO_SLOW, (("seconds", f"{self.seconds:g}"),))])


def read_calendar(
    data: bytes,
    *,
    today: date,
    max_occurrences: int,
    seconds: float,
    since: date | None = None,
    until: date | None = None,
) -> CalendarAudit:
    """The hours of every event of an .ics file, or CsvError saying why not.

    `since` and `until` (the founder's narrower period) clip every window."""
    import icalendar
    import recurring_ical_events

    budget = _Budget(max_occurrences, seconds)
    try:
        calendar = icalendar.Calendar.from_ical(ics_lines.counted_lines(data))
    except Exception:  # noqa: BLE001 — any parser failure on a foreign file is "cannot be read"
        raise CsvError([CsvProblem(NOT_A_CALENDAR)]) from None
    if not isinstance(calendar, icalendar.Calendar):
        raise CsvError([CsvProblem(NOT_A_CALENDAR)])
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    if any(sub.name == "VEVENT" for event in events for sub in event.subcomponents):
        raise CsvError([CsvProblem(NESTED)])
    for event in events:
        try:
            _refuse_floods(event)
        except CsvError:
            raise
        except Exception:  # noqa: BLE001 — a rule icalendar cannot read ("FREQ=BOGUS")
            title = _title(event)[:80] or UNTITLED
            raise CsvError([CsvProblem(BROKEN_RULE, (("title", title), ("count", 1)))]) from None
    titles = {str(event.get("UID")): _title(event) for event in events}
    order, one_offs = _one_offs(calendar, events)
    try:
        # Not of(): it copies every event to apply X-WR-TIMEZONE, which moves times but
        # never changes how long an event lasts.
        query = recurring_ical_events.CalendarQuery(calendar, skip_bad_series=True)
    except Exception:  # noqa: BLE001 — as above
        raise CsvError([CsvProblem(NOT_A_CALENDAR)]) from None
    audit = CalendarAudit()
    by_uid = {series.uid: series for series in query.series}
    left_out: Counter[tuple[str, str, tuple]] = Counter()
    upload = datetime.combine(today, datetime.min.time())
    clip = (
        datetime.combine(since, datetime.min.time()) if since else EARLIEST,
        datetime.combine(until + timedelta(days=1), datetime.min.time()) if until else LATEST,
    )
    for uid in order:  # the library's order: the first component of each UID
        if uid not in one_offs and uid not in by_uid:
            continue  # a series the library skipped as broken
        budget.spend(0)
        try:
            if uid in one_offs:
                event, start, end = one_offs[uid]
                _read_one_off(event, start, end, clip, budget, audit, left_out)
            else:
                _read_series(by_uid[uid], upload, clip, budget, audit, left_out)
        except CsvError:
            raise
        except Exception:  # noqa: BLE001 — one broken series is left out, not the calendar
            left_out[(titles.get(str(uid)) or UNTITLED, BROKEN_RULE, ())] += 1
    audit.left_out = [
        LeftOut(title, reason, params, count)
        for (title, reason, params), count in sorted(left_out.items(), key=lambda i: -i[1])
    ]
    if not audit.singles and not audit.series:
        if not audit.left_out:
            raise CsvError([CsvProblem(NO_EVENTS)])
        reasons = [CsvProblem(NOTHING_COUNTED)]
        for item in audit.left_out:
            reasons.append(
                CsvProblem(
                    item.reason, (("title", item.title), ("count", item.count), *item.params)
                )
            )
        raise CsvError(reasons)
    return audit


def _refuse_floods(event: Any) -> None:
    """Before any expansion: a rule that repeats more than hourly, or never moves on."""
    for rule in (event.get("RRULE") and calendar_rules.as_list(event.get("RRULE"))) or ():
        title = " ".join(str(event.get("SUMMARY", "")).split())[:80] or UNTITLED
        if calendar_rules.most_per_day(rule) > 24:
            raise CsvError([CsvProblem(TOO_FREQUENT, (("title", title),))])
        interval = calendar_rules.first(rule, "INTERVAL", 1)
        if not isinstance(interval, int) or interval < 1:  # INTERVAL=0 loops for ever
            raise CsvError([CsvProblem(BROKEN_RULE, (("title", title), ("count", 1)))])


def _title(component: Any) -> str:
    return " ".join(str(component.get("SUMMARY", "")).split())


def _one_offs(calendar: Any, events: list) -> tuple[list, dict]:
    """The UIDs in the order the library reads them, and the one-off events read without it
    (taken out of the calendar): most of a large calendar, whose series the library builds at
    several times the cost of reading the event. A one-off here is an event alone with its
    UID, with no rule, dates, moves or nested events, a start and a later end both with a
    time or both without a time zone: the library gives it back as it stands."""
    from recurring_ical_events.util import is_pytz

    try:
        uids = [c.get("UID", str(id(c))) for c in calendar.walk("VEVENT")]
        order, counts = list(dict.fromkeys(uids)), Counter(uids)
    except TypeError:  # a UID property given twice: the library's own refusal follows
        return [], {}
    one_offs: dict[Any, tuple[Any, datetime, datetime]] = {}
    for event in events:
        uid = event.get("UID")
        if uid is None or counts[uid] != 1 or any(key in event for key in NOT_ONE_OFF):
            continue
        if any(sub.name == "VEVENT" for sub in event.walk()[1:]):
            continue
        try:
            start, end = (getattr(event.get(key), "dt", None) for key in ("DTSTART", "DTEND"))
        except Exception:  # noqa: BLE001, S112 — a value icalendar kept broken: the library decides
            continue
        if not (isinstance(start, datetime) and isinstance(end, datetime)):
            continue
        zones = (start.tzinfo, end.tzinfo)
        if (None in zones and zones != (None, None)) or any(map(is_pytz, zones)):
            continue
        if start < end:
            one_offs[uid] = (event, start, end)
    taken = {id(event) for event, _, _ in one_offs.values()}
    calendar.subcomponents = [c for c in calendar.subcomponents if id(c) not in taken]
    return order, one_offs


def _read_one_off(event, start: datetime, end: datetime, clip, budget, audit, left_out) -> None:
    """As the library reads a one-off: its rule set holds the start alone, queried over the
    window widened by the event's length, then the occurrence checked against the window."""
    from recurring_ical_events.util import convert_to_datetime, time_span_contains_event

    if not (EARLIEST <= naive(start) < LATEST):
        left_out[(_title(event) or UNTITLED, OUT_OF_RANGE, ())] += 1
        return
    length = end - start
    low = convert_to_datetime(clip[0] - length, start.tzinfo)
    high = convert_to_datetime(clip[1], start.tzinfo)
    if not (low <= start <= high):
        return
    if time_span_contains_event(clip[0], clip[1], start, start + length):
        budget.spend()
        _add_single(_hours(event, start, start + length, left_out), audit)


def _read_series(series, upload: datetime, clip, budget: _Budget, audit, left_out) -> None:
    core = series.recurrence.core if series.recurrence.has_core else None
    if core is not None and not (EARLIEST <= naive(core.start) < LATEST):
        left_out[(_title(core.as_component(None, None, False)) or UNTITLED, OUT_OF_RANGE, ())] += 1
        return
    if core is None or not (core.rrules or core.rdates):
        # Single events and lone moved occurrences (RECURRENCE-ID without a rule).
        occurrences = []
        for occurrence in series.between(*clip):
            budget.spend()
            occurrences.append(occurrence)
        _add_singles(occurrences, audit, left_out)
        return
    start = naive(core.start)
    # Its rules read once: does the series still run at the upload?
    running = calendar_rules.runs_on(core, upload)
    if running and start < upload:
        low, high = max(start, upload - WINDOW), upload
    elif running:
        low, high = start, start + WINDOW
    else:
        low, high = start, min(LATEST, calendar_rules.series_end(core, start))
    low, high = max(low, clip[0]), min(high, clip[1])
    if low >= high:
        return
    occurrences = []
    for occurrence in series.between(low, high):
        budget.spend()
        occurrences.append(occurrence)
    starts = sorted(naive(o.start) for o in occurrences)
    if starts and starts[0] < upload < starts[-1] and not running:
        # A finite series still running at the upload: the 52 weeks before it, as above.
        low, high = max(start, upload - WINDOW, clip[0]), min(upload, clip[1])
        occurrences = [o for o in occurrences if low <= naive(o.start) <= high]
    # By date: an EXDATE in UTC and a window in the event's local time disagree by hours.
    exdates = sum(1 for d in core.exdates if low.date() <= naive(d).date() <= high.date())
    # "COUNT=1": a single event.
    if not running and len(occurrences) + exdates <= 1:
        _add_singles(occurrences, audit, left_out)
        return
    _add_series(core, occurrences, exdates, audit, left_out, since=low.date(), running=running)


def _add_singles(occurrences: list, audit: CalendarAudit, left_out: Counter) -> None:
    for occurrence in occurrences:
        _add_single(_entry(occurrence, left_out), audit)


def _add_single(entry: Entry | None, audit: CalendarAudit) -> None:
    if entry is not None:
        audit.singles.append(entry)
        audit.counted += 1
        _widen(audit, entry.day)


def _add_series(
    core, occurrences: list, exdates: int, audit, left_out, *, since: date, running: bool
) -> None:
    entries = [e for e in (_entry(o, left_out) for o in occurrences) if e is not None]
    if not entries:
        return
    planned = len(occurrences) + exdates  # the rule's own count, deleted ones included
    gap = calendar_rules.gap_days(core)
    days = sorted(entry.day for entry in entries if entry.day is not None)
    if gap is None:
        span = max((days[-1] - days[0]).days, 1) if days else 7
        gap = span / max(planned - 1, 1)
    weeks = Decimal(planned * gap) / 7
    total = sum((entry.hours for entry in entries), Decimal(0))
    by_title = Counter(entry.title for entry in entries)
    title = by_title.most_common(1)[0][0]
    audit.series.append(
        SeriesHours(
            title,
            total / max(weeks, Decimal("0.01")),
            gap <= MONTHLY,
            total,
            len(entries),
            min(since, days[0]),
            max(weeks, Decimal("0.01")),
            running,
        )
    )
    audit.counted += len(entries)
    _widen(audit, days[0])
    _widen(audit, days[-1])


def _widen(audit: CalendarAudit, day: date | None) -> None:
    if day is None:
        return
    audit.first = day if audit.first is None else min(audit.first, day)
    audit.last = day if audit.last is None else max(audit.last, day)


def _entry(occurrence: Any, left_out: Counter) -> Entry | None:
    """The occurrence as hours of work, or None with the reason counted in left_out."""
    # The occurrence's own component (an override's, or the series'): as_component() would
    # copy it only to read two properties.
    return _hours(occurrence._adapter._component, occurrence.start, occurrence.end, left_out)


def _hours(component: Any, start: Any, end: Any, left_out: Counter) -> Entry | None:
    title = _title(component)[:200]

    def leave(reason: str, **params: object) -> None:
        left_out[(title or UNTITLED, reason, tuple(params.items()))] += 1

    if str(component.get("STATUS", "")).upper() == "CANCELLED":
        leave(CANCELLED)
        return None
    if not isinstance(start, datetime):
        leave(ALL_DAY)
        return None
    title = title or UNTITLED
    try:
        length = end - start if isinstance(end, datetime) else timedelta(0)
    except TypeError:  # one end with a time zone, one without
        length = naive(end) - naive(start)
    if length <= timedelta(0):
        leave(NO_DURATION)
        return None
    if length > WORKING_DAY:
        leave(LONGER_THAN_A_DAY, hours=round(length.total_seconds() / 3600))
        return None
    return Entry(title, start.date(), Decimal(int(length.total_seconds())) / 3600)
