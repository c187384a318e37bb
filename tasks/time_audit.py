"""The time audit: time entries or calendar hours become proposed tasks.

Pure Python (no Django). Entries are grouped by title; their time is summed and divided by
the weeks they cover; a title that comes back in most of those weeks is "recurring". What
the file knows is used: billable entries and entries for a client are the founder's core
work, and a project whose name says an area gives the task that area; each proposal says
why, for the preview. The founder then rates and confirms the proposals.

The readers: tasks/tracker_export.py (Toggl Track, Clockify, Harvest) and
tasks/calendar_audit.py (.ics).
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from tasks.csv_rows import MAX_HOURS, TITLE_MAX_LENGTH, CsvError, CsvProblem, gettext_noop

TOO_MANY_HOURS = gettext_noop('"%(title)s" comes to more than 168 hours a week')
TOO_MANY_TASKS = gettext_noop(
    "the file makes more than %(max)s tasks; export a shorter period or fewer projects"
)
# Why a proposal is what it is (the preview shows these, translated).
BILLABLE_CLIENT = gettext_noop("billable client work: yours")
BILLABLE = gettext_noop("billable work: yours")
CLIENT_WORK = gettext_noop("work for %(client)s: yours")
PROJECT_AREA = gettext_noop('project "%(project)s": area %(area)s')

CENTS = Decimal("0.01")


@dataclass(frozen=True)
class Entry:
    title: str
    day: date | None
    hours: Decimal
    billable: bool = False
    client: str = ""
    project: str = ""


@dataclass(frozen=True)
class Proposal:
    title: str
    hours_per_week: Decimal
    recurring: bool
    total_hours: Decimal
    entries: int
    weeks_seen: int  # weeks in which the title came up
    # True for billable or client work; None (not rated) otherwise: a non-billable entry
    # says nothing about core, so the catalogue's suggestion may still speak.
    core: bool | None = None
    area: str = "other"
    why: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = field(default=())


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_between(first: date, last: date) -> int:
    """Calendar weeks (Monday to Sunday) from the one of `first` to the one of `last`."""
    return (_monday(last) - _monday(first)).days // 7 + 1


def title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def summarize(
    entries: Iterable[Entry], *, weeks: int | None = None, max_tasks: int | None = None
) -> tuple[list[Proposal], int]:
    """Group by title (case and spaces ignored), sum the time, divide by the weeks covered.

    Returns the proposals, most hours first, and the number of weeks the entries cover.
    """
    entries = list(entries)
    days = [entry.day for entry in entries if entry.day is not None]
    if weeks is None:
        weeks = weeks_between(min(days), max(days)) if days else 1
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[title_key(entry.title)].append(entry)
    if max_tasks is not None and len(groups) > max_tasks:
        raise CsvError([CsvProblem(TOO_MANY_TASKS, (("max", max_tasks),))])
    proposals = []
    for group in groups.values():
        total = sum((entry.hours for entry in group), Decimal(0))
        seen = len({_monday(entry.day) for entry in group if entry.day is not None})
        title = " ".join(group[0].title.split())[:TITLE_MAX_LENGTH]
        per_week = _per_week(title, total / weeks)
        # "Repeats in most weeks": more than half of them, and at least two.
        recurring = seen >= 2 and seen * 2 > weeks
        core, area, why = what_the_file_knows(group)
        proposals.append(
            Proposal(title, per_week, recurring, total, len(group), seen, core, area, why)
        )
    return _ordered(proposals), weeks


def _per_week(title: str, hours: Decimal) -> Decimal:
    per_week = hours.quantize(CENTS, rounding=ROUND_HALF_UP)
    if per_week > MAX_HOURS:
        raise CsvError([CsvProblem(TOO_MANY_HOURS, (("title", title),))])
    return per_week


def _ordered(proposals: list[Proposal]) -> list[Proposal]:
    return sorted(proposals, key=lambda p: (-p.hours_per_week, p.title.casefold()))


def merge_calendar(singles: list[Entry], series: list, *, max_tasks: int | None) -> list[Proposal]:
    """Single events (over their own weeks) and series (at their own pace), by title.

    Several series of one title (a series ended and started again, "this and following"
    edits, one series per weekday) count their hours over the weeks they cover together:
    series side by side add up, one that ended before another began does not add its pace.
    When one of them still runs, the title counts over that series' weeks (the 52 before the
    upload): what ended before them is history."""
    proposals = summarize(singles)[0] if singles else []
    by_key = {title_key(p.title): p for p in proposals}
    days: dict[str, list[date]] = defaultdict(list)
    for entry in singles:
        if entry.day is not None:
            days[title_key(entry.title)].append(entry.day)
    # (first day, weeks, hours, still running) of each part of a title
    parts: dict[str, list[tuple[date, Decimal, Decimal, bool]]] = defaultdict(list)
    for key, seen in days.items():  # a title's single events: their weeks, first to last
        weeks = Decimal(weeks_between(min(seen), max(seen)))
        parts[key].append((_monday(min(seen)), weeks, by_key[key].total_hours, False))
    for item in series:
        key = title_key(item.title)
        known = by_key.get(key)
        parts[key].append((item.since, item.weeks, item.total_hours, item.running))
        hours = item.hours_per_week + (known.hours_per_week if known else 0)
        if len(parts[key]) > 1:
            hours = _hours_together(parts[key])
        by_key[key] = Proposal(
            known.title if known else " ".join(item.title.split())[:TITLE_MAX_LENGTH],
            _per_week(item.title, hours),
            item.recurring or bool(known and known.recurring),
            item.total_hours + (known.total_hours if known else 0),
            item.occurrences + (known.entries if known else 0),
            known.weeks_seen if known else 0,
        )
    if max_tasks is not None and len(by_key) > max_tasks:
        raise CsvError([CsvProblem(TOO_MANY_TASKS, (("max", max_tasks),))])
    return _ordered(list(by_key.values()))


def _hours_together(parts: list[tuple[date, Decimal, Decimal, bool]]) -> Decimal:
    running = [(since, weeks) for since, weeks, _, runs in parts if runs]
    if running:
        low = min(since for since, _ in running)
        high = max(since + timedelta(days=float(weeks * 7)) for since, weeks in running)
        parts = [
            part
            for part in parts
            if part[0] < high and part[0] + timedelta(days=float(part[1] * 7)) > low
        ]
    total = sum((hours for _, _, hours, _ in parts), Decimal(0))
    return total / _weeks_together([(since, weeks) for since, weeks, _, _ in parts])


def _weeks_together(spans: list[tuple[date, Decimal]]) -> Decimal:
    """The weeks the spans (first day, weeks long) cover, overlaps counted once."""
    covered = Decimal(0)
    reach: date | None = None
    for since, weeks in sorted(spans):
        end = since + timedelta(days=float(weeks * 7))
        if reach is None or since >= reach:
            covered += weeks
        elif end > reach:
            covered += Decimal((end - reach).days) / 7
        reach = end if reach is None else max(reach, end)
    return max(covered, Decimal("0.01"))


# --- what the file knows ---------------------------------------------------------------

# Words in a project's name that say its area (English and German).
AREA_WORDS = {
    "admin": ("admin", "verwaltung", "office", "büro", "buero", "inbox", "email", "e-mail"),
    "customer_support": ("support", "kundenservice", "helpdesk", "kundensupport"),
    "sales": ("sales", "vertrieb", "akquise", "leads", "verkauf"),
    "marketing": ("marketing", "social", "newsletter", "blog", "seo", "content", "werbung"),
    "product": ("product", "produkt", "produktentwicklung"),
    "tech": ("dev", "development", "entwicklung", "it", "tech", "website", "programming"),
    "design": ("design", "gestaltung", "ux", "ui"),
    "finance": ("finance", "finanzen", "accounting", "buchhaltung", "invoicing", "steuer", "tax"),
    "legal": ("legal", "recht", "contracts", "verträge", "vertraege"),
    "networking": ("networking", "netzwerk", "netzwerken", "meetup"),
}
_WORD = re.compile(r"[\w-]+")


def project_area(project: str) -> str | None:
    words = set(_WORD.findall(project.casefold()))
    for area, names in AREA_WORDS.items():
        if words & set(names):
            return area
    return None


def what_the_file_knows(group: list[Entry]):
    """(core, area, why) from the entries' Billable, Client and Project columns; core is
    True for billable or client work, else None (not rated), never False."""
    why: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    billable = any(entry.billable for entry in group)
    clients = Counter(entry.client for entry in group if entry.client)
    if billable and clients:
        why.append((BILLABLE_CLIENT, ()))
    elif billable:
        why.append((BILLABLE, ()))
    elif clients:
        why.append((CLIENT_WORK, (("client", clients.most_common(1)[0][0]),)))
    area = "other"
    projects = Counter(entry.project for entry in group if entry.project)
    if projects:
        project = projects.most_common(1)[0][0]
        mapped = project_area(project)
        if mapped:
            area = mapped
            why.append((PROJECT_AREA, (("project", project), ("area", area))))
    return (True if billable or clients else None), area, tuple(why)
