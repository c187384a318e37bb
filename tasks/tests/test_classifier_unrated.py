"""The classification rules for what is not rated, suggested by the catalogue, dropped or
automated (domain.md), split from test_classifier.py to keep each file readable."""

from dataclasses import replace
from decimal import Decimal

import pytest

from tasks.classifier import (
    CANT_DO_LIST,
    HATE_LIST,
    KEEP,
    PROJECT_FREELANCER,
    SHOULDNT_DO_LIST,
    SKILL,
    SMART,
    SPECIALIST,
    TIME,
    VIRTUAL_ASSISTANT,
    Reason,
    Suggestion,
    Thresholds,
    classify,
    ducker_lists,
    route_for,
)
from tasks.tests.test_classifier import PLAIN, codes, task

# Not rated (None): no rule fires on it and no reason names it.
UNRATED = [
    # (id, task changes, category, route, reason codes)
    (
        "nothing_rated_keeps_it",
        {"skill": None, "enjoyment": None},
        KEEP,
        KEEP,
        ["no_reason_to_delegate"],
    ),
    (
        "unrated_routine_is_only_a_time_eater",
        {"skill": None, "enjoyment": None, "recurring": True, "hours_per_week": "5"},
        TIME,
        VIRTUAL_ASSISTANT,
        ["time_eater"],
    ),
    (
        "unrated_skill_with_a_hated_routine",
        {"skill": None, "enjoyment": 1, "recurring": True, "hours_per_week": "5"},
        SMART,
        VIRTUAL_ASSISTANT,
        ["hate", "time_eater"],
    ),
    (
        "unrated_enjoyment_with_a_skill_gap",
        {"skill": 1, "enjoyment": None},
        SKILL,
        SPECIALIST,
        ["skill_gap"],
    ),
]


@pytest.mark.parametrize(
    "changes, category, route, reason_codes",
    [row[1:] for row in UNRATED],
    ids=[row[0] for row in UNRATED],
)
def test_an_unrated_value_fires_no_rule(changes, category, route, reason_codes):
    result = classify(task(**changes), overloaded=False)
    assert (result.category, result.route, codes(result)) == (category, route, reason_codes)


def test_unrated_names_what_is_missing():
    from tasks.classifier import unrated

    assert unrated(task(skill=None, enjoyment=None)) == ("skill", "enjoyment")
    assert unrated(task(enjoyment=None)) == ("enjoyment",)
    assert unrated(PLAIN) == ()


def test_route_for_an_override_with_an_unrated_skill():
    assert route_for(SMART, task(skill=None, recurring=True)) == VIRTUAL_ASSISTANT


@pytest.mark.parametrize(
    ("changes", "lists"),
    [
        ({"core": True, "enjoyment": 1, "skill": 1}, ()),
        ({"enjoyment": 2}, (HATE_LIST,)),
        ({"enjoyment": 3, "skill": 2}, (CANT_DO_LIST,)),
        ({"enjoyment": 1, "skill": 1}, (HATE_LIST, CANT_DO_LIST)),
        ({"enjoyment": 3, "skill": 3}, (SHOULDNT_DO_LIST,)),
        ({"enjoyment": 5, "skill": 5}, (SHOULDNT_DO_LIST,)),
    ],
)
def test_chris_duckers_three_lists(changes, lists):
    # The third list holds what the rules hand off: a task handed off to a VA here.
    assert ducker_lists(task(**changes), route=VIRTUAL_ASSISTANT) == lists


def test_the_lists_follow_the_founders_thresholds():
    strict = Thresholds(hate_max=1, skill_gap_max=1)
    both = task(enjoyment=2, skill=2)
    assert ducker_lists(both, strict, route=PROJECT_FREELANCER) == (SHOULDNT_DO_LIST,)


def test_a_kept_task_is_not_on_the_shouldnt_do_list():
    # "I shouldn't do it" next to "Keep it yourself" would contradict itself.
    assert ducker_lists(task(enjoyment=4, skill=4), route=KEEP) == ()
    assert ducker_lists(task(enjoyment=1), route=KEEP) == (HATE_LIST,)


# --- suggestions from the task catalogue ---------------------------------------------------

UNRATED_TASK = replace(PLAIN, skill=None, enjoyment=None, core=None)


def suggested(key="coaching", **values):
    return Suggestion(key, **values)


def test_nothing_rated_and_nothing_suggested_is_not_rated_even_over_capacity():
    routine = replace(UNRATED_TASK, recurring=True, hours_per_week=Decimal("8"))
    for item in (UNRATED_TASK, routine):
        result = classify(item, overloaded=True)
        assert (result.category, result.route, codes(result)) == (KEEP, KEEP, ["not_rated"])
        assert ducker_lists(item, route=KEEP) == ()


def test_a_suggested_core_keeps_it_and_says_it_is_a_suggestion():
    coaching = replace(UNRATED_TASK, recurring=True, hours_per_week=Decimal("10"))
    coaching = replace(coaching, suggestion=suggested(core=True, skill=4))
    for overloaded in (False, True):
        result = classify(coaching, overloaded=overloaded)
        assert (result.category, result.route) == (KEEP, KEEP)
        assert result.reasons == (
            Reason("core", (("suggested", "coaching"),)),
            Reason("suggested", (("entry", "coaching"),)),
        )


def test_a_suggested_low_skill_makes_it_skill_work():
    taxes = replace(UNRATED_TASK, suggestion=suggested("tax_return", core=False, skill=2))
    result = classify(taxes, overloaded=False)
    assert (result.category, result.route) == (SKILL, SPECIALIST)
    assert result.reasons[0] == Reason(
        "skill_gap", (("skill", 2), ("max", 2), ("suggested", "tax_return"))
    )
    assert codes(result)[-1] == "suggested"


def test_the_founders_ratings_win_over_the_suggestion():
    rated = replace(PLAIN, core=False, skill=5, suggestion=suggested(core=True, skill=2))
    result = classify(rated, overloaded=False)
    assert codes(result) == ["no_reason_to_delegate"]  # nothing suggested is used


def test_a_routine_the_catalogue_knows_is_a_time_eater_marked_as_suggested():
    inbox = replace(UNRATED_TASK, recurring=True, hours_per_week=Decimal("5"))
    inbox = replace(inbox, suggestion=suggested("inbox", core=False, skill=3))
    result = classify(inbox, overloaded=True)
    assert (result.category, result.route) == (TIME, VIRTUAL_ASSISTANT)
    assert codes(result) == ["time_eater", "suggested"]
    assert ducker_lists(inbox, route=result.route) == (SHOULDNT_DO_LIST,)
