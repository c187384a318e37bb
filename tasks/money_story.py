"""The money story: one basis, three cards, the warnings — the dashboard and the digest both
show what `story` computes.

Pure Python (no Django), Decimal throughout. Three cards, each on its own stated basis:
- bought back now: the delegated tasks at what they really cost (buyback.compute);
- if you hand off the plan: every task the advice says to hand off (time, skill or smart, not
  yet delegated), each priced at the founder's own delegate who fits it best (kind, then area,
  then the lower rate), the default rate of its route only where none fits;
- your budget: what runs now plus the plan, per month, against the monthly budget.
A delegate's fit depends only on the route and the area, so the plan can come as tasks or as
tasks summed by route and area: the figures are the same.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from accounts.numbers import (
    BEST_NET_FIRST,
    CHEAPEST_FIRST,
    FIT_ORDERS,
    Rates,
    buyback_rate,
    rate_above_buyback,
)
from tasks.buyback import FIT_NONE, Buyback, default_rate, delegate_fit, monthly
from tasks.classifier import SPECIALIST, VIRTUAL_ASSISTANT

ZERO = Decimal("0")
# How many next moves the dashboard shows (the budget's "moves that fit" are among them).
MOVES_SHOWN = 5


@dataclass(frozen=True)
class Hire:
    """One of the founder's delegates, as far as pricing goes."""

    name: str
    kind: str
    areas: tuple[str, ...]
    rate: Decimal


@dataclass(frozen=True)
class PlanItem:
    """A task to hand off (or several summed by route and area: then key is None)."""

    hours: Decimal
    route: str
    area: str
    key: int | None = None
    title: str = ""
    # "drop" or "automate": the hours come back at no one's rate (buyback.next_moves).
    outcome: str = ""


@dataclass(frozen=True)
class Price:
    """What an hour of a task costs, and whose rate that is (delegate None: the default)."""

    rate: Decimal
    delegate: str | None
    above_buyback: bool

    @property
    def is_default(self) -> bool:
        return self.delegate is None


@dataclass(frozen=True)
class Money:
    """Cost and value per week; net, and each per month beside it."""

    cost: Decimal
    value: Decimal

    @property
    def net(self) -> Decimal:
        return self.value - self.cost

    @property
    def monthly_cost(self) -> Decimal:
        return monthly(self.cost)

    @property
    def monthly_value(self) -> Decimal:
        return monthly(self.value)

    @property
    def monthly_net(self) -> Decimal:
        return monthly(self.net)


@dataclass(frozen=True)
class Priced(Money):
    """One task (or group) of the plan at the rate it would go for."""

    item: PlanItem
    price: Price

    @property
    def at_default_rate(self) -> bool:
        """Priced at the founder's default rate: none of their delegates fits."""
        return self.price.is_default and not self.item.outcome


@dataclass(frozen=True)
class Card(Money):
    """A card's figures: the hours a week, with their cost and value."""

    hours: Decimal


@dataclass(frozen=True)
class DefaultRate:
    """A default rate of the founder's settings, and whether it is above the buyback rate."""

    route: str
    rate: Decimal
    above_buyback: bool

    @property
    def is_va(self) -> bool:
        return self.route == VIRTUAL_ASSISTANT


@dataclass(frozen=True)
class Budget:
    now_monthly: Decimal  # the delegations running
    plan_monthly: Decimal
    budget: Decimal

    @property
    def total_monthly(self) -> Decimal:
        return self.now_monthly + self.plan_monthly

    @property
    def over_by(self) -> Decimal:
        return max(ZERO, self.total_monthly - self.budget)

    @property
    def under_by(self) -> Decimal:
        return max(ZERO, self.budget - self.total_monthly)

    @property
    def over(self) -> bool:
        return self.total_monthly > self.budget

    @property
    def room(self) -> Decimal:
        """What the budget leaves for new hand-offs each month."""
        return max(ZERO, self.budget - self.now_monthly)


@dataclass(frozen=True)
class Story:
    buyback_rate: Decimal
    bought_back: Card
    plan: Card
    plan_at_delegates_hours: Decimal  # of the plan's hours, those priced at a real delegate
    plan_at_default_hours: Decimal
    budget: Budget
    fit_order: str
    fits: list[Priced]  # the next moves that fit the budget's room, in the founder's order
    moves: list[Priced]  # the next moves, priced as the plan prices them
    defaults: list[DefaultRate]
    # Of the bought-back hours, those dropped or automated (at no cost).
    let_go_hours: Decimal = ZERO

    @property
    def defaults_above_buyback(self) -> list[DefaultRate]:
        return [default for default in self.defaults if default.above_buyback]


def price(route: str, area: str, hires: Iterable[Hire], rates: Rates) -> Price:
    """The delegate a task would go to: the best fit, then the lower rate, then the name; the
    route's default rate when none of the founder's delegates fits."""
    fitting = [
        (-delegate_fit(kind=hire.kind, areas=hire.areas, route=route, area=area), hire.rate, hire)
        for hire in hires
        if delegate_fit(kind=hire.kind, areas=hire.areas, route=route, area=area) != FIT_NONE
    ]
    if fitting:
        best = min(fitting, key=lambda row: (row[0], row[1], row[2].name))[2]
        rate, name = best.rate, best.name
    else:
        rate, name = default_rate(route, rates), None
    return Price(rate, name, rate_above_buyback(rate, rates.hourly_value))


NO_RATE = Price(ZERO, None, False)


def priced(item: PlanItem, hires: Iterable[Hire], rates: Rates) -> Priced:
    at = NO_RATE if item.outcome else price(item.route, item.area, hires, rates)
    return Priced(
        cost=item.hours * at.rate, value=item.hours * rates.hourly_value, item=item, price=at
    )


def moves_that_fit(moves: Iterable[Priced], *, room: Decimal, order: str) -> list[Priced]:
    """The moves taken one by one in the founder's order, each kept while the month's cost so
    far stays within the room the budget leaves."""
    if order == CHEAPEST_FIRST:
        ranked = sorted(moves, key=lambda move: (move.cost, -move.net, move.item.title))
    else:
        ranked = sorted(moves, key=lambda move: (-move.net, move.cost, move.item.title))
    fits, spent = [], ZERO
    for move in ranked:
        if spent + monthly(move.cost) <= room:
            fits.append(move)
            spent += monthly(move.cost)
    return fits


def default_rates(rates: Rates) -> list[DefaultRate]:
    return [
        DefaultRate(route, rate, rate_above_buyback(rate, rates.hourly_value))
        for route, rate in (
            (VIRTUAL_ASSISTANT, rates.default_va_rate),
            (SPECIALIST, rates.default_specialist_rate),
        )
    ]


def story(
    *,
    figures: Buyback,
    plan: Iterable[PlanItem],
    moves: Iterable[PlanItem],
    hires: Iterable[Hire],
    rates: Rates,
    fit_order: str = BEST_NET_FIRST,
) -> Story:
    """The three cards, the moves that fit the budget, the default rates to warn about."""
    hires = list(hires)
    plan_priced = [priced(item, hires, rates) for item in plan]
    moves_priced = [priced(item, hires, rates) for item in moves]
    at_default = sum((p.item.hours for p in plan_priced if p.price.is_default), ZERO)
    plan_hours = sum((p.item.hours for p in plan_priced), ZERO)
    plan_card = Card(
        cost=sum((p.cost for p in plan_priced), ZERO),
        value=sum((p.value for p in plan_priced), ZERO),
        hours=plan_hours,
    )
    budget = Budget(figures.monthly_cost, plan_card.monthly_cost, rates.monthly_budget)
    order = fit_order if fit_order in FIT_ORDERS else BEST_NET_FIRST
    return Story(
        buyback_rate=buyback_rate(rates.hourly_value),
        bought_back=Card(
            cost=figures.delegation_cost,
            value=figures.bought_back_value,
            hours=figures.bought_back_hours,
        ),
        plan=plan_card,
        plan_at_delegates_hours=plan_hours - at_default,
        plan_at_default_hours=at_default,
        budget=budget,
        fit_order=order,
        fits=moves_that_fit(moves_priced, room=budget.room, order=order),
        moves=moves_priced,
        defaults=default_rates(rates),
        let_go_hours=figures.let_go_hours,
    )
