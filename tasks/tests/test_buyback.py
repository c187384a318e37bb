"""The weekly buyback figures: hours, money, capacity and budget."""

from dataclasses import replace
from decimal import Decimal

import pytest

from tasks.buyback import (
    DELEGATED,
    DONE,
    INVENTORY,
    READY,
    TaskFigures,
    compute,
    rate_above_buyback,
)
from tasks.classifier import (
    KEEP,
    PROJECT_FREELANCER,
    SKILL,
    SMART,
    SPECIALIST,
    TIME,
    VIRTUAL_ASSISTANT,
)
from tasks.tests.factories import RATES

D = Decimal


def figures(hours, category=TIME, route=VIRTUAL_ASSISTANT, status=INVENTORY, rate=None):
    return TaskFigures(
        hours=D(hours), category=category, route=route, status=status, delegate_rate=rate
    )


def test_it_counts_nothing_for_no_tasks():
    result = compute([], RATES)
    assert result.bought_back_hours == 0
    assert result.reclaimable_hours == 0
    assert result.reclaimable_by_kind == {TIME: 0, SKILL: 0, SMART: 0}
    assert result.hours_kept == 0
    assert result.capacity_state == "ok"
    assert result.net == 0
    assert result.over_budget is False


def test_it_counts_delegated_hours_as_bought_back():
    tasks = [
        figures("5", status=DELEGATED, rate=D("20")),
        figures("3", category=SKILL, route=SPECIALIST, status=DELEGATED, rate=D("80")),
        figures("7", status=INVENTORY),
    ]
    result = compute(tasks, RATES)
    assert result.bought_back_hours == D("8")
    assert result.delegation_cost == D("340")  # 5 × 20 + 3 × 80
    assert result.bought_back_value == D("800")
    assert result.net == D("460")


@pytest.mark.parametrize(
    "route, expected_cost",
    [
        (VIRTUAL_ASSISTANT, D("30")),  # 2 h × default VA rate 15
        (SPECIALIST, D("120")),  # 2 h × default specialist rate 60
        (PROJECT_FREELANCER, D("120")),
    ],
)
def test_it_prices_a_delegation_without_rate_at_the_default_for_its_route(route, expected_cost):
    result = compute([figures("2", route=route, status=DELEGATED)], RATES)
    assert result.delegation_cost == expected_cost


def test_it_takes_a_zero_rate_at_its_word():
    result = compute([figures("2", status=DELEGATED, rate=D("0"))], RATES)
    assert result.delegation_cost == 0


def test_it_splits_reclaimable_hours_by_kind():
    tasks = [
        figures("4", category=TIME, status=INVENTORY),
        figures("1.5", category=TIME, route=PROJECT_FREELANCER, status=READY),
        figures("2", category=SKILL, route=SPECIALIST),
        figures("3", category=SMART, route=SPECIALIST),
        figures("9", category=KEEP, route=KEEP),
        figures("6", category=TIME, status=DELEGATED, rate=D("15")),
        figures("8", category=SMART, status=DONE),
    ]
    result = compute(tasks, RATES)
    assert result.reclaimable_by_kind == {TIME: D("5.5"), SKILL: D("2"), SMART: D("3")}
    assert result.reclaimable_hours == D("10.5")
    # 4 × 15 (VA) + 1.5 × 60 + 2 × 60 + 3 × 60 (specialist default for everyone else)
    assert result.reclaimable_cost == D("450")
    assert result.reclaimable_value == D("1050")
    assert result.reclaimable_net == D("600")


def test_done_tasks_count_nowhere():
    tasks = [
        figures("8", status=DONE, rate=D("15")),
        figures("8", category=KEEP, route=KEEP, status=DONE),
    ]
    result = compute(tasks, RATES)
    assert (result.bought_back_hours, result.reclaimable_hours, result.hours_kept) == (0, 0, 0)
    assert result.delegation_cost == 0


def test_hours_kept_are_the_open_tasks_not_delegated():
    tasks = [
        figures("10", category=KEEP, route=KEEP),
        figures("5", status=READY),
        figures("7", status=DELEGATED, rate=D("15")),
        figures("3", status=DONE),
    ]
    assert compute(tasks, RATES).hours_kept == D("15")


@pytest.mark.parametrize(
    "hours_kept, state",
    [
        ("35.9", "ok"),
        ("36", "near"),  # 90 % of 40
        ("40", "near"),  # at capacity is not over it
        ("40.1", "over"),
    ],
)
def test_it_warns_near_capacity_before_it_is_over(hours_kept, state):
    result = compute([figures(hours_kept, category=KEEP, route=KEEP)], RATES)
    assert result.weekly_capacity == D("40")
    assert result.capacity_state == state


@pytest.mark.parametrize(
    "weekly_hours, monthly_cost, over_budget",
    [
        ("12", D("780"), False),  # 12 h × 15 = 180/week × 52 / 12
        ("15", D("975"), False),
        ("16", D("1040"), True),
    ],
)
def test_it_compares_the_monthly_cost_with_the_budget(weekly_hours, monthly_cost, over_budget):
    result = compute([figures(weekly_hours, status=DELEGATED, rate=D("15"))], RATES)
    assert result.monthly_cost == monthly_cost
    assert result.monthly_budget == D("1000")
    assert result.over_budget is over_budget


def test_a_cost_exactly_at_budget_is_not_over():
    rates = replace(RATES, monthly_budget=D("780"))
    result = compute([figures("12", status=DELEGATED, rate=D("15"))], rates)
    assert result.monthly_cost == D("780")
    assert result.over_budget is False


def test_it_keeps_decimal_precision_inside():
    result = compute([figures("1", status=DELEGATED, rate=D("10"))], RATES)
    assert isinstance(result.monthly_cost, Decimal)
    assert round(result.monthly_cost, 2) == D("43.33")  # 10 × 52 / 12, rounded only here


def test_the_buyback_rate_is_a_quarter_of_the_hourly_value():
    assert compute([], RATES).buyback_rate == D("25")


@pytest.mark.parametrize(
    "rate, above",
    [(D("24.99"), False), (D("25"), False), (D("25.01"), True)],
)
def test_it_flags_a_rate_above_the_buyback_rate(rate, above):
    assert rate_above_buyback(rate, D("100")) is above


def test_the_rates_these_tests_use_are_a_new_founders():
    from accounts.models import Profile

    assert Profile().rates() == RATES
