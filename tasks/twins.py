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
    CharField,
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
from django.db.models.lookups import Exact, In

from accounts import numbers
from tasks import buyback, catalogue, classifier
from tasks.choices import OUTCOME_ROUTE


def effective_category():
    """classifier.effective_category: the override wins."""
    return Coalesce("override_category_id", "category_id")


def effective_route():
    """classifier.effective_route: the override wins (an empty override is none)."""
    return Coalesce(NullIf("override_route", Value("")), "route")


def effective_outcome():
    """Task.effective_outcome: "drop", "automate" or "": the founder's word wins over the
    catalogue's ("route": neither)."""
    return Case(
        When(outcome=OUTCOME_ROUTE, then=Value("")),
        When(~Q(outcome=""), then=F("outcome")),
        default=F("suggested_outcome"),
        output_field=CharField(),
    )


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


def net_value(rates: numbers.Rates):
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


# The catalogue's suggestion counts only when the task has a catalogue entry (Task.suggestion).
_HAS_SUGGESTION = ~Q(catalogue_key="")


def is_core() -> Q:
    """TaskInput.effective_core: the founder's core rating, else the catalogue's suggestion."""
    return Q(core=True) | (Q(core__isnull=True) & _HAS_SUGGESTION & Q(suggested_core=True))


def not_rated() -> Q:
    """TaskInput.not_rated: nothing rated and nothing suggested."""
    rated = Q(skill__isnull=True, enjoyment__isnull=True, core__isnull=True)
    return rated & (~_HAS_SUGGESTION | Q(suggested_core__isnull=True, suggested_skill__isnull=True))


def _is_hate(thresholds: numbers.Thresholds) -> Q:
    # The catalogue suggests no enjoyment: only the founder's rating counts.
    return Q(enjoyment__isnull=False, enjoyment__lte=thresholds.hate_max)


def _is_skill_gap(thresholds: numbers.Thresholds) -> Q:
    # TaskInput.effective_skill: the founder's rating, else the suggested one.
    most = thresholds.skill_gap_max
    rated = Q(skill__isnull=False, skill__lte=most)
    suggested = Q(skill__isnull=True) & _HAS_SUGGESTION
    return rated | (suggested & Q(suggested_skill__isnull=False, suggested_skill__lte=most))


def on_ducker_list(code: str, thresholds: numbers.Thresholds) -> Q:
    """classifier.ducker_lists with the effective route: the tasks on one of Chris Ducker's
    lists. Core work and tasks not rated yet are on none; the third holds the rest that is
    neither hated nor a skill gap, unless it is kept."""
    listed = ~is_core() & ~not_rated()
    hate, cant = _is_hate(thresholds), _is_skill_gap(thresholds)
    if code == classifier.HATE_LIST:
        return listed & hate
    if code == classifier.CANT_DO_LIST:
        return listed & cant
    if code == classifier.SHOULDNT_DO_LIST:
        kept = Q(Exact(effective_route(), Value(classifier.KEEP)))
        return listed & ~hate & ~cant & ~kept
    raise ValueError(f"unknown list {code!r}")


def is_move() -> Q:
    """buyback.next_moves' candidates: a task still in the inventory or ready that is time,
    skill or smart work (a hand-off), or one to drop or automate (whatever its category)."""
    handoff = In(effective_category(), list(buyback.RECLAIMABLE_KINDS))
    let_go = In(effective_outcome(), list(catalogue.OUTCOMES))
    return Q(status__in=buyback.MOVE_STATUSES) & (Q(handoff) | Q(let_go))


MOVE_FIELDS = ("pk", "title", "hours_per_week", "kind", "way", "status", "outcome_now")


def move_candidates(tasks, *, rates: numbers.Rates, limit: int, fields=()) -> list[dict]:
    """buyback.next_moves' candidates in SQL: enough rows that the pure ranking of them gives
    the same first `limit` moves as the ranking of all the tasks.

    A delegation's net is hours × net_per_hour(route), and that rate is either the VA one or
    the specialist one; a task to drop or automate (any category) nets all its hours' value.
    Within each of these three groups the order is by hours (then title, then key) alone, so
    the first `limit` of each are enough. Rows carry MOVE_FIELDS plus `fields`."""
    tasks = tasks.filter(status__in=buyback.MOVE_STATUSES).annotate(
        kind=effective_category(), way=effective_route(), outcome_now=effective_outcome()
    )
    outcome = Q(outcome_now__in=catalogue.OUTCOMES)
    delegations = tasks.exclude(outcome).filter(kind__in=buyback.RECLAIMABLE_KINDS)
    is_va = Q(way=classifier.VIRTUAL_ASSISTANT)
    groups = (
        (delegations.filter(is_va), buyback.net_per_hour(classifier.VIRTUAL_ASSISTANT, rates)),
        (delegations.exclude(is_va), buyback.net_per_hour(classifier.SPECIALIST, rates)),
        (tasks.filter(outcome), rates.hourly_value),
    )
    rows: list[dict] = []
    # buyback.move_order: where hours (so the net) tie, drop before automate.
    order = Case(
        *(
            When(outcome_now=code, then=Value(buyback.move_order(code)))
            for code in catalogue.OUTCOMES
        ),
        default=Value(buyback.move_order("")),
    )
    for group, per_hour in groups:
        hours = "-hours_per_week" if per_hour >= 0 else "hours_per_week"
        # Where an hour nets nothing every net ties, so the outcome comes before the hours.
        keys = (order, hours) if per_hour == 0 else (hours, order)
        ordered = group.order_by(*keys, _title_order(), "pk")
        rows += ordered.values(*MOVE_FIELDS, *fields)[:limit]
    return rows


def as_move_candidate(row: dict) -> buyback.MoveCandidate:
    """A row of move_candidates as the pure module's MoveCandidate."""
    return buyback.MoveCandidate(
        row["pk"],
        row["title"],
        row["hours_per_week"],
        row["kind"],
        row["way"],
        row["status"],
        row["outcome_now"],
    )


def _title_order():
    # The pure ranking compares titles as Python strings (code points); PostgreSQL's "C"
    # collation and SQLite's default order them the same way.
    if connection.vendor == "postgresql":
        return Collate("title", "C")
    return F("title")
