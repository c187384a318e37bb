"""The SQL twins of the rules: where a rule of tasks/classifier.py or tasks/buyback.py must also
run in the database (filters, counts, sorting), its twin is built here and only here, one
function per rule, each naming the rule it mirrors. tasks/tests/test_twins.py generates tasks,
instructions and overrides and checks that every rule and its twin agree.

A new rule that needs SQL gets its twin here, next to the others, and a case in that test.
"""

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Collate, NullIf
from django.db.models.lookups import Exact

from tasks import buyback, classifier


def effective_category():
    """classifier.effective_category: the override wins."""
    return Coalesce("override_category_id", "category_id")


def effective_route():
    """classifier.effective_route: the override wins (an empty override is none)."""
    return Coalesce(NullIf("override_route", Value("")), "route")


def has_published_instruction():
    """Task.has_published_instruction: the task's work instruction has a published version."""
    # Through the reverse relation (sops.Instruction.task), so tasks imports nothing of sops.
    from tasks.models import Task

    return Exists(Task.objects.filter(pk=OuterRef("pk"), instruction__versions__isnull=False))


def needs_instruction():
    """classifier.needs_instruction on the effective route: the handover gate."""
    goes_to_va = Exact(effective_route(), Value(classifier.VIRTUAL_ASSISTANT))
    return ExpressionWrapper(
        Q(goes_to_va) & ~Q(has_published_instruction()), output_field=BooleanField()
    )


def waits_for_instruction():
    """buyback.waits_for_instruction: a virtual assistant's task still in the inventory (the
    gate read from the status, as the figures that carry no instruction do)."""
    goes_to_va = Exact(effective_route(), Value(classifier.VIRTUAL_ASSISTANT))
    return ExpressionWrapper(
        Q(goes_to_va) & Q(status=buyback.INVENTORY), output_field=BooleanField()
    )


def net_value(rates: buyback.Rates):
    """hours × buyback.net_per_hour(effective route); nothing for a task you keep."""
    route = effective_route()
    return F("hours_per_week") * Case(
        When(Exact(route, Value(classifier.KEEP)), then=None),
        When(
            Exact(route, Value(classifier.VIRTUAL_ASSISTANT)),
            then=Value(buyback.net_per_hour(classifier.VIRTUAL_ASSISTANT, rates)),
        ),
        default=Value(buyback.net_per_hour(classifier.SPECIALIST, rates)),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )


def on_ducker_list(code: str, thresholds: classifier.Thresholds) -> Q:
    """classifier.ducker_lists: the tasks on one of Chris Ducker's lists (an unrated skill or
    enjoyment puts a task on neither of the first two)."""
    hate = Q(enjoyment__lte=thresholds.hate_max)
    cant = Q(skill__lte=thresholds.skill_gap_max)
    if code == classifier.HATE_LIST:
        return Q(core=False) & hate
    if code == classifier.CANT_DO_LIST:
        return Q(core=False) & cant
    if code == classifier.SHOULDNT_DO_LIST:
        return Q(core=False) & ~hate & ~cant
    raise ValueError(f"unknown list {code!r}")


MOVE_FIELDS = ("pk", "title", "hours_per_week", "kind", "way", "status")


def move_candidates(tasks, *, rates: buyback.Rates, limit: int, fields=()) -> list[dict]:
    """buyback.next_moves' candidates in SQL: enough rows that the pure ranking of them gives
    the same first `limit` moves as the ranking of all the tasks.

    A move's net is hours × net_per_hour(route), and that rate is either the VA one or the
    specialist one: within each, the order is by hours (then title, then key) alone, so the
    first `limit` of each are enough. Rows carry MOVE_FIELDS plus `fields`."""
    tasks = tasks.annotate(kind=effective_category(), way=effective_route()).filter(
        kind__in=buyback.RECLAIMABLE_KINDS, status__in=buyback.MOVE_STATUSES
    )
    is_va = Q(way=classifier.VIRTUAL_ASSISTANT)
    rows: list[dict] = []
    for route, group in (
        (classifier.VIRTUAL_ASSISTANT, tasks.filter(is_va)),
        (classifier.SPECIALIST, tasks.exclude(is_va)),
    ):
        hours = "-hours_per_week" if buyback.net_per_hour(route, rates) >= 0 else "hours_per_week"
        rows += group.order_by(hours, _title_order(), "pk").values(*MOVE_FIELDS, *fields)[:limit]
    return rows


def as_move_candidate(row: dict) -> buyback.MoveCandidate:
    """A row of move_candidates as the pure module's MoveCandidate."""
    return buyback.MoveCandidate(
        row["pk"], row["title"], row["hours_per_week"], row["kind"], row["way"], row["status"]
    )


def _title_order():
    # The pure ranking compares titles as Python strings (code points); PostgreSQL's "C"
    # collation and SQLite's default order them the same way.
    if connection.vendor == "postgresql":
        return Collate("title", "C")
    return F("title")
