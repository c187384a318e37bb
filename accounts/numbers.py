"""The founder's own numbers as the pure rules take them: the classifier's thresholds, the
rates the buyback figures use, and Dan Martell's arithmetic of an hour.

Pure Python (no Django). They live here, beside the profile that stores them, so that the
profile can hand them to the rules in tasks and digest without importing upward.
"""

from dataclasses import dataclass
from decimal import Decimal

# Dan Martell: a year's income over 2,000 working hours is what an hour of yours is worth.
HOURS_PER_YEAR = Decimal("2000")
CENT = Decimal("0.01")
# When the plan is over budget, which next moves come first (Profile.fit_order, read by
# tasks.money_story): the best net value, or the cheapest.
BEST_NET_FIRST, CHEAPEST_FIRST = "net", "cheapest"
FIT_ORDERS = (BEST_NET_FIRST, CHEAPEST_FIRST)


@dataclass(frozen=True)
class Thresholds:
    """Where the classifier's rules start (domain.md): enjoyment and skill at or below these
    are "hate" and "can't"; a recurring task of at least this many hours a week eats time."""

    hate_max: int = 2
    skill_gap_max: int = 2
    time_eater_min_hours: Decimal = Decimal("1.0")


@dataclass(frozen=True)
class Rates:
    hourly_value: Decimal
    weekly_capacity: Decimal
    monthly_budget: Decimal
    default_va_rate: Decimal
    default_specialist_rate: Decimal


def buyback_rate(hourly_value: Decimal) -> Decimal:
    """The most an hour of delegated work should cost (Dan Martell: a quarter of yours)."""
    return hourly_value / 4


def rate_above_buyback(rate: Decimal, hourly_value: Decimal) -> bool:
    return rate > buyback_rate(hourly_value)


def hourly_value_from_income(yearly_income: Decimal) -> Decimal:
    """What an hour is worth when the founder gives a yearly income: income ÷ 2,000 hours."""
    return (yearly_income / HOURS_PER_YEAR).quantize(CENT)
