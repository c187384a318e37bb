"""Every rule and its SQL twin (tasks/twins.py) agree: generated tasks, work instructions,
overrides, thresholds and rates are saved, and each rule's answer in Python is compared with
what its twin selects in the database. Changing a twin alone makes one of these fail."""

import itertools
from decimal import Decimal

import pytest
from django.db.models import QuerySet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from sops.models import Instruction, InstructionVersion
from tasks import buyback, classifier, twins
from tasks.choices import OUTCOME_ROUTE
from tasks.models import Task

pytestmark = pytest.mark.django_db

NONE, DRAFT, PUBLISHED, TWO_VERSIONS = "none", "draft", "published", "two_versions"
_founders = itertools.count()

ratings = st.one_of(st.none(), st.integers(1, 5))
task_rows = st.fixed_dictionaries(
    {
        # Few titles and hours, so ties (the ranking's tie-breaks) are common.
        "title": st.sampled_from(["a", "B", "b", "ä", "a b", "Z"]),
        "hours": st.sampled_from(["0", "0.5", "1", "2", "2", "3.25", "10", "40"]).map(Decimal),
        "skill": ratings,
        "enjoyment": ratings,
        "core": st.one_of(st.none(), st.booleans()),
        # The catalogue's suggestion: it counts only with an entry (a stale value without
        # one is generated too, and must count nowhere).
        "catalogue_key": st.sampled_from(["", "", "inbox"]),
        "suggested_core": st.one_of(st.none(), st.booleans()),
        "suggested_skill": ratings,
        # The founder's word on dropping or automating ("route": neither), else the catalogue's.
        "outcome": st.sampled_from(["", "", "drop", "automate", OUTCOME_ROUTE]),
        "suggested_outcome": st.sampled_from(["", "drop", "automate"]),
        "recurring": st.booleans(),
        "category": st.sampled_from(classifier.CATEGORIES),
        "override_category": st.one_of(st.none(), st.sampled_from(classifier.CATEGORIES)),
        "route": st.sampled_from(classifier.ROUTES),
        "override_route": st.one_of(st.just(""), st.sampled_from(classifier.ROUTES)),
        "status": st.sampled_from(buyback.STATUSES),
        "instruction": st.sampled_from([NONE, DRAFT, PUBLISHED, TWO_VERSIONS]),
    }
)
founders_tasks = st.lists(task_rows, min_size=0, max_size=8)
thresholds = st.builds(
    classifier.Thresholds, hate_max=st.integers(1, 5), skill_gap_max=st.integers(1, 5)
)
money = st.sampled_from(["0", "15", "30", "50", "80", "120"]).map(Decimal)
rates = st.builds(
    buyback.Rates,
    hourly_value=money,
    weekly_capacity=st.just(Decimal("40")),
    monthly_budget=st.just(Decimal("1000")),
    default_va_rate=money,
    default_specialist_rate=money,
)
# Many examples against a database: each saves a few rows, so keep them moderate.
property_settings = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _save(rows) -> tuple[QuerySet, dict[int, dict]]:
    """A new founder with these tasks (and their instructions); the queryset of the founder's
    tasks and each row by the task's key."""
    owner = User.objects.create_user(email=f"twin{next(_founders)}@example.com", password="x")
    tasks = Task.objects.bulk_create(
        Task(
            owner=owner,
            title=row["title"],
            area="admin",
            hours_per_week=row["hours"],
            recurring=row["recurring"],
            skill=row["skill"],
            enjoyment=row["enjoyment"],
            core=row["core"],
            catalogue_key=row["catalogue_key"],
            suggested_core=row["suggested_core"],
            suggested_skill=row["suggested_skill"],
            outcome=row["outcome"],
            suggested_outcome=row["suggested_outcome"],
            category_id=row["category"],
            override_category_id=row["override_category"],
            route=row["route"],
            override_route=row["override_route"],
            status=Task.INVENTORY,
        )
        for row in rows
    )
    by_pk = {}
    for task, row in zip(tasks, rows, strict=True):
        by_pk[task.pk] = row
        if row["instruction"] != NONE:
            instruction = Instruction.objects.create(owner=owner, task=task, title=row["title"])
            versions = {NONE: 0, DRAFT: 0, PUBLISHED: 1, TWO_VERSIONS: 2}[row["instruction"]]
            for number in range(1, versions + 1):
                InstructionVersion.objects.create(
                    instruction=instruction, number=number, title=row["title"]
                )
        # Any status, even one the gate would refuse today: a running delegation whose route
        # changed later is a state the data can be in.
        QuerySet.update(Task.objects.filter(pk=task.pk), status=row["status"])
    return Task.objects.filter(owner=owner), by_pk


def _published(row) -> bool:
    return row["instruction"] in (PUBLISHED, TWO_VERSIONS)


def _route(row) -> str:
    return classifier.effective_route(row["route"], row["override_route"])


def _input(row) -> classifier.TaskInput:
    suggestion = None
    if row["catalogue_key"]:  # as Task.suggestion reads it
        suggestion = classifier.Suggestion(
            row["catalogue_key"], core=row["suggested_core"], skill=row["suggested_skill"]
        )
    return classifier.TaskInput(
        title=row["title"],
        area="admin",
        hours_per_week=row["hours"],
        recurring=row["recurring"],
        skill=row["skill"],
        enjoyment=row["enjoyment"],
        core=row["core"],
        suggestion=suggestion,
    )


def _outcome(row) -> str:
    """Task.effective_outcome, read from the generated row."""
    if row["outcome"]:
        return "" if row["outcome"] == OUTCOME_ROUTE else row["outcome"]
    return row["suggested_outcome"]


@property_settings
@given(rows=founders_tasks)
def test_the_effective_route_and_category_in_sql_are_the_rules(rows):
    tasks, by_pk = _save(rows)
    selected = tasks.annotate(kind=twins.effective_category(), way=twins.effective_route())
    for pk, kind, way in selected.values_list("pk", "kind", "way"):
        row = by_pk[pk]
        assert kind == classifier.effective_category(row["category"], row["override_category"])
        assert way == _route(row)


@property_settings
@given(rows=founders_tasks)
def test_the_effective_core_not_rated_and_outcome_in_sql_are_the_rules(rows):
    tasks, by_pk = _save(rows)
    core = set(tasks.filter(twins.is_core()).values_list("pk", flat=True))
    assert core == {pk for pk, row in by_pk.items() if _input(row).effective_core}
    unrated = set(tasks.filter(twins.not_rated()).values_list("pk", flat=True))
    assert unrated == {pk for pk, row in by_pk.items() if _input(row).not_rated}
    # The negations too: a NULL must not drop a task from both sides.
    assert set(tasks.exclude(twins.is_core()).values_list("pk", flat=True)) == set(by_pk) - core
    assert set(tasks.exclude(twins.not_rated()).values_list("pk", flat=True)) == (
        set(by_pk) - unrated
    )
    selected = tasks.annotate(outcome_now=twins.effective_outcome())
    for pk, outcome in selected.values_list("pk", "outcome_now"):
        assert outcome == _outcome(by_pk[pk])
    for task in tasks:  # the model's own reading agrees with the generated rows
        assert task.effective_outcome == _outcome(by_pk[task.pk])


@property_settings
@given(rows=founders_tasks)
def test_the_handover_gate_in_sql_is_the_rule(rows):
    tasks, by_pk = _save(rows)
    selected = tasks.annotate(
        published=twins.has_published_instruction(),
        gate=twins.needs_instruction(),
        waits=twins.waits_for_instruction(),
    )
    for pk, published, gate, waits in selected.values_list("pk", "published", "gate", "waits"):
        row = by_pk[pk]
        assert published == _published(row)
        assert gate == classifier.needs_instruction(
            _route(row), has_published_instruction=_published(row)
        )
        assert waits == buyback.waits_for_instruction(_route(row), row["status"])
    # The gate as a filter, as the bulk update and the dashboard use it.
    gated = set(tasks.filter(twins.needs_instruction()).values_list("pk", flat=True))
    assert gated == {
        pk
        for pk, row in by_pk.items()
        if classifier.needs_instruction(_route(row), has_published_instruction=_published(row))
    }


@property_settings
@given(rows=founders_tasks, limits=thresholds)
def test_the_three_lists_in_sql_are_the_rule(rows, limits):
    tasks, by_pk = _save(rows)
    for code in classifier.DUCKER_LISTS:
        on_list = set(tasks.filter(twins.on_ducker_list(code, limits)).values_list("pk", flat=True))
        assert on_list == {
            pk
            for pk, row in by_pk.items()
            if code in classifier.ducker_lists(_input(row), limits, route=_route(row))
        }, code


def _candidates(by_pk) -> list[buyback.MoveCandidate]:
    """Every saved task as the pure ranking's candidate, computed in Python from the rows."""
    return [
        buyback.MoveCandidate(
            pk,
            row["title"],
            row["hours"],
            classifier.effective_category(row["category"], row["override_category"]),
            _route(row),
            row["status"],
            _outcome(row),
        )
        for pk, row in by_pk.items()
    ]


@property_settings
@given(rows=founders_tasks, founder_rates=rates, limit=st.integers(1, 4))
def test_the_next_moves_from_the_sql_candidates_are_the_moves_of_all_tasks(
    rows, founder_rates, limit
):
    tasks, by_pk = _save(rows)
    every_task = _candidates(by_pk)
    rows_in_sql = twins.move_candidates(tasks, rates=founder_rates, limit=limit)
    from_sql = [twins.as_move_candidate(row) for row in rows_in_sql]
    assert buyback.next_moves(from_sql, founder_rates, limit=limit) == buyback.next_moves(
        every_task, founder_rates, limit=limit
    )


@property_settings
@given(rows=founders_tasks, founder_rates=rates)
def test_the_next_moves_filter_in_sql_is_every_move(rows, founder_rates):
    # twins.is_move (the task list's "Next moves" and the dashboard's "and M more") selects
    # exactly the tasks buyback.next_moves ranks.
    tasks, by_pk = _save(rows)
    every_task = _candidates(by_pk)
    moves = {move.key for move in buyback.next_moves(every_task, founder_rates)}
    assert set(tasks.filter(twins.is_move()).values_list("pk", flat=True)) == moves
    assert set(tasks.exclude(twins.is_move()).values_list("pk", flat=True)) == set(by_pk) - moves
