"""What the dashboard reads: a fixed number of queries and of rows, whatever the number of a
founder's tasks. Decisions come from the pure modules (buyback.next_moves, buyback.next_step);
this module only fetches what they need and no more.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import Coalesce, Collate

from accounts.models import Profile
from digest.content import SILENT_AFTER
from sops.models import HandoverLink, Instruction, InstructionVersion, Run
from tasks import buyback, catalogue, classifier
from tasks.models import Delegate, Task
from tasks.selectors import EFFECTIVE_CATEGORY, EFFECTIVE_OUTCOME, EFFECTIVE_ROUTE

MOVES_SHOWN = 5
WAITING_SHOWN = 5
# Hours by state on the chart: what the founder still does, what is ready, what is handed off.
CHART_STATES = (buyback.INVENTORY, buyback.READY, buyback.DELEGATED)


def _title_order():
    # The pure ranking compares titles as Python strings (code points); PostgreSQL's "C"
    # collation and SQLite's default order them the same way.
    if connection.vendor == "postgresql":
        return Collate("title", "C")
    return F("title")


def _published_instruction():
    return Exists(InstructionVersion.objects.filter(instruction__task=OuterRef("pk")))


@dataclass(frozen=True)
class MoveRow:
    """A next move as the dashboard shows it: the pure Move plus the button that starts it."""

    move: buyback.Move
    step: str
    reasons: list
    # An override's own reason: it, not the computed reasons, explains the shown route.
    override_reason: str = ""


MOVE_FIELDS = (
    "pk",
    "title",
    "hours_per_week",
    "kind",
    "way",
    "status",
    "reasons",
    "has_instruction",
    "override_reason",
)


def next_moves(*, profile: Profile, limit: int = MOVES_SHOWN) -> list[MoveRow]:
    """The top `limit` next moves. A move's net is hours × net_per_hour(route), and the rate
    behind it is either the VA rate or the specialist rate: within each, the order is by
    hours alone. So the first `limit` of each are enough candidates for the pure ranking."""
    rates = profile.rates()
    moves_q = Task.objects.filter(owner_id=profile.user_id, status__in=buyback.MOVE_STATUSES)
    moves_q = moves_q.annotate(
        kind=EFFECTIVE_CATEGORY, way=EFFECTIVE_ROUTE, has_instruction=_published_instruction()
    ).filter(kind__in=buyback.RECLAIMABLE_KINDS)
    rows: list[Mapping[str, Any]] = []
    for va in (True, False):
        is_va = Q(way=classifier.VIRTUAL_ASSISTANT)
        group = moves_q.filter(is_va) if va else moves_q.exclude(is_va)
        route = classifier.VIRTUAL_ASSISTANT if va else classifier.SPECIALIST
        hours = "-hours_per_week" if buyback.net_per_hour(route, rates) >= 0 else "hours_per_week"
        rows += group.order_by(hours, _title_order(), "pk").values(*MOVE_FIELDS)[:limit]
    # Tasks to drop or automate: their net is all their hours' value, so the longest first.
    outcome_q = Task.objects.filter(
        owner_id=profile.user_id, status__in=buyback.MOVE_STATUSES
    ).annotate(
        kind=EFFECTIVE_CATEGORY,
        way=EFFECTIVE_ROUTE,
        has_instruction=_published_instruction(),
        outcome_now=EFFECTIVE_OUTCOME,
    )
    rows += (
        outcome_q.filter(outcome_now__in=list(catalogue.OUTCOMES))
        .order_by("-hours_per_week", _title_order(), "pk")
        .values(*MOVE_FIELDS, "outcome_now")[:limit]
    )
    # A task in two groups counts once, with its outcome (the later row wins).
    by_pk = {row["pk"]: row for row in rows}
    candidates = [
        buyback.MoveCandidate(
            row["pk"],
            row["title"],
            row["hours_per_week"],
            row["kind"],
            row["way"],
            row["status"],
            row.get("outcome_now") or "",
        )
        for row in by_pk.values()
    ]
    kinds = set(Delegate.objects.filter(owner_id=profile.user_id).values_list("kind", flat=True))
    return [
        MoveRow(
            move=move,
            step=buyback.DROP_OR_AUTOMATE
            if move.outcome
            else buyback.next_step(
                move.route,
                has_instruction=by_pk[move.key]["has_instruction"],
                has_fitting_delegate=move.route in kinds,
            ),
            reasons=by_pk[move.key]["reasons"],
            override_reason=by_pk[move.key]["override_reason"],
        )
        for move in buyback.next_moves(candidates, rates, limit=limit)
    ]


@dataclass(frozen=True)
class Waiting:
    """One kind of thing waiting for the founder: how many, and the first few."""

    count: int
    items: list

    @property
    def more(self) -> int:
        """How many are not listed: the list ends with "and M more"."""
        return max(0, self.count - len(self.items))


def _waiting(queryset) -> Waiting:
    # One query for both: the count of all rows travels with each of the first few.
    items = list(queryset.annotate(total=Window(Count("pk")))[:WAITING_SHOWN])
    return Waiting(count=items[0].total if items else 0, items=items)


def waiting_for_you(*, profile: Profile, today: date) -> dict[str, Waiting]:
    """Work instructions a virtual assistant waits for, silent delegations, overdue reviews."""
    tasks = Task.objects.filter(owner_id=profile.user_id)
    silent_since = today - SILENT_AFTER
    # No run recorded since the domain's number of days (since the start when none ran).
    silent = (
        tasks.filter(status=Task.DELEGATED)
        .annotate(last=Coalesce("last_run_on", "delegated_on"))
        .filter(Q(last__isnull=True) | Q(last__lte=silent_since))
    )
    return {
        "instruction": _waiting(
            tasks.annotate(way=EFFECTIVE_ROUTE)
            .filter(way=classifier.VIRTUAL_ASSISTANT, status=Task.INVENTORY)
            .order_by("-hours_per_week", "pk")
        ),
        "silent": _waiting(
            silent.select_related("delegate").order_by(F("last").asc(nulls_first=True), "pk")
        ),
        "review": _waiting(
            Instruction.objects.filter(owner_id=profile.user_id, review_on__lt=today).order_by(
                "review_on", "pk"
            )
        ),
    }


def since_last_visit(*, profile: Profile, since: datetime | None) -> dict[str, Waiting] | None:
    """Runs recorded and versions acknowledged since the founder's previous visit."""
    if since is None:
        return None
    owned = Q(instruction__owner_id=profile.user_id)
    return {
        "runs": _waiting(
            Run.objects.filter(owned, created_at__gt=since)
            .select_related("instruction")
            .order_by("-created_at", "-pk")
        ),
        "acknowledged": _waiting(
            HandoverLink.objects.filter(owned, acknowledged_at__gt=since)
            .select_related("instruction", "delegate")
            .order_by("-acknowledged_at", "-pk")
        ),
    }


def hours_by_kind_and_state(groups: list[buyback.TaskFigures]) -> dict[str, dict[str, Decimal]]:
    """For the chart: open hours per kind (time, skill, smart, keep), split by state."""
    table = {kind: dict.fromkeys(CHART_STATES, Decimal(0)) for kind in classifier.CATEGORIES}
    for group in groups:
        if group.status in CHART_STATES and group.category in table:
            table[group.category][group.status] += group.hours
    return table
