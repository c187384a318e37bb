"""What a founder's weekly digest says, as a template context (domain.md, "The weekly digest").

Read-only. A sender reads a whole chunk of digests at once (`chunk_reads`: four queries
whatever the number of founders and tasks), then builds each context in Python. The buyback
figures come from buyback.compute over selectors.task_figures, as on the dashboard, and reasons
from tasks.reasons, never recomputed here. Strings are translated when the templates render,
inside the caller's translation.override.
"""

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from accounts import clock, numbers
from accounts.models import Profile
from digest.chunk_reads import ChunkReads, FounderTasks, OpenTask, chunk_reads
from digest.models import WeeklyDigest
from digest.team_week import (
    measured_hours,
    notes_of_the_week,
    runs_per_delegation,
)
from tasks import buyback, classifier, money_story
from tasks.choices import OUTCOME_CHOICES
from tasks.models import ROUTE_CHOICES, Category, Task
from tasks.reasons import reasons_text
from tasks.task_list import MOVES, AndMore, and_more

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
# Lists of tasks in the digest show this many, then "and M more" (tasks.task_list.and_more).
LIST_SHOWN = 5
SILENT_AFTER = timedelta(days=14)
CENT = Decimal("0.01")
# A move to drop or automate names that where a hand-off names its route.
ROUTE_LABELS = dict(ROUTE_CHOICES) | dict(OUTCOME_CHOICES)


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


def digest_context(
    *,
    digest: WeeklyDigest,
    profile: Profile,
    now: datetime,
    unsubscribe_url: str,
    reads: ChunkReads | None = None,
) -> dict:
    """The template context of one digest; `reads` from chunk_reads (read here if missing)."""
    reads = reads or chunk_reads([digest])
    founder = reads.tasks.get(profile.user_id) or FounderTasks()
    figures = buyback.compute(founder.figures, profile.rates())
    snapshot = snapshot_of(figures)
    previous = reads.previous.get(digest.pk)
    tasks = founder.open
    today = clock.founder_today(profile.time_zone, now)
    silent = silent_delegations(tasks, today=today)
    waiting = waiting_for_instruction(tasks)
    runs = runs_per_delegation(reads.runs.get(profile.user_id, []), today=today)
    notes = notes_of_the_week(reads.notes.get(profile.user_id, []), now=now)
    change = (
        None
        if previous is None or previous.hours_delegated is None
        else snapshot["hours_delegated"] - previous.hours_delegated
    )
    ranked = ranked_moves(tasks, profile.rates())
    hires = reads.hires.get(profile.user_id, [])
    money = money_of(figures, tasks, ranked=ranked, profile=profile, hires=hires)
    moves, moves_total = next_moves_and_total(tasks, ranked=ranked, priced=money.moves)
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
        "kinds": _kinds(figures, reads.categories),
        "moves": moves,
        "moves_rest": _rest(total=moves_total, shown=len(moves), status=MOVES, sort="value"),
        "money": money,
        "waiting": waiting[:LIST_SHOWN],
        "waiting_rest": _rest(
            total=len(waiting),
            shown=LIST_SHOWN,
            route=classifier.VIRTUAL_ASSISTANT,
            status=Task.INVENTORY,
        ),
        "silent": silent[:LIST_SHOWN],
        "silent_rest": _rest(total=len(silent), shown=LIST_SHOWN, status=Task.DELEGATED),
        "silent_days": SILENT_AFTER.days,
        "week_runs": runs,
        # Measured beside the plan: what the runs of the week logged (a silent delegation
        # logged nothing, so it drops out of this figure).
        "measured_hours": measured_hours(runs),
        "consultant_notes": notes,
        "nothing_new": unchanged
        and not (silent or runs or notes)
        and figures.capacity_state == "ok",
        "site_url": settings.SITE_URL,
        "dashboard_url": _absolute(reverse("dashboard")),
        "settings_url": _absolute(reverse("settings")),
        "unsubscribe_url": unsubscribe_url,
    }


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _task_url(task: OpenTask) -> str:
    return _absolute(reverse("task_detail", kwargs={"pk": task.pk}))


def _kinds(figures: buyback.Buyback, categories: list[Category]) -> list[dict]:
    names = {category.code: category.name for category in categories}
    return [
        {"code": code, "name": names.get(code, code), "hours": hours}
        for code, hours in figures.reclaimable_by_kind.items()
    ]


def _rest(*, total: int, shown: int, **filters: str) -> AndMore:
    """A list's "and M more", its link absolute (the email is read away from the site)."""
    rest = and_more(total=total, shown=shown, **filters)
    return replace(rest, url=_absolute(rest.url))


def ranked_moves(tasks: list[OpenTask], rates: numbers.Rates) -> list[buyback.Move]:
    """All the founder's next moves, ranked as on the dashboard (buyback.next_moves): read
    once a digest, by the moves shown and by the money story alike."""
    candidates = [
        buyback.MoveCandidate(
            task.pk, task.title, task.hours, task.category, task.route, task.status, task.outcome
        )
        for task in tasks
    ]
    return buyback.next_moves(candidates, rates)


def next_moves_and_total(
    tasks: list[OpenTask],
    *,
    ranked: list[buyback.Move],
    priced: Sequence[money_story.Priced] = (),
) -> tuple[list[dict], int]:
    """The first three of the founder's next moves (`ranked`), and how many there are in
    all; each at the one price the dashboard gives it (`priced`: the money story's moves)."""
    by_pk = {task.pk: task for task in tasks}
    prices = {item.item.key: item for item in priced}
    # Links and sentences only for the three shown, not for every candidate.
    shown = [
        {
            "title": move.title,
            "url": _task_url(by_pk[move.key]),
            "hours": move.hours,
            "value": prices[move.key].value if move.key in prices else move.value,
            "cost": prices[move.key].cost if move.key in prices else move.cost,
            "net": prices[move.key].net if move.key in prices else move.net,
            # Whose rate prices it (the templates word it): a delegate, else the default.
            **_price_of(prices.get(move.key)),
            "route": ROUTE_LABELS.get(move.outcome or move.route, move.route),
            "reasons": (
                [by_pk[move.key].override_reason]
                if by_pk[move.key].override_reason
                else reasons_text(by_pk[move.key].reasons or [])
            ),
        }
        for move in ranked[:TOP_MOVES]
    ]
    return shown, len(ranked)


def _price_of(priced: money_story.Priced | None) -> dict:
    if priced is None or priced.item.outcome:
        return {"delegate": None, "at_default": False, "above": False, "rate": None}
    return {
        "delegate": priced.price.delegate,
        "at_default": priced.at_default_rate,
        "above": priced.price.above_buyback,
        "rate": priced.price.rate,
    }


def money_of(
    figures: buyback.Buyback,
    tasks: list[OpenTask],
    *,
    ranked: list[buyback.Move],
    profile: Profile,
    hires: list[money_story.Hire],
) -> money_story.Story:
    """The dashboard's money cards, from the same function: the plan is every open task the
    advice says to hand off, the moves that fit the budget come from the dashboard's next moves."""
    rates = profile.rates()
    plan = [
        money_story.PlanItem(task.hours, task.route, task.area, task.pk, task.title)
        for task in tasks
        if buyback.is_move(task.category, task.status)
    ]
    # The dashboard's next moves: drop/automate ones included, at no one's rate.
    areas = {task.pk: task.area for task in tasks}
    moves = ranked[: money_story.MOVES_SHOWN]
    return money_story.story(
        figures=figures,
        plan=plan,
        moves=[
            money_story.PlanItem(
                move.hours, move.route, areas[move.key], move.key, move.title, move.outcome
            )
            for move in moves
        ],
        hires=hires,
        rates=rates,
        fit_order=profile.fit_order,
    )


def waiting_for_instruction(tasks: list[OpenTask]) -> list[dict]:
    """Routine work for a virtual assistant that can't go before its work instruction."""
    return [
        {"title": task.title, "url": _task_url(task), "hours": task.hours}
        for task in tasks
        if buyback.waits_for_instruction(task.route, task.status)
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
