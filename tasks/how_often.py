"""How often a task's time comes: per day, week, month, quarter or year → hours per week;
"once" for a one-off project (its hours per week while it runs).

Pure Python (no Django): shared/docs/domain.md, "How often". A founder types "2 h a month" or
"8 h a year"; the task keeps the amount and the unit as entered and derives hours_per_week,
which the rules and the sums use.
"""

from decimal import ROUND_HALF_UP, Decimal

DAY, WEEK, MONTH, QUARTER, YEAR = "day", "week", "month", "quarter", "year"
# A one-off project: the hours per week while it runs (the domain doc's hours_per_week).
ONCE = "once"
UNITS = (DAY, WEEK, MONTH, QUARTER, YEAR, ONCE)

# Hours per week for one hour per unit: a working week has 5 days, a year 52 weeks.
PER_WEEK = {
    DAY: Decimal(5),
    WEEK: Decimal(1),
    MONTH: Decimal(12) / Decimal(52),
    QUARTER: Decimal(4) / Decimal(52),
    YEAR: Decimal(1) / Decimal(52),
    ONCE: Decimal(1),
}
# The stored hours_per_week column keeps hundredths of an hour.
CENTS = Decimal("0.01")


def hours_per_week(amount: Decimal, unit: str) -> Decimal:
    """The weekly hours of `amount` hours per `unit`, rounded to hundredths (half up)."""
    if unit not in PER_WEEK:
        raise ValueError(f"unknown unit {unit!r}")
    return (amount * PER_WEEK[unit]).quantize(CENTS, rounding=ROUND_HALF_UP)


def amount_in_unit(hours_per_week: Decimal, unit: str) -> Decimal:
    """Hours per week said in the founder's unit: 2.5 h a week is 0.5 h a day."""
    return (hours_per_week / PER_WEEK[unit]).quantize(CENTS)


def is_recurring(unit: str) -> bool:
    """How often decides recurring: per day, week, month, quarter or year is a routine; "once"
    is a one-off project."""
    return unit != ONCE
