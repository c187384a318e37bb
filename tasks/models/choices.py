"""The choices and validators the models share."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from tasks import classifier, money, zones

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
# Stored as the ISO 4217 code; forms show the name in the reader's language.
CURRENCY_CHOICES = [(code, code) for code in money.CURRENCIES]
TIME_ZONE_CHOICES = [(tz, tz) for tz in zones.TIME_ZONES]

one_to_five = [MinValueValidator(1), MaxValueValidator(5)]
hours_in_a_week = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("168"))]
not_negative = [MinValueValidator(Decimal("0"))]
