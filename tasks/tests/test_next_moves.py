"""Next moves and the step that starts each: one pure ranking for the dashboard and the digest."""

from decimal import Decimal

import pytest

from tasks.buyback import (
    DELEGATE,
    DELEGATED,
    DONE,
    INVENTORY,
    PICK_DELEGATE,
    READY,
    WRITE_INSTRUCTION,
    MoveCandidate,
    Rates,
    next_moves,
    next_step,
)
from tasks.classifier import KEEP, PROJECT_FREELANCER, SKILL, SMART, SPECIALIST, TIME
from tasks.classifier import VIRTUAL_ASSISTANT as VA
from tasks.tests.factories import RATES

D = Decimal


def candidate(key, title, hours, category=TIME, route=VA, status=INVENTORY):
    return MoveCandidate(key, title, D(hours), category, route, status)


def titles(moves):
    return [move.title for move in moves]


def test_it_ranks_by_net_value_not_by_hours():
    # 2 h to a VA nets 2 × 85 = 170; 3 h to a specialist nets 3 × 40 = 120.
    moves = next_moves(
        [candidate(1, "Logo", "3", SKILL, SPECIALIST), candidate(2, "Inbox", "2")], RATES
    )
    assert titles(moves) == ["Inbox", "Logo"]
    assert (moves[0].value, moves[0].cost, moves[0].net) == (D("200"), D("30"), D("170"))


def test_equal_net_goes_to_more_hours_then_title_then_key():
    rates = Rates(D("100"), D("40"), D("1000"), D("0"), D("50"))
    moves = next_moves(
        [
            candidate(1, "b", "1"),  # net 100
            candidate(2, "Big", "2", SKILL, SPECIALIST),  # net 2 × 50 = 100, more hours
            candidate(4, "a", "1"),
            candidate(3, "a", "1"),
        ],
        rates,
    )
    assert [move.key for move in moves] == [2, 3, 4, 1]


@pytest.mark.parametrize(
    ("category", "status"),
    [(KEEP, INVENTORY), (TIME, DELEGATED), (SMART, DONE)],
)
def test_kept_delegated_and_done_tasks_are_no_moves(category, status):
    assert next_moves([candidate(1, "x", "5", category, VA, status)], RATES) == []


def test_ready_tasks_are_moves_and_the_limit_cuts_the_list():
    tasks = [candidate(i, f"t{i}", str(i), SMART, PROJECT_FREELANCER, READY) for i in range(1, 9)]
    assert titles(next_moves(tasks, RATES, limit=3)) == ["t8", "t7", "t6"]


def test_a_route_that_costs_more_than_your_hour_sinks_with_its_hours():
    rates = Rates(D("40"), D("40"), D("1000"), D("15"), D("60"))
    moves = next_moves(
        [
            candidate(1, "Small", "1", SKILL, SPECIALIST),
            candidate(2, "Large", "5", SKILL, SPECIALIST),
        ],
        rates,
    )
    assert titles(moves) == ["Small", "Large"]
    assert moves[1].net == D("-100")


@pytest.mark.parametrize(
    ("route", "has_instruction", "has_delegate", "step"),
    [
        (VA, False, True, WRITE_INSTRUCTION),
        (VA, True, False, PICK_DELEGATE),
        (VA, True, True, DELEGATE),
        (SPECIALIST, False, False, PICK_DELEGATE),
        (SPECIALIST, False, True, DELEGATE),
        (PROJECT_FREELANCER, False, True, DELEGATE),
    ],
)
def test_the_step_that_starts_a_move(route, has_instruction, has_delegate, step):
    assert (
        next_step(route, has_instruction=has_instruction, has_fitting_delegate=has_delegate) == step
    )
