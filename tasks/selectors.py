"""Reads that are more than a one-line query: the figures the dashboard and digest show."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Max

from accounts.models import Profile
from digest.models import WeeklyDigest
from tasks import buyback, classifier
from tasks.models import Task

# What buyback.compute needs of a task, in this order (see task_figures).
FIGURE_FIELDS = (
    "hours_per_week",
    "category_id",
    "override_category_id",
    "route",
    "override_route",
    "status",
    "delegate_rate",
)


def task_figures(hours, category, override, route, override_route, status, rate):
    """One row of FIGURE_FIELDS as the pure module's TaskFigures (an override wins)."""
    return buyback.TaskFigures(
        hours=hours,
        category=override or category,
        route=classifier.effective_route(route, override_route),
        status=status,
        delegate_rate=rate,
    )


def founder_buyback(*, profile: Profile) -> buyback.Buyback:
    """The founder's buyback figures in one query, whatever their number of tasks."""
    rows = Task.objects.filter(owner_id=profile.user_id).values_list(*FIGURE_FIELDS)
    return buyback.compute([task_figures(*row) for row in rows], profile.rates())


def founders_task_figures(*, user_ids: Iterable[int]) -> dict[int, list[buyback.TaskFigures]]:
    """Every listed founder's task figures in one query, grouped by founder."""
    grouped: dict[int, list[buyback.TaskFigures]] = defaultdict(list)
    rows = Task.objects.filter(owner_id__in=list(user_ids)).values_list("owner_id", *FIGURE_FIELDS)
    for owner_id, *row in rows:
        grouped[owner_id].append(task_figures(*row))
    return grouped


def waiting_for_instruction(figures: Iterable[buyback.TaskFigures]) -> int:
    """Tasks for a virtual assistant still in the inventory: they need a work instruction."""
    return sum(1 for task in figures if buyback.waits_for_instruction(task.route, task.status))


def last_digests_sent(*, user_ids: Iterable[int]) -> dict[int, datetime]:
    """When each listed founder's latest digest went out, in one query."""
    rows = (
        WeeklyDigest.objects.filter(founder_id__in=list(user_ids), state=WeeklyDigest.SENT)
        .values("founder_id")
        .annotate(last=Max("sent_at"))
        .values_list("founder_id", "last")
    )
    return dict(rows)
