"""The choices and validators the models share."""

import zoneinfo
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from tasks import classifier

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
    return [(tz, tz) for tz in sorted(zoneinfo.available_timezones())]


one_to_five = [MinValueValidator(1), MaxValueValidator(5)]
hours_in_a_week = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("168"))]
not_negative = [MinValueValidator(Decimal("0"))]
