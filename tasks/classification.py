"""One founder's tasks classified in memory (the rules of tasks.classifier with the founder's
thresholds, capacity and plan), and the reasons as stored JSON. The writes that store the
result are the services' (tasks.services.tasks_reclassify)."""

from decimal import Decimal

from accounts.models import Profile
from tasks import classifier
from tasks.models import Task


def reasons_to_json(reasons) -> list[dict]:
    return [{"code": r.code, "params": {k: _jsonable(v) for k, v in r.values}} for r in reasons]


def _jsonable(value):
    return str(value) if isinstance(value, Decimal) else value


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
