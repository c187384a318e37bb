"""Reads that are more than a one-line query: the figures the dashboard and digest show."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import DecimalField, F, Q, Sum

from accounts.models import Profile
from tasks import buyback, classifier, twins
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
        category=classifier.effective_category(category, override),
        route=classifier.effective_route(route, override_route),
        status=status,
        delegate_rate=rate,
    )


MONEY = DecimalField(max_digits=14, decimal_places=4)


def founder_figure_groups(*, user_id: int) -> list[buyback.TaskFigures]:
    """The founder's tasks summed in SQL by category, route and status: a handful of rows
    whatever their number of tasks. Tasks paid at their own rate carry their summed cost;
    the others fall back to the default rate of their route, as for a single task."""
    rows = (
        Task.objects.filter(owner_id=user_id)
        .annotate(kind=twins.effective_category(), way=twins.effective_route())
        .values("kind", "way", "status")
        .annotate(
            hours=Sum("hours_per_week"),
            rated_hours=Sum("hours_per_week", filter=Q(delegate_rate__isnull=False)),
            paid=Sum(F("hours_per_week") * F("delegate_rate"), output_field=MONEY),
        )
        .order_by()
    )
    groups = []
    for row in rows:
        rated = _decimal(row["rated_hours"])
        if rated:
            paid = _decimal(row["paid"]).quantize(Decimal("0.0001"))
            groups.append(
                buyback.TaskFigures(rated, row["kind"], row["way"], row["status"], cost=paid)
            )
        unrated = _decimal(row["hours"]) - rated
        if unrated or not rated:
            groups.append(buyback.TaskFigures(unrated, row["kind"], row["way"], row["status"]))
    return groups


def _decimal(value) -> Decimal:
    # SQLite sums decimals as floats; PostgreSQL returns exact numerics.
    return Decimal(str(value)).quantize(Decimal("0.0001")) if value is not None else Decimal(0)


def founder_buyback(*, profile: Profile, groups=None) -> buyback.Buyback:
    """The founder's buyback figures in one query, whatever their number of tasks."""
    if groups is None:
        groups = founder_figure_groups(user_id=profile.user_id)
    return buyback.compute(groups, profile.rates())


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


def logged_hours(*, owner_id: int, since, task_id: int | None = None) -> Decimal | None:
    """Hours delegates logged in runs through their links since a day, on delegated tasks
    (read through the task's work instruction); None when nothing was logged: the measured
    figure beside the planned hours."""
    tasks = Task.objects.filter(
        owner_id=owner_id,
        status=Task.DELEGATED,
        instruction__runs__performed_on__gte=since,
        instruction__runs__recorded_via="link",
    )
    if task_id is not None:
        tasks = tasks.filter(pk=task_id)
    minutes = tasks.aggregate(minutes=Sum("instruction__runs__minutes"))["minutes"]
    return None if minutes is None else (Decimal(minutes) / 60).quantize(Decimal("0.01"))
