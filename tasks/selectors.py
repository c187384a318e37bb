"""Reads that are more than a one-line query: the figures the dashboard and digest show."""

from tasks import buyback
from tasks.models import Profile, Task

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
        route=override_route or route,
        status=status,
        delegate_rate=rate,
    )


def founder_buyback(*, profile: Profile) -> buyback.Buyback:
    """The founder's buyback figures in one query, whatever their number of tasks."""
    rows = Task.objects.filter(owner_id=profile.user_id).values_list(*FIGURE_FIELDS)
    return buyback.compute([task_figures(*row) for row in rows], profile.rates())
