"""The plan to hire by, pure Python (no Django).

Dan Martell's DRIP matrix places a task by money (what an hour of it is worth, $ to $$$$) and
energy (does it drain you or give you energy): Delegation (low money, drains), Replacement
(high money, drains), Investment (low money, gives), Production (high money, gives). His
replacement ladder says in which order to buy back: admin, delivery, marketing, sales,
leadership. Chris Ducker: hire for a role, not for a task — tasks of one route and area make a
role.
"""

from dataclasses import dataclass
from decimal import Decimal

DELEGATION, REPLACEMENT, INVESTMENT, PRODUCTION = (
    "delegation",
    "replacement",
    "investment",
    "production",
)
QUADRANTS = (DELEGATION, REPLACEMENT, INVESTMENT, PRODUCTION)
# Enjoyment is rated 1–5: 4 and 5 give energy, the rest drains it.
GIVES_ENERGY_FROM = 4
# A task's money rating ($–$$$$) from its hourly market rate against the founder's hour: up to
# a quarter of it (the buyback rate) is $, up to half $$, up to all of it $$$, above $$$$.
HIGH_MONEY_FROM = 3

ADMIN, DELIVERY, MARKETING, SALES, LEADERSHIP = 1, 2, 3, 4, 5
RUNGS = (ADMIN, DELIVERY, MARKETING, SALES, LEADERSHIP)
RUNG_OF_AREA = {
    "admin": ADMIN,
    "finance": ADMIN,
    "legal": ADMIN,
    "other": ADMIN,
    "customer_support": DELIVERY,
    "product": DELIVERY,
    "tech": DELIVERY,
    "design": DELIVERY,
    "marketing": MARKETING,
    "sales": SALES,
    "networking": SALES,
}


def money_rating(market_rate: Decimal, hourly_value: Decimal) -> int:
    """1 ($) to 4 ($$$$): what an hour of the task is worth, as its market rate says."""
    if hourly_value <= 0:
        return 4
    if market_rate <= hourly_value / 4:
        return 1
    if market_rate <= hourly_value / 2:
        return 2
    if market_rate <= hourly_value:
        return 3
    return 4


def quadrant(rating: int, enjoyment: int) -> str:
    high_money = rating >= HIGH_MONEY_FROM
    gives = enjoyment >= GIVES_ENERGY_FROM
    if gives:
        return PRODUCTION if high_money else INVESTMENT
    return REPLACEMENT if high_money else DELEGATION


def rung(area: str) -> int:
    return RUNG_OF_AREA.get(area, ADMIN)


@dataclass(frozen=True)
class RoleTask:
    key: int
    title: str
    hours: Decimal
    route: str
    area: str


@dataclass(frozen=True)
class Role:
    route: str
    area: str
    rung: int
    tasks: tuple[RoleTask, ...]

    @property
    def hours(self) -> Decimal:
        return sum((task.hours for task in self.tasks), Decimal(0))


def roles(tasks: list[RoleTask]) -> list[Role]:
    """The hand-off tasks grouped by route and area, in the ladder's order (admin first), then
    the larger role first, then by route and area so the order is stable."""
    grouped: dict[tuple[str, str], list[RoleTask]] = {}
    for task in tasks:
        grouped.setdefault((task.route, task.area), []).append(task)
    found = [
        Role(
            route,
            area,
            rung(area),
            tuple(sorted(items, key=lambda t: (-t.hours, t.title, t.key))),
        )
        for (route, area), items in grouped.items()
    ]
    return sorted(found, key=lambda role: (role.rung, -role.hours, role.route, role.area))
