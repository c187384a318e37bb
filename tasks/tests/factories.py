"""Small builders for tests: a task with sensible defaults, created through the service."""

from decimal import Decimal

from tasks import services
from tasks.buyback import Rates
from tasks.models import Delegate

# A new founder's rates (the profile's defaults), for the rules' tests without a database.
RATES = Rates(
    hourly_value=Decimal("100"),
    weekly_capacity=Decimal("40"),
    monthly_budget=Decimal("1000"),
    default_va_rate=Decimal("15"),
    default_specialist_rate=Decimal("60"),
)

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
