"""What a founder's weekly digest says, as a template context (domain.md, "The weekly digest").

Read-only, in a constant number of queries whatever the number of tasks: the buyback figures
come from selectors.founder_buyback and reasons from tasks.reasons, never recomputed here.
Strings are translated when the templates render, inside the caller's translation.override.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from tasks import buyback, classifier, schedule
from tasks.models import ROUTE_CHOICES, Category, Profile, Task, WeeklyDigest
from tasks.reasons import reasons_text
from tasks.selectors import founder_buyback

SNAPSHOT_FIELDS = (
    "hours_delegated",
    "reclaimable_time",
    "reclaimable_skill",
    "reclaimable_smart",
    "delegation_cost",
    "bought_back_value",
    "hours_kept",
    "weekly_capacity",
)
TOP_MOVES = 3
SILENT_AFTER = timedelta(days=14)
CENT = Decimal("0.01")
ROUTE_LABELS = dict(ROUTE_CHOICES)


def snapshot_of(figures: buyback.Buyback) -> dict[str, Decimal]:
    """The figures kept on the week's WeeklyDigest row (rounded as the columns store them)."""
    values = {
        "hours_delegated": figures.bought_back_hours,
        "reclaimable_time": figures.reclaimable_by_kind[classifier.TIME],
        "reclaimable_skill": figures.reclaimable_by_kind[classifier.SKILL],
        "reclaimable_smart": figures.reclaimable_by_kind[classifier.SMART],
        "delegation_cost": figures.delegation_cost,
        "bought_back_value": figures.bought_back_value,
        "hours_kept": figures.hours_kept,
        "weekly_capacity": figures.weekly_capacity,
    }
    return {name: value.quantize(CENT) for name, value in values.items()}


def previous_digest(*, digest: WeeklyDigest) -> WeeklyDigest | None:
    """The latest earlier week with a snapshot: what "since last week" compares with."""
    earlier = Q(iso_year__lt=digest.iso_year) | Q(
        iso_year=digest.iso_year, iso_week__lt=digest.iso_week
    )
    return (
        WeeklyDigest.objects.filter(
            earlier, founder_id=digest.founder_id, snapshot_at__isnull=False
        )
        .order_by("-iso_year", "-iso_week")
        .first()
    )


@dataclass(frozen=True)
class OpenTask:
    """What the digest needs of one open task (plain values: no model instances to build)."""

    pk: int
    title: str
    hours: Decimal
    status: str
    category: str
    route: str
    reasons: list
    delegated_on: date | None
    last_run_on: date | None
    delegate: str | None


def open_tasks(*, founder_id: int) -> list[OpenTask]:
    rows = Task.objects.filter(owner_id=founder_id, status__in=Task.OPEN_STATUSES).values_list(
        "pk",
        "title",
        "hours_per_week",
        "status",
        "category_id",
        "override_category_id",
        "route",
        "override_route",
        "reasons",
        "delegated_on",
        "last_run_on",
        "delegate__name",
    )
    return [
        OpenTask(pk, title, hours, status, override or category, override_route or route, *rest)
        for pk, title, hours, status, category, override, route, override_route, *rest in rows
    ]


def digest_context(
    *, digest: WeeklyDigest, profile: Profile, now: datetime, unsubscribe_url: str
) -> dict:
    figures = founder_buyback(profile=profile)
    snapshot = snapshot_of(figures)
    previous = previous_digest(digest=digest)
    tasks = open_tasks(founder_id=profile.user_id)
    today = schedule.local_today(now, profile.time_zone)
    silent = silent_delegations(tasks, today=today)
    change = None if previous is None else snapshot["hours_delegated"] - previous.hours_delegated
    unchanged = previous is not None and all(
        getattr(previous, name) == value for name, value in snapshot.items()
    )
    return {
        "profile": profile,
        "week": digest.iso_week,
        "year": digest.iso_year,
        "figures": figures,
        "snapshot": snapshot,
        "change": change,
        "kinds": _kinds(figures),
        "moves": next_moves(tasks, profile=profile),
        "waiting": waiting_for_instruction(tasks),
        "silent": silent,
        "nothing_new": unchanged and not silent and figures.capacity_state == "ok",
        "site_url": settings.SITE_URL,
        "dashboard_url": _absolute(reverse("dashboard")),
        "settings_url": _absolute(reverse("settings")),
        "unsubscribe_url": unsubscribe_url,
    }


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _task_url(task: OpenTask) -> str:
    return _absolute(reverse("task_detail", kwargs={"pk": task.pk}))


def _kinds(figures: buyback.Buyback) -> list[dict]:
    names = {category.code: category.name for category in Category.objects.all()}
    return [
        {"code": code, "name": names.get(code, code), "hours": hours}
        for code, hours in figures.reclaimable_by_kind.items()
    ]


def next_moves(tasks: list[OpenTask], *, profile: Profile) -> list[dict]:
    """The reclaimable tasks worth the most (hours × the founder's hourly value), top three."""
    rates = profile.rates()
    moves = []
    for task in tasks:
        if task.category not in buyback.RECLAIMABLE_KINDS:
            continue
        if task.status not in (Task.INVENTORY, Task.READY):
            continue
        value = task.hours * rates.hourly_value
        cost = task.hours * buyback.default_rate(task.route, rates)
        moves.append(
            {
                "title": task.title,
                "url": _task_url(task),
                "hours": task.hours,
                "value": value,
                "cost": cost,
                "net": value - cost,
                "route": ROUTE_LABELS.get(task.route, task.route),
                "reasons": reasons_text(task.reasons or []),
            }
        )
    moves.sort(key=lambda move: (-move["value"], -move["net"], move["title"]))
    return moves[:TOP_MOVES]


def waiting_for_instruction(tasks: list[OpenTask]) -> list[dict]:
    """Routine work for a virtual assistant that can't go before its work instruction."""
    return [
        {"title": task.title, "url": _task_url(task), "hours": task.hours}
        for task in tasks
        if task.route == classifier.VIRTUAL_ASSISTANT and task.status == Task.INVENTORY
    ]


def silent_delegations(tasks: list[OpenTask], *, today: date) -> list[dict]:
    """Delegations with no run recorded for SILENT_AFTER (since the start when none ran)."""
    silent = []
    for task in tasks:
        if task.status != Task.DELEGATED:
            continue
        last = task.last_run_on or task.delegated_on
        if last is None or today - last >= SILENT_AFTER:
            silent.append(
                {
                    "title": task.title,
                    "url": _task_url(task),
                    "last": last,
                    "days": (today - last).days if last else None,
                    "delegate": task.delegate or "",
                }
            )
    return silent
