"""What the money story reads for one founder: a fixed number of queries and rows, whatever
their number of tasks (the plan comes summed by route and area; see tasks.money_story)."""

from collections.abc import Iterable

from django.db.models import Sum

from accounts import numbers
from accounts.models import Profile
from tasks import buyback, money_story, twins
from tasks.models import Delegate, Task
from tasks.selectors import _decimal


def founder_hires(*, user_id: int) -> list[money_story.Hire]:
    return [
        money_story.Hire(name, kind, tuple(areas or ()), rate)
        for name, kind, areas, rate in Delegate.objects.filter(owner_id=user_id).values_list(
            "name", "kind", "areas", "hourly_rate"
        )
    ]


def plan_tasks(user_id: int):
    """The tasks the advice says to hand off (time, skill or smart, not yet delegated), with
    their effective category (`kind`) and route (`way`): the plan, and the roles it makes."""
    return (
        Task.objects.filter(owner_id=user_id, status__in=buyback.MOVE_STATUSES)
        .annotate(kind=twins.effective_category(), way=twins.effective_route())
        .filter(kind__in=buyback.RECLAIMABLE_KINDS)
    )


def founder_plan(*, user_id: int) -> list[money_story.PlanItem]:
    """Everything the advice says to hand off, summed by route and area."""
    rows = plan_tasks(user_id).values("way", "area").annotate(hours=Sum("hours_per_week"))
    return [
        money_story.PlanItem(_decimal(row["hours"]), row["way"], row["area"])
        for row in rows.order_by()
    ]


def move_items(*, user_id: int, moves: Iterable[buyback.Move]) -> list[money_story.PlanItem]:
    """The next moves shown, with the area their price depends on."""
    moves = list(moves)
    # Never an empty IN (Django skips that query): one query whatever the founder has.
    keys = [move.key for move in moves] or [0]
    areas = dict(Task.objects.filter(owner_id=user_id, pk__in=keys).values_list("pk", "area"))
    return [
        money_story.PlanItem(
            move.hours, move.route, areas.get(move.key, ""), move.key, move.title, move.outcome
        )
        for move in moves
    ]


def founder_story(
    *,
    profile: Profile,
    figures: buyback.Buyback,
    moves: Iterable[buyback.Move],
    fit_order: str = numbers.BEST_NET_FIRST,
) -> money_story.Story:
    return money_story.story(
        figures=figures,
        plan=founder_plan(user_id=profile.user_id),
        moves=move_items(user_id=profile.user_id, moves=moves),
        hires=founder_hires(user_id=profile.user_id),
        rates=profile.rates(),
        fit_order=fit_order,
    )


def task_money(*, task: Task, profile: Profile) -> dict:
    """Money on the task page: worth, cost at the chosen delegate (or the one it would go to),
    net per week and per month; for a hand-off the next moves leave out, why."""
    rates = profile.rates()
    hires = founder_hires(user_id=profile.user_id)
    route = task.effective_route
    if task.delegate_id is not None and task.delegate_rate is not None:
        at = money_story.Price(
            task.delegate_rate,
            task.delegate.name,  # type: ignore[union-attr]  # delegate_id is set
            numbers.rate_above_buyback(task.delegate_rate, rates.hourly_value),
        )
    else:
        at = money_story.price(route, task.area, hires, rates)
    hours = task.hours_per_week
    value, cost = hours * rates.hourly_value, hours * at.rate
    left_out = None
    if buyback.is_move(task.effective_category_id, task.status):
        left_out = _left_out(task, rates)
    return {
        "hours": hours,
        "price": at,
        "value": value,
        "cost": cost,
        "net": value - cost,
        "monthly_value": buyback.monthly(value),
        "monthly_cost": buyback.monthly(cost),
        "monthly_net": buyback.monthly(value - cost),
        "buyback_rate": numbers.buyback_rate(rates.hourly_value),
        "left_out": left_out,
    }


def _left_out(task: Task, rates: numbers.Rates) -> dict | None:
    """Why the next moves leave this hand-off out, or None when they show it."""
    candidates = [
        buyback.MoveCandidate(pk, title, hours, kind, way, status)
        for pk, title, hours, kind, way, status in plan_tasks(task.owner_id).values_list(
            "pk", "title", "hours_per_week", "kind", "way", "status"
        )
    ]
    ranked = buyback.next_moves(candidates, rates)
    keys = [move.key for move in ranked]
    if task.pk not in keys or keys.index(task.pk) < money_story.MOVES_SHOWN:
        return None
    move = ranked[keys.index(task.pk)]
    if move.net < 0:
        return {"costs_more": -move.net, "rate": buyback.default_rate(move.route, rates)}
    return {"ahead": keys.index(task.pk), "costs_more": None}
