"""What a chunk of weekly digests reads from the database, in a constant number of queries
whatever the number of founders and tasks (moved out of digest/content.py, which builds each
digest's context from these reads)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery

from digest.models import WeeklyDigest
from digest.team_week import (
    week_notes,
    week_runs,
)
from tasks import buyback, money_story, twins
from tasks.models import Category, Delegate, Task
from tasks.selectors import FIGURE_FIELDS, task_figures


@dataclass(frozen=True)
class OpenTask:
    """What the digest needs of one open task (plain values: no model instances to build)."""

    pk: int
    title: str
    hours: Decimal
    status: str
    category: str
    route: str
    reasons: list
    delegated_on: date | None
    last_run_on: date | None
    delegate: str | None
    outcome: str = ""  # "drop" or "automate" (Task.effective_outcome)
    override_reason: str = ""  # an override's reason explains the route, not the rules'
    area: str = ""


@dataclass
class FounderTasks:
    figures: list[buyback.TaskFigures] = field(default_factory=list)  # all tasks
    open: list[OpenTask] = field(default_factory=list)


@dataclass(frozen=True)
class ChunkReads:
    """Everything a chunk of digests reads besides the rows and profiles themselves."""

    tasks: dict[int, FounderTasks]  # by founder id
    previous: dict[int, WeeklyDigest]  # by digest id: the latest earlier week's snapshot
    categories: list[Category]
    runs: dict[int, list[tuple]] = field(default_factory=dict)  # by founder id, see week_runs
    notes: dict[int, list[tuple]] = field(default_factory=dict)  # by founder id, see week_notes
    hires: dict[int, list[money_story.Hire]] = field(default_factory=dict)  # by founder id


def chunk_reads(digests: list[WeeklyDigest]) -> ChunkReads:
    """Six queries for the whole chunk, however many founders and tasks it has."""
    founder_ids = {digest.founder_id for digest in digests}
    return ChunkReads(
        tasks=founders_tasks(founder_ids),
        previous=previous_snapshots([digest.pk for digest in digests]),
        categories=list(Category.objects.all()),
        runs=week_runs(digests),
        notes=week_notes(digests),
        hires=founders_hires(founder_ids),
    )


def founders_hires(founder_ids) -> dict[int, list[money_story.Hire]]:
    """The founders' delegates as the money story prices them, in one query."""
    grouped: dict[int, list[money_story.Hire]] = defaultdict(list)
    rows = Delegate.objects.filter(owner_id__in=founder_ids).values_list(
        "owner_id", "name", "kind", "areas", "hourly_rate"
    )
    for owner_id, name, kind, areas, rate in rows:
        grouped[owner_id].append(money_story.Hire(name, kind, tuple(areas or ()), rate))
    return grouped


def founders_tasks(founder_ids) -> dict[int, FounderTasks]:
    """All the founders' tasks in one query, grouped by founder: the figures of every task
    (done ones count nowhere, buyback.compute drops them) and the open tasks' details."""
    rows = (
        Task.objects.filter(owner_id__in=founder_ids)
        .annotate(outcome_now=twins.effective_outcome())
        .values_list(
            "owner_id",
            *FIGURE_FIELDS,
            "pk",
            "title",
            "reasons",
            "delegated_on",
            "last_run_on",
            "delegate__name",
            "outcome_now",
            "override_reason",
            "area",
        )
    )
    grouped: defaultdict[int, FounderTasks] = defaultdict(FounderTasks)
    width = len(FIGURE_FIELDS)
    for owner_id, *row in rows:
        figures = task_figures(*row[:width])
        tasks = grouped[owner_id]
        tasks.figures.append(figures)
        if figures.status in Task.OPEN_STATUSES:
            pk, title, reasons, delegated_on, last_run_on, delegate, outcome, why, area = row[
                width:
            ]
            tasks.open.append(
                OpenTask(
                    pk,
                    title,
                    figures.hours,
                    figures.status,
                    figures.category,
                    figures.route,
                    reasons,
                    delegated_on,
                    last_run_on,
                    delegate,
                    outcome or "",
                    why,
                    area,
                )
            )
    return grouped


def previous_snapshots(digest_ids: list[int]) -> dict[int, WeeklyDigest]:
    """For each digest, the latest earlier week with a snapshot: what "since last week"
    compares with. Two queries for any number of digests."""
    earlier = Q(iso_year__lt=OuterRef("iso_year")) | Q(
        iso_year=OuterRef("iso_year"), iso_week__lt=OuterRef("iso_week")
    )
    latest = (
        WeeklyDigest.objects.filter(
            # Only a week the founder really received: a failed digest is no baseline.
            earlier,
            founder_id=OuterRef("founder_id"),
            state=WeeklyDigest.SENT,
            snapshot_at__isnull=False,
        )
        .order_by("-iso_year", "-iso_week")
        .values("pk")[:1]
    )
    pairs = dict(
        WeeklyDigest.objects.filter(pk__in=digest_ids)
        .annotate(previous_id=Subquery(latest))
        .values_list("pk", "previous_id")
    )
    rows = WeeklyDigest.objects.in_bulk([pk for pk in pairs.values() if pk])
    return {digest_id: rows[pk] for digest_id, pk in pairs.items() if pk}
