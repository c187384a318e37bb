"""Small builders for tests: a task with sensible defaults, created through the service."""

from decimal import Decimal

from tasks import services
from tasks.models import Delegate

TASK_DEFAULTS = {
    "title": "Inbox triage",
    "area": "admin",
    "hours_per_week": Decimal("5"),
    "recurring": True,
    "skill": 4,
    "enjoyment": 3,
    "core": False,
}


def make_task(owner, **fields):
    return services.task_create(owner=owner, **{**TASK_DEFAULTS, **fields})


def make_delegate(owner, **fields):
    defaults = {"name": "Maria", "kind": "virtual_assistant", "hourly_rate": Decimal("18")}
    return Delegate.objects.create(owner=owner, **{**defaults, **fields})
