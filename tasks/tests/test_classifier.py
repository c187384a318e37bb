"""The classification rules of domain.md, branch by branch and boundary by boundary."""

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
    TaskInput,
    Thresholds,
    classify,
    classify_all,
    ducker_lists,
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
