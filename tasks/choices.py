"""The choices and validators the models share."""

from datetime import date
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from tasks import classifier, how_often, money, zones

# The short name of each kind of outsourcing, where a list of kinds is shown.
KIND_LABELS = {
    classifier.TIME: _("Time"),
    classifier.SKILL: _("Skill"),
    classifier.SMART: _("Smart"),
    classifier.KEEP: _("Keep"),
}
AREA_CHOICES = [
    ("admin", _("Admin")),
    ("customer_support", _("Customer support")),
    ("sales", _("Sales")),
    ("marketing", _("Marketing")),
    ("product", _("Product")),
    ("tech", _("Tech")),
    ("design", _("Design")),
    ("finance", _("Finance")),
    ("legal", _("Legal")),
    ("networking", _("Networking")),
    ("other", _("Other")),
]
ROUTE_CHOICES = [
    (classifier.VIRTUAL_ASSISTANT, _("Virtual assistant")),
    (classifier.PROJECT_FREELANCER, _("Project freelancer")),
    (classifier.SPECIALIST, _("Specialist")),
    (classifier.KEEP, _("Keep it yourself")),
]
DELEGATE_KIND_CHOICES = [
    (classifier.VIRTUAL_ASSISTANT, _("Virtual assistant")),
    (classifier.PROJECT_FREELANCER, _("Project freelancer")),
    (classifier.SPECIALIST, _("Agency / specialist")),
]
# "8 h a year": how often a task's time comes (tasks/how_often.py).
TIME_UNIT_CHOICES = [
    (how_often.DAY, _("a day")),
    (how_often.WEEK, _("a week")),
    (how_often.MONTH, _("a month")),
    (how_often.QUARTER, _("a quarter")),
    (how_often.YEAR, _("a year")),
]
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
# Dates a founder or delegate enters: a typo like year 9999 is refused, not stored (the
# admin's date hierarchy cannot even show it).
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2100, 12, 31)
DATE_RANGE_MESSAGE = _("Enter a date between the years 2000 and 2100.")
sensible_date = [
    MinValueValidator(FIRST_DATE, message=DATE_RANGE_MESSAGE),
    MaxValueValidator(LAST_DATE, message=DATE_RANGE_MESSAGE),
]
