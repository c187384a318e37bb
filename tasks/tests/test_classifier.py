"""The classification rules of domain.md, branch by branch and boundary by boundary."""

from dataclasses import replace
from decimal import Decimal

import pytest

from tasks.classifier import (
    KEEP,
    PROJECT_FREELANCER,
    SKILL,
    SMART,
    SPECIALIST,
    TIME,
    VIRTUAL_ASSISTANT,
    Reason,
    TaskInput,
    Thresholds,
    classify,
    classify_all,
    is_overloaded,
    route_for,
)

# A task no rule argues about: liked, mastered, short, one-off, not core.
PLAIN = TaskInput(
    title="Plain task",
    area="admin",
    hours_per_week=Decimal("0.5"),
    recurring=False,
    skill=4,
    enjoyment=4,
    core=False,
)


def task(**changes) -> TaskInput:
    if "hours_per_week" in changes:
        changes["hours_per_week"] = Decimal(changes["hours_per_week"])
    return replace(PLAIN, **changes)


def codes(result) -> list[str]:
    return [reason.code for reason in result.reasons]


BRANCHES = [
    # (id, task changes, overloaded, category, route, reason codes)
    (
        "core_beats_every_other_rule",
        {"core": True, "enjoyment": 1, "skill": 1, "recurring": True, "hours_per_week": "10"},
        True,
        KEEP,
        KEEP,
        ["core"],
    ),
    (
        "hated_routine_goes_to_va",
        {"enjoyment": 1, "recurring": True},
        False,
        SMART,
        VIRTUAL_ASSISTANT,
        ["hate"],
    ),
    (
        "hated_time_eater_goes_to_va",
        {"enjoyment": 2, "recurring": True, "hours_per_week": "6"},
        False,
        SMART,
        VIRTUAL_ASSISTANT,
        ["hate", "time_eater"],
    ),
    (
        "hated_one_off_goes_to_project_freelancer",
        {"enjoyment": 1},
        False,
        SMART,
        PROJECT_FREELANCER,
        ["hate", "one_off"],
    ),
    (
        "hated_skill_gap_goes_to_specialist",
        {"enjoyment": 1, "skill": 1},
        False,
        SMART,
        SPECIALIST,
        ["hate", "skill_gap"],
    ),
    (
        "hated_skill_gap_time_eater_lists_all_three",
        {"enjoyment": 1, "skill": 2, "recurring": True, "hours_per_week": "3"},
        False,
        SMART,
        SPECIALIST,
        ["hate", "skill_gap", "time_eater"],
    ),
    (
        "skill_gap_time_eater_without_hate_is_smart",
        {"skill": 1, "recurring": True, "hours_per_week": "4"},
        False,
        SMART,
        SPECIALIST,
        ["skill_gap", "time_eater"],
    ),
    ("one_off_skill_gap_is_skill", {"skill": 1}, False, SKILL, SPECIALIST, ["skill_gap"]),
    (
        "short_routine_skill_gap_is_skill",
        {"skill": 2, "recurring": True, "hours_per_week": "0.5"},
        False,
        SKILL,
        SPECIALIST,
        ["skill_gap"],
    ),
    (
        "time_eater_is_time_for_va",
        {"recurring": True, "hours_per_week": "6"},
        False,
        TIME,
        VIRTUAL_ASSISTANT,
        ["time_eater"],
    ),
    (
        "overloaded_one_off_is_time_for_freelancer",
        {},
        True,
        TIME,
        PROJECT_FREELANCER,
        ["overloaded", "one_off"],
    ),
    (
        "overloaded_short_routine_is_kept",
        {"recurring": True},
        True,
        KEEP,
        KEEP,
        ["no_reason_to_delegate"],
    ),
    ("one_off_without_overload_is_kept", {}, False, KEEP, KEEP, ["no_reason_to_delegate"]),
]


@pytest.mark.parametrize(
    "changes, overloaded, category, route, reason_codes",
    [case[1:] for case in BRANCHES],
    ids=[case[0] for case in BRANCHES],
)
def test_it_follows_the_ladder(changes, overloaded, category, route, reason_codes):
    result = classify(task(**changes), overloaded=overloaded)
    assert (result.category, result.route, codes(result)) == (category, route, reason_codes)


BOUNDARIES = [
    # (id, task changes, category, route)
    ("enjoyment_2_is_hate", {"enjoyment": 2}, SMART, PROJECT_FREELANCER),
    ("enjoyment_3_is_not_hate", {"enjoyment": 3}, KEEP, KEEP),
    ("skill_2_is_a_gap", {"skill": 2}, SKILL, SPECIALIST),
    ("skill_3_is_no_gap", {"skill": 3}, KEEP, KEEP),
    (
        "recurring_1_hour_eats_time",
        {"recurring": True, "hours_per_week": "1.0"},
        TIME,
        VIRTUAL_ASSISTANT,
    ),
    ("recurring_0_99_hours_does_not", {"recurring": True, "hours_per_week": "0.99"}, KEEP, KEEP),
    ("one_off_6_hours_does_not", {"recurring": False, "hours_per_week": "6"}, KEEP, KEEP),
]


@pytest.mark.parametrize(
    "changes, category, route",
    [case[1:] for case in BOUNDARIES],
    ids=[case[0] for case in BOUNDARIES],
)
def test_it_draws_the_default_thresholds_where_domain_md_does(changes, category, route):
    result = classify(task(**changes), overloaded=False)
    assert (result.category, result.route) == (category, route)


CUSTOM = [
    # (id, thresholds, task changes, category)
    ("hate_max_3_makes_enjoyment_3_hate", Thresholds(hate_max=3), {"enjoyment": 3}, SMART),
    ("hate_max_1_spares_enjoyment_2", Thresholds(hate_max=1), {"enjoyment": 2}, KEEP),
    ("skill_gap_max_3_makes_skill_3_a_gap", Thresholds(skill_gap_max=3), {"skill": 3}, SKILL),
    ("skill_gap_max_1_spares_skill_2", Thresholds(skill_gap_max=1), {"skill": 2}, KEEP),
    (
        "time_eater_min_5_spares_4_99_hours",
        Thresholds(time_eater_min_hours=Decimal("5")),
        {"recurring": True, "hours_per_week": "4.99"},
        KEEP,
    ),
    (
        "time_eater_min_5_takes_5_hours",
        Thresholds(time_eater_min_hours=Decimal("5")),
        {"recurring": True, "hours_per_week": "5"},
        TIME,
    ),
]


@pytest.mark.parametrize(
    "thresholds, changes, category",
    [case[1:] for case in CUSTOM],
    ids=[case[0] for case in CUSTOM],
)
def test_it_uses_the_founders_thresholds(thresholds, changes, category):
    result = classify(task(**changes), overloaded=False, thresholds=thresholds)
    assert result.category == category


def test_it_carries_the_values_that_decided():
    hated = task(enjoyment=1, skill=2, recurring=True, hours_per_week="6")
    result = classify(hated, overloaded=False)
    assert result.reasons == (
        Reason("hate", (("enjoyment", 1), ("max", 2))),
        Reason("skill_gap", (("skill", 2), ("max", 2))),
        Reason("time_eater", (("hours", Decimal("6")), ("min_hours", Decimal("1.0")))),
    )


def test_reason_params_are_a_dict():
    assert Reason("overloaded", (("planned", 52), ("capacity", 45))).params == {
        "planned": 52,
        "capacity": 45,
    }


def test_it_keeps_the_overloaded_reason_bare_without_figures():
    result = classify(task(), overloaded=True)
    assert result.reasons[0] == Reason("overloaded")


@pytest.mark.parametrize(
    "planned, capacity, expected",
    [
        (Decimal("40"), Decimal("40"), False),
        (Decimal("40.01"), Decimal("40"), True),
        (Decimal("39.99"), Decimal("40"), False),
        (Decimal("500"), None, False),
    ],
    ids=["equal_is_not_over", "just_above_is_over", "below_is_not_over", "no_capacity"],
)
def test_it_is_overloaded_only_above_capacity(planned, capacity, expected):
    assert is_overloaded(planned, capacity) is expected


def test_classify_all_sums_the_lists_hours_against_capacity():
    tasks = [task(hours_per_week="30"), task(recurring=True, hours_per_week="11")]
    results = classify_all(tasks, capacity=Decimal("40"))
    assert (results[0].category, results[0].route) == (TIME, PROJECT_FREELANCER)
    assert results[0].reasons[0] == Reason(
        "overloaded", (("planned", Decimal("41")), ("capacity", Decimal("40")))
    )
    # The routine task is in time, not overloaded: 11 h and recurring makes it a time eater.
    assert codes(results[1]) == ["time_eater"]


@pytest.mark.parametrize("capacity", [Decimal("41"), None], ids=["at_capacity", "without_capacity"])
def test_classify_all_keeps_one_offs_when_not_over_capacity(capacity):
    tasks = [task(hours_per_week="30"), task(hours_per_week="11")]
    results = classify_all(tasks, capacity=capacity)
    assert [r.category for r in results] == [KEEP, KEEP]


def test_classify_all_applies_custom_thresholds():
    results = classify_all([task(enjoyment=3)], capacity=None, thresholds=Thresholds(hate_max=3))
    assert results[0].category == SMART


@pytest.mark.parametrize(
    "category, changes, route",
    [
        (KEEP, {"skill": 1}, KEEP),
        (SKILL, {"recurring": True}, SPECIALIST),
        (TIME, {"recurring": True}, VIRTUAL_ASSISTANT),
        (TIME, {"recurring": False}, PROJECT_FREELANCER),
        (SMART, {"skill": 2, "recurring": True}, SPECIALIST),
        (SMART, {"recurring": True}, VIRTUAL_ASSISTANT),
        (SMART, {"recurring": False}, PROJECT_FREELANCER),
    ],
)
def test_route_for_an_overridden_category(category, changes, route):
    assert route_for(category, task(**changes)) == route


def test_route_for_rejects_an_unknown_category():
    with pytest.raises(ValueError):
        route_for("later", task())
