"""Writing a confirmed import: the previewed rows created or merged into the founder's tasks,
all or nothing (the task services' own checks and classification apply)."""

from django.db import transaction

from accounts.models import Profile, User
from tasks import how_often
from tasks.models import Task
from tasks.services import (
    TIME_FIELDS,
    _check_task_limits,
    _new_task,
    _set_time,
    _validated,
    tasks_reclassify,
)


def _normal_title(title: str) -> str:
    return " ".join(title.split()).casefold()


@transaction.atomic
def tasks_import_confirm(
    *, owner: User, rows, choices: list[dict], merge_into: list | None = None
) -> tuple[int, int]:
    """Create or update the previewed rows as the founder chose, all or nothing.

    `choices[i]` for `rows[i]`: {"action": "import" | "merge" | "skip", "area", "recurring",
    "skill", "enjoyment", "core", "take"}. A row whose title matches an existing task (case
    and spaces ignored) updates it, so an import never duplicates a task; "merge" updates
    `merge_into[i]` (the task with a near-identical title, by id). An update keeps the
    founder's hours, area, recurring and core unless the field is in "take", and keeps the
    unit the founder gave the time in; a rating chosen in the preview replaces the task's.
    Returns (created, updated).
    """
    # One import per founder at a time: a second confirmation (a double click) waits here,
    # then finds the first one's tasks and updates them instead of creating them again.
    Profile.objects.select_for_update().filter(user=owner).first()
    tasks = list(Task.objects.filter(owner=owner))
    existing = {_normal_title(t.title): t for t in tasks}
    by_id = {t.pk: t for t in tasks}
    merge_into = merge_into or [None] * len(rows)
    new, changed = [], []
    for row, choice, merge_id in zip(rows, choices, merge_into, strict=True):
        if choice["action"] not in ("import", "merge"):
            continue
        values = {**vars(row), **{k: choice[k] for k in ("area", "recurring", "core")}}
        # An unticked core box keeps what the file said: "no", or nothing (not rated, so
        # the catalogue may suggest), never turns "nothing" into "no".
        values["core"] = True if choice["core"] else (False if row.core is False else None)
        for rating in ("skill", "enjoyment"):
            values[rating] = choice[rating] if choice[rating] is not None else values[rating]
        task = existing.get(_normal_title(row.title))
        if choice["action"] == "merge" and merge_id in by_id:
            task = by_id[merge_id]
        if task is None:
            task = _new_task(owner, values)
            existing[_normal_title(row.title)] = task
            new.append(task)
            continue
        _update_from_file(task, row, values, take=set(choice.get("take") or ()))
        if task not in changed:
            changed.append(_validated(task))
    _check_task_limits(owner, adding=len(new))
    Task.objects.bulk_create(new, batch_size=500)
    fields = ["area", "recurring", "core", "skill", "enjoyment", "hours_per_week"]
    Task.objects.bulk_update(changed, fields + list(TIME_FIELDS), batch_size=500)
    tasks_reclassify(owner=owner)
    return len(new), len(changed)


def _update_from_file(task: Task, row, values: dict, *, take: set[str]) -> None:
    """The file's value only where the founder ticked it; ratings chosen in the preview."""
    for key in ("area", "recurring", "core"):
        if key in take:
            setattr(task, key, getattr(row, key))
    for rating in ("skill", "enjoyment"):
        if values[rating] is not None:  # the preview's choice, else the file's
            setattr(task, rating, values[rating])
    if "hours" in take:
        _, unit = task.amount_as_given
        amount = how_often.amount_in_unit(row.hours_per_week, unit)
        _set_time(task, {"time_amount": amount, "time_unit": unit})
