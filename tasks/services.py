"""Every write to founders, tasks and delegates goes through here (views, admin, commands).

Classification depends on all of a founder's open hours (the overloaded rule), so any change
to a task or a profile re-runs it for all of that founder's tasks, in a constant number of
queries.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import founder_profile
from tasks import buyback, catalogue, classifier, csv_rows, how_often, signals, twins
from tasks.classification import classify_founder_tasks
from tasks.models import HANDOVER_GATE_MESSAGE, Category, Delegate, OverrideRecord, Task
from tasks.selectors import founder_buyback

TASK_FIELDS = (
    "title",
    "area",
    "hours_per_week",
    "recurring",
    "skill",
    "enjoyment",
    "money_rating",
    "core",
    "outcome",
    "outcome_tool",
)
# The time as given ("2" a "month"); hours_per_week is derived from it when it is given.
TIME_FIELDS = ("time_amount", "time_unit")
CLASSIFIED_FIELDS = ["category", "route", "reasons", "override_route"]


def tasks_reclassify(*, owner: User) -> int:
    """Re-run the rules for the founder's open tasks; returns how many changed. Done tasks
    keep the result they were finished with (a reopened one is open again, and re-run)."""
    profile = founder_profile(user=owner)
    tasks = Task.objects.filter(owner=owner, status__in=Task.OPEN_STATUSES)
    changed = classify_founder_tasks(list(tasks), profile=profile)
    Task.objects.bulk_update(changed, CLASSIFIED_FIELDS, batch_size=500)
    return len(changed)


def _validated(task: Task) -> Task:
    # The classifier fills category and route; validate what the founder entered. The owner
    # is the signed-in founder the service was given, not input: checking that it exists
    # cost one query per task (600 for a 600-row import); the foreign key still holds.
    task.full_clean(exclude=["category", "route", "reasons", "owner"])
    return task


def _apply_catalogue(task: Task) -> None:
    """What the task catalogue calls typical for the title, stored as suggestions beside the
    founder's own values (which always win); nothing when nothing matches."""
    found = catalogue.match(task.title)
    entry = found.entry if found else None
    task.catalogue_key = entry.key if entry else ""
    suggested = catalogue.suggestion(entry) if entry else None
    task.suggested_core = suggested.core if suggested else None
    task.suggested_skill = suggested.skill if suggested else None
    task.suggested_outcome = entry.outcome if entry else ""
    task.suggested_tool = entry.tool if entry else ""


def _set_time(task: Task, fields: dict) -> None:
    """Hours per week from the time as given, or the time as given from hours per week.

    How often decides recurring ("once" is a one-off project) unless recurring is given
    explicitly (a CSV column, the admin)."""
    if fields.get("time_amount") is not None:
        task.time_amount = fields["time_amount"]
        task.time_unit = fields.get("time_unit") or how_often.WEEK
        if task.time_unit not in how_often.UNITS:
            raise ValidationError(
                {"time_unit": _("Choose a day, week, month, quarter or year, or once.")}
            )
        task.hours_per_week = how_often.hours_per_week(task.time_amount, task.time_unit)
        if fields.get("recurring") is None:
            task.recurring = how_often.is_recurring(task.time_unit)
        if not 0 <= task.hours_per_week <= csv_rows.MAX_HOURS:
            raise ValidationError({"time_amount": _("That is more than the 168 hours of a week.")})
    elif fields.get("hours_per_week") is not None:
        task.hours_per_week = fields["hours_per_week"]
        task.time_amount, task.time_unit = fields["hours_per_week"], how_often.WEEK


def _new_task(owner: User, values: dict) -> Task:
    """A validated, unsaved task; its category is a placeholder until tasks_reclassify.

    Skill, enjoyment and core may be missing or None (not rated); the area defaults to the
    catalogue's, else "other" (a quick capture gives only a title and the time).
    """
    task = Task(
        owner=owner,
        title=values["title"],
        area=values.get("area") or "other",
        recurring=bool(values.get("recurring")),
        skill=values.get("skill"),
        enjoyment=values.get("enjoyment"),
        core=values.get("core"),
    )
    _apply_catalogue(task)
    if not values.get("area") and task.catalogue_key:
        task.area = catalogue.by_key()[task.catalogue_key].area
    _set_time(task, values)
    task.category_id, task.route = classifier.KEEP, classifier.KEEP
    return _validated(task)


def _new_tasks(owner: User, rows: list[dict]) -> list[Task]:
    """Validated, unsaved tasks; their category is a placeholder until tasks_reclassify.

    Every way of adding tasks comes through here, so every way meets the open-tasks limit.
    Call inside a transaction: the founder's row is locked, so two imports at once cannot
    both pass the count."""
    User.objects.select_for_update().filter(pk=owner.pk).first()
    _check_task_limits(owner, adding=len(rows))
    return [_new_task(owner, values) for values in rows]


def _check_task_limits(owner: User, *, adding: int) -> None:
    """The limits of open tasks (settings.OPEN_TASKS_MAX) and of all tasks, finished ones
    included (settings.TASKS_MAX), for every way of adding tasks: one count query."""
    counts = Task.objects.filter(owner=owner).aggregate(
        all=Count("pk"), open=Count("pk", filter=Q(status__in=Task.OPEN_STATUSES))
    )
    if counts["all"] + adding > settings.TASKS_MAX:
        raise ValidationError(
            _(
                "You have %(count)s tasks, finished ones included, and can keep at most "
                "%(max)s. Delete finished tasks you no longer need before you add more."
            )
            % {"max": settings.TASKS_MAX, "count": counts["all"]},
            code="tasks_max",
        )
    open_now = counts["open"]
    if open_now + adding > settings.OPEN_TASKS_MAX:
        raise ValidationError(
            _(
                "You can have at most %(max)s open tasks, and you have %(count)s. Finish or "
                "delete some before you add more."
            )
            % {"max": settings.OPEN_TASKS_MAX, "count": open_now},
            code="open_tasks_max",
        )


@transaction.atomic
def task_create(*, owner: User, **fields) -> Task:
    [task] = _new_tasks(owner, [fields])
    task.save()
    tasks_reclassify(owner=owner)
    task.refresh_from_db()
    return task


@transaction.atomic
def task_update(*, task: Task, **fields) -> Task:
    title_before = task.title
    for key in TASK_FIELDS:
        if key in fields and key != "hours_per_week":
            setattr(task, key, fields[key])
    if task.title != title_before or not task.catalogue_key:
        _apply_catalogue(task)
    _set_time(task, fields)
    _validated(task).save()
    tasks_reclassify(owner=task.owner)
    task.refresh_from_db()
    return task


@transaction.atomic
def task_delete(*, task: Task) -> None:
    tasks_delete(queryset=Task.objects.filter(pk=task.pk))


@transaction.atomic
def tasks_delete(*, queryset) -> None:
    """Delete tasks (of one founder or several) and re-classify what their founders keep."""
    founders = list(User.objects.filter(pk__in=queryset.values("owner_id")))
    queryset.delete()
    for founder in founders:
        tasks_reclassify(owner=founder)


NO_DELEGATION = {"delegate": None, "delegated_on": None, "delegate_rate": None}


@transaction.atomic
def tasks_finish(*, owner: User, ids: list[int]) -> int:
    """Mark several of the founder's tasks done at once; returns how many changed."""
    tasks = Task.objects.filter(owner=owner, pk__in=ids, status__in=Task.OPEN_STATUSES)
    ended = list(tasks.filter(status=Task.DELEGATED).values_list("pk", flat=True))
    count = tasks.update(status=Task.DONE, **NO_DELEGATION)
    signals.delegation_ended.send(sender=Task, task_ids=ended)
    tasks_reclassify(owner=owner)
    return count


@transaction.atomic
def tasks_reopen(*, owner: User, ids: list[int]) -> int:
    """Take several done, delegated, dropped or automated tasks back: to ready where a work
    instruction is published, else to the inventory (as delegation_end does for one)."""
    taken_back = (Task.DONE, Task.DELEGATED, *Task.LET_GO_STATUSES)
    tasks = Task.objects.filter(owner=owner, pk__in=ids, status__in=taken_back)
    ended = list(tasks.filter(status=Task.DELEGATED).values_list("pk", flat=True))
    ready_ids = list(tasks.filter(twins.has_published_instruction()).values_list("pk", flat=True))
    count = tasks.filter(pk__in=ready_ids).update(status=Task.READY, **NO_DELEGATION)
    count += tasks.exclude(pk__in=ready_ids).update(status=Task.INVENTORY, **NO_DELEGATION)
    signals.delegation_ended.send(sender=Task, task_ids=ended)
    tasks_reclassify(owner=owner)
    return count


@transaction.atomic
def task_let_go(*, task: Task, outcome: str) -> Task:
    """The founder dropped the task or had a tool take it over (Ferriss: before delegating):
    its hours count as bought back, at no cost. Their word on the outcome is kept."""
    if outcome not in catalogue.OUTCOMES:
        raise ValidationError({"outcome": _("Choose drop or automate.")})
    task = Task.objects.select_for_update().get(pk=task.pk)
    if task.status not in buyback.MOVE_STATUSES:
        raise ValidationError(
            _("Only a task in the inventory or ready can be dropped or automated.")
        )
    if outcome != task.effective_outcome:
        task.outcome, task.outcome_tool = outcome, ""
    elif not task.outcome:
        task.outcome, task.outcome_tool = outcome, task.suggested_tool
    task.status = buyback.let_go_status(outcome)
    _validated(task).save()
    tasks_reclassify(owner=task.owner)  # fewer open hours: the overloaded rule may change
    task.refresh_from_db()
    return task


@transaction.atomic
def tasks_import(*, owner: User, rows) -> list[Task]:
    """Create tasks from already-validated classifier.TaskInput rows, all or nothing."""
    created = _new_tasks(owner, [vars(row) for row in rows])
    Task.objects.bulk_create(created, batch_size=500)
    tasks_reclassify(owner=owner)
    return created


@transaction.atomic
def task_override(*, task: Task, category: str, reason: str, by: User) -> Task:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you override the category.")})
    if not Category.objects.filter(code=category).exists():
        raise ValidationError({"category": _("Choose one of the four categories.")})
    task.override_category_id = category
    task.override_route = classifier.route_for(
        category, task.as_input(), founder_profile(user=task.owner).thresholds()
    )
    task.override_reason = reason
    task.override_by = by
    task.override_at = timezone.now()
    task.save()
    OverrideRecord.objects.create(
        task=task, category_id=category, reason=reason, by=by, at=task.override_at
    )
    return task


@transaction.atomic
def task_override_clear(*, task: Task, by: User | None = None) -> Task:
    if task.is_overridden:
        OverrideRecord.objects.create(task=task, category=None, by=by)
    task.override_category = None
    task.override_route = ""
    task.override_reason = ""
    task.override_by = None
    task.override_at = None
    task.save()
    return task


def task_instruction_published(*, task_id: int) -> None:
    """A work instruction was published for the task: inventory → ready, nothing else moves."""
    Task.objects.filter(pk=task_id, status=Task.INVENTORY).update(status=Task.READY)


def task_run_recorded(*, task_id: int, performed_on: date) -> None:
    """Remember the latest run. Only forward: a late entry for an older date must not hide a
    newer run."""
    earlier = Q(last_run_on__isnull=True) | Q(last_run_on__lt=performed_on)
    Task.objects.filter(earlier, pk=task_id).update(last_run_on=performed_on)


def delegation_check(*, task: Task) -> None:
    """Raise ValidationError when the task may not be handed off yet (the handover gate)."""
    if task.effective_route == classifier.KEEP:
        raise ValidationError(_("This task is yours to keep; override its category first."))
    if task.status not in (Task.INVENTORY, Task.READY):
        raise ValidationError(_("Only a task in the inventory or ready can be delegated."))
    if task.needs_instruction():
        raise ValidationError(HANDOVER_GATE_MESSAGE, code="needs_instruction")


def delegation_warnings(
    *, task: Task, delegate: Delegate, hourly_rate: Decimal | None = None
) -> list[buyback.DelegationWarning]:
    """Why this delegation deserves a second look: the wrong kind of delegate for the route,
    a rate above the founder's buyback rate, a month's cost beyond the budget."""
    profile = founder_profile(user=task.owner)
    plan = buyback.Delegation(
        kind=delegate.kind,
        route=task.effective_route,
        hours=task.hours_per_week,
        rate=delegate.hourly_rate if hourly_rate is None else hourly_rate,
        hourly_value=profile.hourly_value,
        monthly_cost_now=founder_buyback(profile=profile).monthly_cost,
        monthly_budget=profile.monthly_budget,
    )
    return buyback.delegation_warnings(plan)


@transaction.atomic
def delegation_start(
    *,
    task: Task,
    delegate: Delegate,
    start_date: date,
    hourly_rate: Decimal | None = None,
    send_instruction: bool = False,
    note: str = "",
) -> Task:
    """Hand the task off; the work instruction's link goes with it (tasks.signals), emailed
    to the delegate when send_instruction is set."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if delegate.owner_id != task.owner_id:
        raise ValidationError({"delegate": _("Choose one of your own delegates.")})
    delegation_check(task=task)
    task.status = Task.DELEGATED
    task.delegate = delegate
    task.delegated_on = start_date
    task.delegate_rate = delegate.hourly_rate if hourly_rate is None else hourly_rate
    _validated(task).save()
    answers = signals.delegation_started.send(
        sender=Task, task=task, delegate=delegate, send_instruction=send_instruction, note=note
    )
    # For the view's message: where the instruction went ("" when it was not sent).
    task.instruction_sent_to = next((a for _r, a in answers if a), "")  # type: ignore[attr-defined]
    return task


@transaction.atomic
def delegation_end(*, task: Task, done: bool) -> Task:
    """Finish the task, or take it back: to ready when its work instruction is published."""
    if done:
        task.status = Task.DONE
    else:
        task.status = Task.READY if task.has_published_instruction() else Task.INVENTORY
    task.delegate = None
    task.delegated_on = None
    task.delegate_rate = None
    task.save()
    signals.delegation_ended.send(sender=Task, task_ids=[task.pk])
    tasks_reclassify(owner=task.owner)
    return task


@transaction.atomic
def delegate_save(*, delegate: Delegate) -> Delegate:
    delegate.full_clean()
    delegate.save()
    return delegate


@transaction.atomic
def delegate_delete(*, delegate: Delegate) -> None:
    if delegate.tasks.filter(status=Task.DELEGATED).exists():
        raise ValidationError(
            _("%(name)s still has delegated tasks; take them back first.") % {"name": delegate.name}
        )
    delegate.tasks.update(delegate=None)
    delegate.delete()
