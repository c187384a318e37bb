import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from tasks import csv_rows, services
from tasks.forms import DelegationForm, ImportForm, OverrideForm, TaskForm
from tasks.views.common import add_service_errors, get_task_for_user


@login_required
def task_create(request):
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(owner=request.user, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Task added."))
            return redirect("task_detail", pk=task.pk)
    return render(request, "tasks/task_form.html", {"form": form})


@login_required
def task_detail(request, pk):
    return _render_detail(request, get_task_for_user(request, pk))


def _render_detail(request, task, *, override_form=None, delegation_form=None, status=200):
    override_form = override_form or OverrideForm(
        initial={"category": task.effective_category_id, "reason": task.override_reason}
    )
    ctx = {
        "task": task,
        "override_form": override_form,
        "delegation_form": delegation_form or DelegationForm(owner=request.user),
        "delegation_problem": _delegation_problem(task),
        "override_records": task.override_records.select_related("category", "by")[:20],
    }
    return render(request, "tasks/task_detail.html", ctx, status=status)


def _delegation_problem(task) -> str | None:
    try:
        services.delegation_check(task=task)
    except ValidationError as err:
        return " ".join(err.messages)
    return None


@login_required
def task_edit(request, pk):
    task = get_task_for_user(request, pk)
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(task=task, **form.cleaned_data)
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Task saved."))
            return redirect("task_detail", pk=task.pk)
    return render(request, "tasks/task_form.html", {"form": form, "task": task})


@login_required
def task_delete(request, pk):
    task = get_task_for_user(request, pk)
    if request.method == "POST":
        services.task_delete(task=task)
        messages.success(request, _("Task deleted."))
        return redirect("task_list")
    return render(request, "tasks/task_confirm_delete.html", {"task": task})


@login_required
@require_POST
def task_override(request, pk):
    task = get_task_for_user(request, pk)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.task_override(
                task=task,
                category=form.cleaned_data["category"].code,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Category overridden."))
            return redirect("task_detail", pk=task.pk)
    return _render_detail(request, task, override_form=form, status=400)


@login_required
@require_POST
def task_override_clear(request, pk):
    task = get_task_for_user(request, pk)
    services.task_override_clear(task=task, by=request.user)
    messages.success(request, _("Override removed; the computed category applies again."))
    return redirect("task_detail", pk=task.pk)


@login_required
@require_POST
def task_delegate(request, pk):
    task = get_task_for_user(request, pk)
    form = DelegationForm(request.POST, owner=request.user)
    if form.is_valid():
        try:
            services.delegation_start(
                task=task,
                delegate=form.cleaned_data["delegate"],
                start_date=form.cleaned_data["start_date"],
                hourly_rate=form.cleaned_data["hourly_rate"],
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Task delegated."))
            return redirect("task_detail", pk=task.pk)
    return _render_detail(request, task, delegation_form=form, status=400)


@login_required
@require_POST
def task_finish(request, pk):
    task = get_task_for_user(request, pk)
    services.delegation_end(task=task, done=True)
    messages.success(request, _("Marked as done."))
    return redirect("task_list")


@login_required
@require_POST
def task_reopen(request, pk):
    task = get_task_for_user(request, pk)
    services.delegation_end(task=task, done=False)
    messages.success(request, _("Back in your inventory."))
    return redirect("task_detail", pk=task.pk)


@login_required
def task_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, more = [], 0
    if request.method == "POST" and form.is_valid():
        try:
            rows = csv_rows.parse_tasks(
                io.StringIO(form.cleaned_data["file"]), max_rows=settings.IMPORT_MAX_ROWS
            )
            created = services.tasks_import(owner=request.user, rows=rows)
        except csv_rows.CsvError as err:
            shown, more = csv_rows.first_problems(err.problems, settings.IMPORT_PROBLEMS_SHOWN)
            problems = [problem.render(_) for problem in shown]
        except ValidationError as err:
            problems = err.messages
        else:
            count = len(created)
            text = ngettext("%(count)d task imported.", "%(count)d tasks imported.", count)
            messages.success(request, text % {"count": count})
            return redirect("task_list")
    status = 400 if problems else 200
    ctx = {"form": form, "problems": problems, "more": more}
    return render(request, "tasks/task_import.html", ctx, status=status)
