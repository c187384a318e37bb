"""Every write to founders, tasks and delegates goes through here (views, admin, commands).

Classification depends on all of a founder's open hours (the overloaded rule), so any change
to a task or a profile re-runs it for all of that founder's tasks, in a constant number of
queries.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Profile, User
from digest import schedule
from digest import services as digest
from tasks import classifier
from tasks.models import HANDOVER_GATE_MESSAGE, Category, Delegate, OverrideRecord, Task

TASK_FIELDS = ("title", "area", "hours_per_week", "recurring", "skill", "enjoyment", "core")
CLASSIFIED_FIELDS = ["category", "route", "reasons", "override_route"]
DIGEST_SCHEDULE_FIELDS = ("digest_enabled", "digest_weekday", "digest_hour", "time_zone")


def founder_signup(*, email: str, password: str, language: str = "en") -> User:
    with transaction.atomic():
        user = User.objects.create_user(email=email, password=password)
        profile = Profile(user=user, language=language)
        # First digest: this week's slot if it is still ahead, else next week's.
        now, plan = timezone.now(), profile.digest_schedule()
        profile.next_digest_at = schedule.next_digest_at(
            now, plan, sent_this_week=schedule.is_due(now, plan)
        )
        profile.save()
    return user


def founder_profile(*, user: User) -> Profile:
    """The user's profile, created on first use (consultants and superusers may lack one)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def reasons_to_json(reasons) -> list[dict]:
    return [{"code": r.code, "params": {k: _jsonable(v) for k, v in r.values}} for r in reasons]


def _jsonable(value):
    return str(value) if isinstance(value, Decimal) else value


def tasks_reclassify(*, owner: User) -> int:
    """Re-run the rules for all of the founder's tasks; returns how many changed."""
    profile = founder_profile(user=owner)
    changed = classify_founder_tasks(list(Task.objects.filter(owner=owner)), profile=profile)
    Task.objects.bulk_update(changed, CLASSIFIED_FIELDS, batch_size=500)
    return len(changed)


def classify_founder_tasks(tasks: list[Task], *, profile: Profile) -> list[Task]:
    """Classify all of one founder's tasks in memory; returns those whose result changed."""
    thresholds = profile.thresholds()
    planned = sum((t.hours_per_week for t in tasks if t.status in Task.OPEN_STATUSES), Decimal("0"))
    overloaded = classifier.is_overloaded(planned, profile.weekly_capacity)
    changed = []
    for task in tasks:
        result = classifier.classify(
            task.as_input(),
            overloaded=overloaded,
            thresholds=thresholds,
            planned=planned,
            capacity=profile.weekly_capacity,
        )
        new = {
            "category_id": result.category,
            "route": result.route,
            "reasons": reasons_to_json(result.reasons),
            "override_route": (
                classifier.route_for(task.override_category_id, task.as_input(), thresholds)
                if task.override_category_id
                else ""
            ),
        }
        if any(getattr(task, key) != value for key, value in new.items()):
            for key, value in new.items():
                setattr(task, key, value)
            changed.append(task)
    return changed


def _validated(task: Task) -> Task:
    # The classifier fills category and route; validate what the founder entered.
    task.full_clean(exclude=["category", "route", "reasons"])
    return task


def _new_task(owner: User, values: dict) -> Task:
    """A validated, unsaved task; its category is a placeholder until tasks_reclassify."""
    task = Task(owner=owner, **{k: values[k] for k in TASK_FIELDS})
    task.category_id, task.route = classifier.KEEP, classifier.KEEP
    return _validated(task)


@transaction.atomic
def task_create(*, owner: User, **fields) -> Task:
    task = _new_task(owner, fields)
    task.save()
    tasks_reclassify(owner=owner)
    task.refresh_from_db()
    return task


@transaction.atomic
def task_update(*, task: Task, **fields) -> Task:
    for key in TASK_FIELDS:
        if key in fields:
            setattr(task, key, fields[key])
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


@transaction.atomic
def tasks_import(*, owner: User, rows) -> list[Task]:
    """Create tasks from already-validated classifier.TaskInput rows, all or nothing."""
    created = [_new_task(owner, vars(row)) for row in rows]
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


@transaction.atomic
def delegation_start(
    *, task: Task, delegate: Delegate, start_date: date, hourly_rate: Decimal | None = None
) -> Task:
    task = Task.objects.select_for_update().get(pk=task.pk)
    if delegate.owner_id != task.owner_id:
        raise ValidationError({"delegate": _("Choose one of your own delegates.")})
    delegation_check(task=task)
    task.status = Task.DELEGATED
    task.delegate = delegate
    task.delegated_on = start_date
    task.delegate_rate = delegate.hourly_rate if hourly_rate is None else hourly_rate
    _validated(task).save()
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
    tasks_reclassify(owner=task.owner)
    return task


@transaction.atomic
def profile_update(*, profile: Profile, **fields) -> Profile:
    before = [getattr(profile, key) for key in DIGEST_SCHEDULE_FIELDS]
    for key, value in fields.items():
        setattr(profile, key, value)
    profile.full_clean(exclude=["user", "consultants"])
    if [getattr(profile, key) for key in DIGEST_SCHEDULE_FIELDS] != before:
        # The digest claim compares and swaps on this value; keep it in step with the choice.
        profile.next_digest_at = digest.digest_next_at(profile=profile, now=timezone.now())
    profile.save()
    tasks_reclassify(owner=profile.user)
    return profile


def profile_set_language(*, profile: Profile, language: str) -> Profile:
    """The language switch: only the language changes, so nothing is re-classified."""
    profile.language = language
    profile.save(update_fields=["language"])
    return profile


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
