from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from digest.services import founder_trend
from tasks.models import Category, Task
from tasks.selectors import founder_buyback
from tasks.services import founder_profile


@login_required
def dashboard(request):
    profile = founder_profile(user=request.user)
    tasks = (
        Task.objects.filter(owner=request.user, status__in=Task.OPEN_STATUSES)
        .select_related("category", "override_category", "delegate")
        .order_by("-hours_per_week", "title")
    )
    groups = {
        category.code: {"category": category, "tasks": [], "hours": 0}
        for category in Category.objects.all()
    }
    for task in tasks:
        group = groups[task.effective_category_id]
        group["tasks"].append(task)
        group["hours"] += task.hours_per_week
    figures = founder_buyback(profile=profile)
    done_count = Task.objects.filter(owner=request.user, status=Task.DONE).count()
    # The weekly digests' snapshots: the change since the last one and a small trend.
    trend = founder_trend(founder_id=request.user.pk)
    change = figures.bought_back_hours - trend[-1].hours_delegated if trend else None
    return render(
        request,
        "tasks/dashboard.html",
        {
            "profile": profile,
            "groups": list(groups.values()),
            "figures": figures,
            "done_count": done_count,
            "trend": trend,
            "trend_change": change,
            "trend_max": max((week.hours_delegated for week in trend), default=0),
            "capacity_percent": _percent(figures.hours_kept, figures.weekly_capacity),
        },
    )


def _percent(part, whole) -> int:
    if not whole:
        return 100 if part else 0
    return min(100, round(part * 100 / whole))
