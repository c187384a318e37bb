"""How often → hours per week (shared/docs/domain.md, "How often"), every unit and rounding."""

from decimal import Decimal

import pytest

from tasks.how_often import hours_per_week


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        ("1", "day", "5.00"),
        ("2.5", "week", "2.50"),
        ("2", "month", "0.46"),  # 2 × 12 / 52 = 0.4615…
        ("13", "quarter", "1.00"),  # 13 × 4 / 52
        ("8", "year", "0.15"),  # 8 / 52 = 0.1538…
        ("52", "year", "1.00"),
        ("0", "month", "0.00"),
        ("0.13", "year", "0.00"),  # 0.0025 → rounds half up to 0.00
        ("0.26", "year", "0.01"),  # 0.005 → half up
    ],
)
def test_each_unit_becomes_hours_per_week(amount, unit, expected):
    assert hours_per_week(Decimal(amount), unit) == Decimal(expected)


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        hours_per_week(Decimal(1), "fortnight")
