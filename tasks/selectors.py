"""Reads that are more than a one-line query: the figures the dashboard and digest show."""

from tasks import buyback
from tasks.models import Profile, Task


def founder_buyback(*, profile: Profile) -> buyback.Buyback:
    """The founder's buyback figures in one query, whatever their number of tasks."""
    rows = Task.objects.filter(owner_id=profile.user_id).values_list(
        "hours_per_week",
        "category_id",
        "override_category_id",
        "route",
        "override_route",
        "status",
        "delegate_rate",
    )
    figures = [
        buyback.TaskFigures(
            hours=hours,
            category=override or category,
            route=override_route or route,
            status=status,
            delegate_rate=rate,
        )
        for hours, category, override, route, override_route, status, rate in rows
    ]
    return buyback.compute(figures, profile.rates())
