"""Rate your week in a minute: every task still waiting for a rating on one page.

A row per task: skill and enjoyment as 1–5 choices, core as a toggle, the catalogue's
suggestion preselected. With htmx a row saves as the founder changes it and comes back
re-classified; without JavaScript each row is a plain form with its own button.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import add_service_errors
from tasks import services
from tasks.forms import RateForm
from tasks.models import Task
from tasks.task_list import OPEN, and_more
from tasks.views.capture import _is_htmx
from tasks.views.common import get_task_for_user

# One screen: more unrated tasks than this wait for the next visit (the page says so).
ROWS_SHOWN = 50


def rate_form(task: Task, data=None) -> RateForm:
    return RateForm(data, instance=task, prefix=f"rate-{task.pk}")


@login_required
def task_rate(request):
    waiting = Task.objects.filter(
        Q(skill__isnull=True) | Q(enjoyment__isnull=True) | Q(core__isnull=True),
        owner=request.user,
        status__in=Task.OPEN_STATUSES,
    ).order_by("-hours_per_week", "title", "pk")
    count = waiting.count()
    rows = [{"task": task, "form": rate_form(task)} for task in waiting[:ROWS_SHOWN]]
    rest = and_more(total=count, shown=len(rows), status=OPEN)
    context = {"rows": rows, "count": count, "rest": rest}
    return render(request, "tasks/task_rate.html", context)


@login_required
@require_POST
def task_rate_one(request, pk):
    task = get_task_for_user(request, pk)
    form = rate_form(task, request.POST)
    saved = False
    if form.is_valid():
        try:
            task = services.task_update(task=task, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            saved = True
            if not _is_htmx(request):
                messages.success(request, _("Saved: %(title)s.") % {"title": task.title})
                return redirect("task_rate")
            form = rate_form(task)
    context = {"row": {"task": task, "form": form}, "saved": saved}
    return render(request, "partials/rate_row.html", context, status=200 if saved else 400)
