"""The founder's pages that read several apps.

The decision page: next moves, what waits for them, pictures, headline figures. A fixed number
of queries and rows whatever the number of tasks (see dashboard.reads); the full list is on
the task list page. The settings page: the profile, the founder's consultants and what they
changed.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import clock
from accounts import services as account_services
from accounts.forms import ProfileForm, add_service_errors
from accounts.models import Profile
from accounts.selectors import founder_profile, request_profile
from consultants.models import ChangeRecord
from dashboard import page_cache
from dashboard import reads as dashboard_reads
from digest.services import founder_trend
from sops import news
from tasks import founder_settings, money_text
from tasks.choices import OUTCOME_CHOICES
from tasks.models import ROUTE_CHOICES, Category, Task
from tasks.money_reads import founder_story
from tasks.reasons import reasons_text
from tasks.selectors import founder_buyback, founder_figure_groups, logged_hours


@login_required
def dashboard(request):
    profile = request_profile(user=request.user)
    now = timezone.now()
    today = clock.founder_today(profile.time_zone, now)
    # First: coming back after a break makes the end of the previous visit the baseline,
    # and it stays so for the whole visit. The visit's one write (at its start) waits until
    # the page is sent; its "last seen" is read with the page.
    later: list = []

    def visit(seen):
        account_services.founder_visit(profile=profile, now=now, write=later.append, seen=seen)
        return profile.previous_visit_at

    # Computed once per version of the founder's data (every write raises it), then served
    # from the cache: see dashboard/page_cache.py.
    response = page_cache.cached_page(
        request,
        page="dashboard",
        today=today,
        since=profile.previous_visit_at,
        render=lambda extra: _dashboard(request, profile, today, extra),
        visit=(account_services.seen_key(profile.user_id), visit),
    )
    page_cache.after_response(response, later)
    return response


def _dashboard(request, profile, today, extra: dict):
    waiting = dashboard_reads.waiting_for_you(profile=profile, today=today)
    since = dashboard_reads.since_last_visit(profile=profile, since=profile.previous_visit_at)
    context = {
        **_figures_context(request, profile, today),
        "first_run_url": reverse("first_run"),
        "waiting": waiting,
        "nothing_waiting": not any(item.count for item in waiting.values()),
        "since": since,
        "silent_days": dashboard_reads.SILENT_AFTER.days,
        "team_news": news.latest(founder_id=request.user.pk),
        **extra,
    }
    return render(request, "tasks/dashboard.html", context)


@login_required
def dashboard_figures(request):
    """The figures, capacity bar and charts again, the next moves out of band: what the
    dashboard asks for after a quick capture changed the founder's tasks (htmx)."""
    profile = request_profile(user=request.user)
    today = clock.founder_today(profile.time_zone, timezone.now())
    context = {**_figures_context(request, profile, today), "oob": True}
    return render(request, "partials/dashboard_refresh.html", context)


def _figures_context(request, profile, today) -> dict:
    """What the regions that change with every task show: moves, money, capacity, charts."""
    groups = founder_figure_groups(user_id=request.user.pk)
    figures = founder_buyback(profile=profile, groups=groups)
    trend = founder_trend(founder_id=request.user.pk)
    kinds = hours_chart(dashboard_reads.hours_by_kind_and_state(groups))
    # A move to drop or automate says so where a hand-off names its route.
    routes = dict(ROUTE_CHOICES) | dict(OUTCOME_CHOICES)
    move_rows = dashboard_reads.next_moves(profile=profile)
    story = founder_story(
        profile=profile,
        figures=figures,
        moves=[row.move for row in move_rows],
        fit_order=profile.fit_order,
    )
    moves = [
        {
            "row": row,
            "route": routes.get(row.move.outcome or row.move.route, row.move.route),
            "reason": row.override_reason or (reasons_text(row.reasons or []) or [""])[0],
            "money": money_text.priced_lines(money, story.buyback_rate),
        }
        for row, money in zip(move_rows, story.moves, strict=True)
    ]
    return {
        "profile": profile,
        "figures": figures,
        "money": money_text.story_context(story, profile.rates()),
        "moves": moves,
        "moves_rest": dashboard_reads.moves_rest(profile=profile, shown=len(moves)),
        "has_tasks": Task.objects.filter(owner=request.user).exists(),
        "kinds": kinds,
        "trend": trend,
        "trend_chart": trend_chart(trend, figures),
        "trend_change": figures.bought_back_hours - trend[-1].hours_delegated
        if trend and trend[-1].hours_delegated is not None  # a sent snapshot has it
        else None,
        "capacity_percent": _percent(figures.hours_kept, figures.weekly_capacity),
        "measured_hours": logged_hours(owner_id=request.user.pk, since=today - timedelta(days=6)),
    }


@login_required
@require_POST
def fit_order(request):
    """The founder's choice of the moves that fit the budget first, saved for the dashboard
    and the digest alike."""
    profile = founder_profile(user=request.user)
    try:
        account_services.profile_set_fit_order(profile=profile, order=request.POST.get("order", ""))
    except ValidationError as err:
        for message in err.messages:
            messages.error(request, message)
    return redirect(reverse("dashboard") + "#money-heading")


def hours_chart(table) -> dict:
    """Hours per week by kind and state, as the chart's data and its table."""
    names = {category.code: category.name for category in Category.objects.all()}
    states = {"inventory": _("You still do"), "ready": _("Ready"), "delegated": _("Delegated")}
    rows = [
        {"kind": kind, "name": names.get(kind, kind), "hours": hours, "total": sum(hours.values())}
        for kind, hours in table.items()
    ]
    totals = {state: sum(row["hours"][state] for row in rows) for state in states}
    return _with_json(
        {
            "rows": rows,
            "states": states,
            "totals": totals,
            "total": sum(totals.values()),
            "data": {
                "labels": [row["name"] for row in rows],
                "datasets": [
                    {
                        "label": str(label),
                        "state": state,
                        "data": [float(r["hours"][state]) for r in rows],
                    }
                    for state, label in states.items()
                ],
            },
        }
    )


def trend_chart(trend, figures) -> dict:
    """Hours bought back, cost and value per week: the digest snapshots, or this week's figures
    when no digest has gone out yet."""
    if trend:
        points = [
            (
                _("Week %(week)s") % {"week": w.iso_week},
                w.hours_delegated,
                w.delegation_cost,
                w.bought_back_value,
            )
            for w in trend
        ]
    else:
        points = [
            (
                _("This week"),
                figures.bought_back_hours,
                figures.delegation_cost,
                figures.bought_back_value,
            )
        ]
    return _with_json(
        {
            "from_snapshots": bool(trend),
            "points": points,
            "data": {
                "labels": [label for label, *_rest in points],
                "hours": {
                    "label": str(_("Hours bought back")),
                    "data": [float(p[1] or 0) for p in points],
                },
                "cost": {
                    "label": str(_("Cost per week")),
                    "data": [float(p[2] or 0) for p in points],
                },
                "value": {
                    "label": str(_("Value per week")),
                    "data": [float(p[3] or 0) for p in points],
                },
            },
        }
    )


def _with_json(chart: dict) -> dict:
    # The chart's data for charts.js, in an attribute (autoescaped where it is written).
    return {**chart, "json": json.dumps(chart["data"])}


def _percent(part, whole) -> int:
    if not whole:
        return 100 if part else 0
    return min(100, round(part * 100 / whole))


@login_required
def profile_settings(request):
    profile = founder_profile(user=request.user)
    # The saved rates: the form writes what was typed onto the profile when it validates.
    default_warnings = money_text.default_rate_warnings(profile.rates())
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            founder_settings.profile_update(profile=profile, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            translation.activate(profile.language)
            messages.success(request, _("Settings saved; your tasks were re-classified."))
            response = redirect("settings")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, profile.language)
            return response
    ctx = {
        "form": form,
        "default_warnings": default_warnings,
        "consultants": profile.consultants.order_by("email"),
        "changes": [
            (record, change_text(record))
            for record in request.user.change_records.select_related("by")[:20]
        ],
    }
    return render(request, "tasks/settings.html", ctx)


def change_text(record: ChangeRecord) -> str:
    """What a consultant changed, as a sentence in the active language (field names too)."""
    model = Profile if record.kind == ChangeRecord.SETTINGS else Task
    names = []
    for name in record.fields:
        try:
            names.append(str(model._meta.get_field(name).verbose_name))  # type: ignore[union-attr]  # fields only
        except Exception:  # noqa: BLE001 — a field removed since: show its code
            names.append(name)
    fields = ", ".join(names)
    if record.kind == ChangeRecord.SETTINGS:
        return _("changed your settings: %(fields)s") % {"fields": fields}
    if record.kind == ChangeRecord.TASK_ADDED:
        return _("added the task “%(title)s”") % {"title": record.label}
    if record.kind == ChangeRecord.TASK_DELETED:
        return _("deleted the task “%(title)s”") % {"title": record.label}
    return _("changed the task “%(title)s”: %(fields)s") % {"title": record.label, "fields": fields}
