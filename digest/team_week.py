"""What the founder's team did in a digest's week: the consultants' notes and the delegates'
runs per delegation, read for a whole chunk of digests at once (digest/content.py)."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from digest.models import WeeklyDigest
from tasks.models import TaskNote

CENT = Decimal("0.01")


def week_notes(digests: list[WeeklyDigest]) -> dict[int, list[tuple]]:
    """Consultants' notes on the founders' tasks a digest may mention, in one query:
    (written at, task title, author's email, text), per founder, newest first."""
    if not digests:
        return {}
    first = min(_week_days(digest)[0] for digest in digests)
    rows = (
        TaskNote.objects.filter(
            task__owner_id__in={digest.founder_id for digest in digests},
            created_at__date__gte=first,
        )
        .order_by("-created_at", "-pk")
        .values_list("task__owner_id", "created_at", "task__title", "author__email", "text")
    )
    grouped = defaultdict(list)
    for owner_id, *row in rows:
        grouped[owner_id].append(tuple(row))
    return grouped


def notes_of_the_week(notes: list[tuple], *, now: datetime) -> list[dict]:
    since = now - timedelta(days=7)
    return [
        {"title": title, "author": author or "", "text": text}
        for at, title, author, text in notes
        if at >= since
    ]


def _week_days(digest: WeeklyDigest) -> tuple[date, date]:
    """Every day a digest of this ISO week may look back on (its seven days before)."""
    monday = date.fromisocalendar(digest.iso_year, digest.iso_week, 1)
    return monday - timedelta(days=7), monday + timedelta(days=6)


def week_runs(digests: list[WeeklyDigest]) -> dict[int, list[tuple]]:
    """The runs each digest may mention, per founder, in one query: (performed_on, task id,
    instruction title, delegate name or "", steps checked, steps, minutes, notes)."""
    from sops.models import Run  # sops builds on tasks; the digest reads its runs

    if not digests:
        return {}
    spans = [_week_days(digest) for digest in digests]
    rows = Run.objects.filter(
        instruction__owner_id__in={digest.founder_id for digest in digests},
        performed_on__range=(min(s[0] for s in spans), max(s[1] for s in spans)),
    ).values_list(
        "instruction__owner_id",
        "performed_on",
        "instruction__task_id",
        "instruction__title",
        "link__delegate__name",
        "checked_steps",
        "version__steps",
        "minutes",
        "notes",
    )
    grouped = defaultdict(list)
    for owner_id, day, task_id, title, delegate, checked, steps, minutes, notes in rows:
        grouped[owner_id].append(
            (day, task_id, title, delegate or "", len(checked), len(steps), minutes, notes)
        )
    return grouped


def runs_per_delegation(runs: list[tuple], *, today: date) -> list[dict]:
    """The week's runs (the seven days up to today, in the founder's zone), one line per work
    instruction and delegate: how many, how many left steps unchecked, the minutes they
    logged and their notes."""
    first, last = today - timedelta(days=6), today
    lines: dict[tuple, dict] = {}
    for day, task_id, title, delegate, checked, total, minutes, notes in sorted(runs):
        if not first <= day <= last:
            continue
        line = lines.setdefault(
            (title, delegate, task_id),
            {
                "title": title,
                "delegate": delegate,
                "count": 0,
                "incomplete": 0,
                "minutes": 0,
                "notes": [],
            },
        )
        line["count"] += 1
        line["incomplete"] += checked < total
        line["minutes"] += minutes
        if notes:
            line["notes"].append(notes)
    return [lines[key] for key in sorted(lines)]


def measured_hours(lines: list[dict]) -> Decimal | None:
    """Hours the team logged in the week's runs; None when no run was logged."""
    if not lines:
        return None
    return (Decimal(sum(line["minutes"] for line in lines)) / 60).quantize(CENT)
