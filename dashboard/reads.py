"""What the dashboard reads: a fixed number of queries and of rows, whatever the number of a
founder's tasks. Decisions come from the pure modules (buyback.next_moves, buyback.next_step);
this module only fetches what they need and no more.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import Coalesce

from accounts.models import Profile
from digest.content import SILENT_AFTER
from sops.models import HandoverLink, Instruction, Run
from tasks import buyback, classifier, twins
from tasks.models import Delegate, Task
from tasks.task_list import LET_GO, MOVES, AndMore, and_more

MOVES_SHOWN = 5
WAITING_SHOWN = 5
# Hours by state on the chart: what the founder still does, what is ready, what is handed off.
CHART_STATES = (buyback.INVENTORY, buyback.READY, buyback.DELEGATED)


@dataclass(frozen=True)
class MoveRow:
    """A next move as the dashboard shows it: the pure Move plus the button that starts it."""

    move: buyback.Move
    step: str
    reasons: list
    # An override's own reason: it, not the computed reasons, explains the shown route.
    override_reason: str = ""


def next_moves(*, profile: Profile, limit: int = MOVES_SHOWN) -> list[MoveRow]:
    """The top `limit` next moves: the pure ranking of twins.move_candidates' rows."""
    rates = profile.rates()
    tasks = Task.objects.filter(owner_id=profile.user_id).annotate(
        has_instruction=twins.has_published_instruction()
    )
    fields = ("reasons", "has_instruction", "override_reason")
    rows = twins.move_candidates(tasks, rates=rates, limit=limit, fields=fields)
    by_pk = {row["pk"]: row for row in rows}
    candidates = [twins.as_move_candidate(row) for row in rows]
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
    """One kind of thing waiting for the founder: how many, the first few, and (for tasks)
    the "and M more" that links to all of them on the task list."""

    count: int
    items: list
    rest: AndMore | None = None


def _waiting(queryset, **filters: str) -> Waiting:
    # One query for both: the count of all rows travels with each of the first few.
    items = list(queryset.annotate(total=Window(Count("pk")))[:WAITING_SHOWN])
    count = items[0].total if items else 0
    rest = and_more(total=count, shown=len(items), **filters) if filters else None
    return Waiting(count=count, items=items, rest=rest)


def moves_rest(*, profile: Profile, shown: int) -> AndMore:
    """The next moves' "and M more": all the candidates, on the task list by net value."""
    total = Task.objects.filter(twins.is_move(), owner_id=profile.user_id).count()
    return and_more(total=total, shown=shown, status=MOVES, sort="value")


@dataclass(frozen=True)
class LetGo:
    """Off the lists for good: what the founder dropped or automated (bought back, no cost)."""

    tasks: list
    hours: Decimal
    rest: AndMore


def let_go(*, owner_id: int, shown: int) -> LetGo:
    """The first `shown` let-go tasks, most hours first, with the hours and count of all."""
    rows = Task.objects.filter(owner_id=owner_id, status__in=Task.LET_GO_STATUSES)
    tasks = list(rows.order_by("-hours_per_week", "pk")[:shown])
    total = rows.aggregate(count=Count("pk"), hours=Sum("hours_per_week"))
    rest = and_more(total=total["count"], shown=len(tasks), status=LET_GO)
    return LetGo(tasks=tasks, hours=total["hours"] or Decimal("0"), rest=rest)


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
            tasks.filter(twins.waits_for_instruction()).order_by("-hours_per_week", "pk"),
            route=classifier.VIRTUAL_ASSISTANT,
            status=Task.INVENTORY,
        ),
        "silent": _waiting(
            silent.select_related("delegate").order_by(F("last").asc(nulls_first=True), "pk"),
            status=Task.DELEGATED,
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
