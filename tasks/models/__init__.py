"""What the data is: categories, tasks, delegates and the override trail.

Founders and profiles live in accounts.models, the digest ledger in digest.models.

Rules (classification, buyback arithmetic) live in the pure modules classifier.py and
buyback.py; writes go through services.py.
"""

from tasks.choices import (  # noqa: F401
    AREA_CHOICES,
    DELEGATE_KIND_CHOICES,
    LANGUAGE_CHOICES,
    ROUTE_CHOICES,
    TIME_UNIT_CHOICES,
    WEEKDAY_CHOICES,
    hours_in_a_week,
    not_negative,
    one_to_five,
    sensible_date,
)
from tasks.models.delegates import Delegate  # noqa: F401
from tasks.models.notes import TaskNote  # noqa: F401
from tasks.models.overrides import OverrideRecord  # noqa: F401
from tasks.models.work import (  # noqa: F401
    HANDOVER_GATE_MESSAGE,
    Category,
    Task,
    TaskQuerySet,
)
