"""The choices and validators of a founder's account and profile."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from accounts import money, zones

LANGUAGE_CHOICES = [("en", "English"), ("de", "Deutsch")]
WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def time_zone_choices() -> list[tuple[str, str]]:
    # A callable, so migrations do not freeze the ~600 zones of today's tzdata.
    return [(tz, tz) for tz in zones.TIME_ZONES]


def currency_choices() -> list[tuple[str, str]]:
    # Stored as the ISO 4217 code (forms show the name in the reader's language); a callable
    # for the same reason as the zones.
    return [(code, code) for code in money.CURRENCIES]


one_to_five = [MinValueValidator(1), MaxValueValidator(5)]
hours_in_a_week = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("168"))]
not_negative = [MinValueValidator(Decimal("0"))]
