from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import clock, mailing, ratelimit
from accounts.forms import add_service_errors
from accounts.selectors import founder_profile
from tasks import buyback, money_reads, money_text, services
from tasks.forms import DelegationForm, OverrideForm, TaskForm
from tasks.selectors import logged_hours
from tasks.templatetags.buyback_tags import hours as hours_text
from tasks.views.common import get_task_for_user, warning_text


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


def _render_detail(
    request, task, *, override_form=None, delegation_form=None, warnings=(), status=200
):
    override_form = override_form or OverrideForm(
        initial={"category": task.effective_category_id, "reason": task.override_reason}
    )
    ctx = {
        "task": task,
        "override_form": override_form,
        "delegation_form": delegation_form or DelegationForm(owner=request.user, task=task),
        "delegation_warnings": [warning_text(w) for w in warnings],
        "delegation_problem": _delegation_problem(task),
        "delegation_cost": _delegation_cost(task),
        "task_money": _task_money(task),
        "logged_hours": logged_hours(
            owner_id=task.owner_id,
            since=clock.today() - timedelta(days=6),
            task_id=task.pk,
        ),
        "override_records": task.override_records.select_related("category", "by")[:20],
        "notes": task.notes.select_related("author")[:20],
    }
    return render(request, "tasks/task_detail.html", ctx, status=status)


def _task_money(task) -> dict | None:
    """Worth, cost and net of an open task, on the owner's rates (a consultant sees theirs)."""
    if task.status == task.DONE:
        return None
    found = money_reads.task_money(task=task, profile=founder_profile(user=task.owner))
    return {
        **found,
        "price_sentence": money_text.price_sentence(found["price"], task.effective_route),
        "above": money_text.above_sentence(found["price"], found["buyback_rate"]),
        "left_out": money_text.left_out_sentence(found["left_out"]),
    }


def _delegation_cost(task) -> dict | None:
    """A running delegation's cost on the budget's basis (per month), the week beside it."""
    if task.status != task.DELEGATED or task.delegate_rate is None:
        return None
    weekly = task.hours_per_week * task.delegate_rate
    return {"weekly": weekly, "monthly": buyback.monthly(weekly)}


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
    form = DelegationForm(request.POST, owner=request.user, task=task)
    # confirm=1 comes from the "delegate anyway" button, once the reasons were shown.
    ask = request.POST.get("confirm") != "1" and _delegation_problem(task) is None
    if form.is_valid() and ask:
        warnings = services.delegation_warnings(
            task=task,
            delegate=form.cleaned_data["delegate"],
            hourly_rate=form.cleaned_data["hourly_rate"],
        )
        if warnings:
            # Asked on the server, so it works without JavaScript: the same form again, with
            # the reasons and a "delegate anyway" that sends confirm=1.
            return _render_detail(request, task, delegation_form=form, warnings=warnings)
    if form.is_valid():
        send = form.cleaned_data.get("send_instruction", False)
        delegate = form.cleaned_data["delegate"]
        if send and not _may_mail(request, delegate):
            send = False
            messages.error(
                request,
                _(
                    "The work instruction was not sent: confirm your email address, or wait a "
                    "little, then send it from the instruction's page."
                ),
            )
        try:
            task = services.delegation_start(
                task=task,
                delegate=form.cleaned_data["delegate"],
                start_date=form.cleaned_data["start_date"],
                hourly_rate=form.cleaned_data["hourly_rate"],
                send_instruction=send,
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            sent_to = task.instruction_sent_to  # type: ignore[attr-defined]
            if sent_to:
                messages.success(
                    request,
                    _("Task delegated; the work instruction is on its way to %(email)s.")
                    % {"email": sent_to},
                )
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
def task_let_go(request, pk):
    """The founder dropped the task or automated it: bought back, at no cost."""
    task = get_task_for_user(request, pk)
    try:
        task = services.task_let_go(task=task, outcome=request.POST.get("outcome", "")[:20])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("task_detail", pk=task.pk)
    hours = hours_text(task.hours_per_week)
    if task.status == task.DROPPED:
        messages.success(request, _("Dropped: %(hours)s h a week bought back.") % {"hours": hours})
    else:
        messages.success(
            request, _("Automated: %(hours)s h a week bought back.") % {"hours": hours}
        )
    return redirect("task_detail", pk=task.pk)


@login_required
@require_POST
def task_reopen(request, pk):
    task = get_task_for_user(request, pk)
    services.delegation_end(task=task, done=False)
    messages.success(request, _("Back in your inventory."))
    return redirect("task_detail", pk=task.pk)


def _may_mail(request, delegate) -> bool:
    """Sending the instruction with the delegation: the same rules as "Send to …"."""
    return bool(delegate.email) and (
        mailing.may_cause_mail(request.user)
        and mailing.allowed(
            request,
            (ratelimit.FOUNDER_MAIL, f"founder:{request.user.pk}"),
            mailing.to(delegate.email),
        )
    )
