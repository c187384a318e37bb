"""The "buy back your time" figures, per week, from a founder's tasks and rates.

Pure Python (no Django), Decimal throughout; round only when presenting. Done tasks count
nowhere. A delegated task without its own rate, and any reclaimable task, is priced at the
founder's default rate for its route: the VA rate for a virtual assistant, the specialist
rate for everyone else (specialist, project freelancer, and an overridden "keep").
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from accounts.numbers import Rates, buyback_rate, rate_above_buyback
from tasks.classifier import SKILL, SMART, TIME, VIRTUAL_ASSISTANT, needs_instruction

INVENTORY, READY, DELEGATED, DONE = "inventory", "ready", "delegated", "done"
# Dropped or automated (Ferriss): the founder let the task go, so its hours are bought back
# at no delegate's cost (a tool's price is not known).
DROPPED, AUTOMATED = "dropped", "automated"
LET_GO_STATUSES = (DROPPED, AUTOMATED)
STATUSES = (INVENTORY, READY, DELEGATED, DONE, DROPPED, AUTOMATED)
# Still on the founder's plate, not handed off or let go: where a move can start.
MOVE_STATUSES = (INVENTORY, READY)

CAPACITY_OK, CAPACITY_NEAR, CAPACITY_OVER = "ok", "near", "over"
# Warn before the bottleneck, not at it ("don't wait for the last moment").
NEAR_CAPACITY_SHARE = Decimal("0.9")

RECLAIMABLE_KINDS = (TIME, SKILL, SMART)
ZERO = Decimal("0")

# How well a delegate fits a task (domain.md): the kind matches the route, and better still
# when the delegate's areas include the task's area.
FIT_NONE, FIT_KIND, FIT_KIND_AND_AREA = 0, 1, 2
# Why handing a task to a delegate needs a second look (codes; sentences at the edge).
NOT_FITTING, ABOVE_BUYBACK_RATE, OVER_BUDGET = "not_fitting", "above_buyback_rate", "over_budget"


@dataclass(frozen=True)
class TaskFigures:
    """One task, or a group of tasks summed in SQL (then `cost` holds Σ hours × own rate)."""

    hours: Decimal
    category: str
    route: str
    status: str
    delegate_rate: Decimal | None = None
    cost: Decimal | None = None


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
    # Of the bought-back hours, those dropped or automated (no cost).
    let_go_hours: Decimal = ZERO


def waits_for_instruction(route: str, status: str) -> bool:
    """The handover gate, read from the status: publishing a work instruction moves a task out
    of the inventory, so a virtual assistant's task still there is waiting for one."""
    return needs_instruction(route, has_published_instruction=status != INVENTORY)


def delegate_fit(*, kind: str, areas: Iterable[str], route: str, area: str) -> int:
    """FIT_KIND_AND_AREA, FIT_KIND or FIT_NONE: a VA for a VA route, a freelancer for a
    project-freelancer route, an agency/specialist for a specialist route."""
    if kind != route:
        return FIT_NONE
    return FIT_KIND_AND_AREA if area in set(areas) else FIT_KIND


@dataclass(frozen=True)
class DelegationWarning:
    code: str
    values: tuple[tuple[str, Decimal | str], ...] = ()


@dataclass(frozen=True)
class Delegation:
    """A delegation the founder is about to start, with what it is compared against."""

    kind: str
    route: str
    hours: Decimal
    rate: Decimal
    hourly_value: Decimal
    monthly_cost_now: Decimal  # of the delegations already running
    monthly_budget: Decimal


def delegation_warnings(plan: Delegation) -> list[DelegationWarning]:
    """What the founder confirms before handing over: a delegate of the wrong kind, one priced
    above the buyback rate, a delegation that takes the month's cost beyond the budget."""
    warnings = []
    if plan.kind != plan.route:
        values: tuple[tuple[str, Decimal | str], ...] = (("kind", plan.kind), ("route", plan.route))
        warnings.append(DelegationWarning(NOT_FITTING, values))
    if rate_above_buyback(plan.rate, plan.hourly_value):
        values = (("rate", plan.rate), ("limit", buyback_rate(plan.hourly_value)))
        warnings.append(DelegationWarning(ABOVE_BUYBACK_RATE, values))
    monthly_after = plan.monthly_cost_now + monthly(plan.hours * plan.rate)
    if monthly_after > plan.monthly_budget:
        values = (("cost", monthly_after), ("budget", plan.monthly_budget))
        warnings.append(DelegationWarning(OVER_BUDGET, values))
    return warnings


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


def _cost_paid(task: TaskFigures, rates: Rates) -> Decimal:
    if task.cost is not None:
        return task.cost
    # A rate of 0 is real (a favour, an intern); only a missing rate falls back.
    if task.delegate_rate is None:
        return task.hours * default_rate(task.route, rates)
    return task.hours * task.delegate_rate


def let_go_status(outcome: str) -> str:
    """The status a task takes once the founder dropped or automated it."""
    return {"drop": DROPPED, "automate": AUTOMATED}[outcome]


def compute(tasks: Iterable[TaskFigures], rates: Rates) -> Buyback:
    """Bought back: the delegated hours (at their cost) and the dropped or automated ones
    (at none); the founder still does the rest (hours kept)."""
    tasks = [task for task in tasks if task.status != DONE]
    delegated = [task for task in tasks if task.status == DELEGATED]
    let_go = [task for task in tasks if task.status in LET_GO_STATUSES]
    reclaimable = [task for task in tasks if is_move(task.category, task.status)]

    let_go_hours = sum((task.hours for task in let_go), ZERO)
    bought_back_hours = sum((task.hours for task in delegated), ZERO) + let_go_hours
    delegation_cost = sum((_cost_paid(task, rates) for task in delegated), ZERO)
    bought_back_value = bought_back_hours * rates.hourly_value

    by_kind = dict.fromkeys(RECLAIMABLE_KINDS, ZERO)
    for task in reclaimable:
        by_kind[task.category] += task.hours
    reclaimable_hours = sum(by_kind.values(), ZERO)
    reclaimable_cost = sum(
        (task.hours * default_rate(task.route, rates) for task in reclaimable), ZERO
    )
    reclaimable_value = reclaimable_hours * rates.hourly_value

    hours_kept = sum((task.hours for task in tasks if task.status in MOVE_STATUSES), ZERO)
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
        let_go_hours=let_go_hours,
    )


# --- Next moves: which hand-off is worth most this week (domain.md, "next moves") ---
# The one button that starts a move; DROP_OR_AUTOMATE: the founder drops or automates it.
WRITE_INSTRUCTION, PICK_DELEGATE, DELEGATE = "write_instruction", "pick_delegate", "delegate"
DROP_OR_AUTOMATE = "drop_or_automate"


@dataclass(frozen=True)
class MoveCandidate:
    key: int
    title: str
    hours: Decimal
    category: str
    route: str
    status: str
    # "drop" or "automate" (Ferriss: before delegating), from the founder or the catalogue.
    outcome: str = ""


@dataclass(frozen=True)
class Move:
    key: int
    title: str
    hours: Decimal
    category: str
    route: str
    value: Decimal
    cost: Decimal
    net: Decimal
    outcome: str = ""


def is_move(category: str, status: str) -> bool:
    """An undelegated time, skill or smart task: a hand-off still to make."""
    return category in RECLAIMABLE_KINDS and status in MOVE_STATUSES


def net_per_hour(route: str, rates: Rates) -> Decimal:
    """What one hour handed off on this route is worth net: your hour minus its default rate."""
    return rates.hourly_value - default_rate(route, rates)


# Ferriss' order where the net is the same: eliminate, then automate, then delegate.
MOVE_ORDER = ("drop", "automate", "")


def move_order(outcome: str) -> int:
    return MOVE_ORDER.index(outcome) if outcome in MOVE_ORDER else len(MOVE_ORDER)


def next_moves(
    candidates: Iterable[MoveCandidate], rates: Rates, *, limit: int | None = None
) -> list[Move]:
    """The founder's hand-offs ranked by net value per week, then drop before automate
    before delegate, then hours, then title (then key, so equal tasks keep one order). The
    dashboard and the digest both call this.

    A task to drop or automate is a move too (whatever its category) and costs nothing, so
    it comes before delegating the same hours. A task listed twice counts once."""
    moves = []
    seen = set()
    for task in candidates:
        if task.key in seen:
            continue
        seen.add(task.key)
        if task.outcome and task.status in MOVE_STATUSES:
            # Dropped or automated, the hours come back at no delegate's rate (a tool's
            # price is not known): before any delegation of the same hours.
            value, cost = task.hours * rates.hourly_value, ZERO
        elif is_move(task.category, task.status):
            value = task.hours * rates.hourly_value
            cost = task.hours * default_rate(task.route, rates)
        else:
            continue
        moves.append(
            Move(
                task.key,
                task.title,
                task.hours,
                task.category,
                task.route,
                value,
                cost,
                value - cost,
                task.outcome,
            )
        )
    moves.sort(
        key=lambda move: (-move.net, move_order(move.outcome), -move.hours, move.title, move.key)
    )
    return moves if limit is None else moves[:limit]


def next_step(route: str, *, has_instruction: bool, has_fitting_delegate: bool) -> str:
    """The one thing that starts a move: the work instruction a virtual assistant needs first,
    else a delegate of the right kind, else the delegation itself."""
    if needs_instruction(route, has_published_instruction=has_instruction):
        return WRITE_INSTRUCTION
    if not has_fitting_delegate:
        return PICK_DELEGATE
    return DELEGATE
