"""What the data is: founders and their profiles, categories, tasks, delegates, digests.

Rules (classification, buyback arithmetic) live in the pure modules classifier.py and
buyback.py; writes go through services.py.
"""

from tasks.models.accounts import (  # noqa: F401
    Profile,
    User,
    UserManager,
)
from tasks.models.choices import (  # noqa: F401
    AREA_CHOICES,
    DELEGATE_KIND_CHOICES,
    LANGUAGE_CHOICES,
    ROUTE_CHOICES,
    TIME_UNIT_CHOICES,
    TIME_ZONE_CHOICES,
    WEEKDAY_CHOICES,
    hours_in_a_week,
    not_negative,
    one_to_five,
)
from tasks.models.digest import (  # noqa: F401
    WeeklyDigest,
)
from tasks.models.work import (  # noqa: F401
    HANDOVER_GATE_MESSAGE,
    VA_ROUTE,
    Category,
    Delegate,
    OverrideRecord,
    Task,
    TaskQuerySet,
)
