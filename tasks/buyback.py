"""The "buy back your time" figures, per week, from a founder's tasks and rates.

Pure Python (no Django), Decimal throughout; round only when presenting. Done tasks count
nowhere. A delegated task without its own rate, and any reclaimable task, is priced at the
founder's default rate for its route: the VA rate for a virtual assistant, the specialist
rate for everyone else (specialist, project freelancer, and an overridden "keep").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from tasks.classifier import SKILL, SMART, TIME, VIRTUAL_ASSISTANT, needs_instruction

INVENTORY, READY, DELEGATED, DONE = "inventory", "ready", "delegated", "done"
STATUSES = (INVENTORY, READY, DELEGATED, DONE)

CAPACITY_OK, CAPACITY_NEAR, CAPACITY_OVER = "ok", "near", "over"
# Warn before the bottleneck, not at it ("don't wait for the last moment").
NEAR_CAPACITY_SHARE = Decimal("0.9")

RECLAIMABLE_KINDS = (TIME, SKILL, SMART)
ZERO = Decimal("0")


@dataclass(frozen=True)
class TaskFigures:
    hours: Decimal
    category: str
    route: str
    status: str
    delegate_rate: Decimal | None = None


@dataclass(frozen=True)
class Rates:
    hourly_value: Decimal
    weekly_capacity: Decimal
    monthly_budget: Decimal
    default_va_rate: Decimal
    default_specialist_rate: Decimal


@dataclass(frozen=True)
class Buyback:
    bought_back_hours: Decimal
    reclaimable_hours: Decimal
    reclaimable_by_kind: dict[str, Decimal]
    hours_kept: Decimal
    weekly_capacity: Decimal
    capacity_state: str
    delegation_cost: Decimal
    bought_back_value: Decimal
    net: Decimal
    reclaimable_cost: Decimal
    reclaimable_value: Decimal
    reclaimable_net: Decimal
    monthly_cost: Decimal
    monthly_budget: Decimal
    over_budget: bool
    buyback_rate: Decimal


def waits_for_instruction(route: str, status: str) -> bool:
    """The handover gate, read from the status: publishing a work instruction moves a task out
    of the inventory, so a virtual assistant's task still there is waiting for one."""
    return needs_instruction(route, has_published_instruction=status != INVENTORY)


def buyback_rate(hourly_value: Decimal) -> Decimal:
    """The most an hour of delegated work should cost (Dan Martell: a quarter of yours)."""
    return hourly_value / 4


def rate_above_buyback(rate: Decimal, hourly_value: Decimal) -> bool:
    return rate > buyback_rate(hourly_value)


def default_rate(route: str, rates: Rates) -> Decimal:
    if route == VIRTUAL_ASSISTANT:
        return rates.default_va_rate
    return rates.default_specialist_rate


def capacity_state(hours_kept: Decimal, capacity: Decimal) -> str:
    if hours_kept > capacity:
        return CAPACITY_OVER
    if hours_kept >= capacity * NEAR_CAPACITY_SHARE:
        return CAPACITY_NEAR
    return CAPACITY_OK


def monthly(weekly: Decimal) -> Decimal:
    # 52 weeks over 12 months, not 4: a month is about 4.33 weeks.
    return weekly * 52 / 12


def _rate_paid(task: TaskFigures, rates: Rates) -> Decimal:
    # A rate of 0 is real (a favour, an intern); only a missing rate falls back.
    if task.delegate_rate is None:
        return default_rate(task.route, rates)
    return task.delegate_rate


def _is_reclaimable(task: TaskFigures) -> bool:
    return task.category in RECLAIMABLE_KINDS and task.status not in (DELEGATED, DONE)


def compute(tasks: Iterable[TaskFigures], rates: Rates) -> Buyback:
    tasks = [task for task in tasks if task.status != DONE]
    delegated = [task for task in tasks if task.status == DELEGATED]
    reclaimable = [task for task in tasks if _is_reclaimable(task)]

    bought_back_hours = sum((task.hours for task in delegated), ZERO)
    delegation_cost = sum((task.hours * _rate_paid(task, rates) for task in delegated), ZERO)
    bought_back_value = bought_back_hours * rates.hourly_value

    by_kind = {kind: ZERO for kind in RECLAIMABLE_KINDS}
    for task in reclaimable:
        by_kind[task.category] += task.hours
    reclaimable_hours = sum(by_kind.values(), ZERO)
    reclaimable_cost = sum(
        (task.hours * default_rate(task.route, rates) for task in reclaimable), ZERO
    )
    reclaimable_value = reclaimable_hours * rates.hourly_value

    hours_kept = sum((task.hours for task in tasks if task.status != DELEGATED), ZERO)
    monthly_cost = monthly(delegation_cost)
    return Buyback(
        bought_back_hours=bought_back_hours,
        reclaimable_hours=reclaimable_hours,
        reclaimable_by_kind=by_kind,
        hours_kept=hours_kept,
        weekly_capacity=rates.weekly_capacity,
        capacity_state=capacity_state(hours_kept, rates.weekly_capacity),
        delegation_cost=delegation_cost,
        bought_back_value=bought_back_value,
        net=bought_back_value - delegation_cost,
        reclaimable_cost=reclaimable_cost,
        reclaimable_value=reclaimable_value,
        reclaimable_net=reclaimable_value - reclaimable_cost,
        monthly_cost=monthly_cost,
        monthly_budget=rates.monthly_budget,
        over_budget=monthly_cost > rates.monthly_budget,
        buyback_rate=buyback_rate(rates.hourly_value),
    )
