"""The choices and validators of tasks and delegates (the account's are in accounts.choices)."""

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.choices import (  # noqa: F401  (the models' choices, in one place)
    LANGUAGE_CHOICES,
    WEEKDAY_CHOICES,
    hours_in_a_week,
    not_negative,
    one_to_five,
)
from tasks import catalogue, classifier, how_often

# A money rating, $ to $$$$ (Dan Martell's time and energy audit).
one_to_four = [MinValueValidator(1), MaxValueValidator(4)]

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
# Ferriss: drop it or automate it before anyone is paid to do it (tasks/catalogue).
OUTCOME_CHOICES = [
    (catalogue.DROP, _("Drop it")),
    (catalogue.AUTOMATE, _("Automate it")),
]
OUTCOME_ROUTE = "route"
FOUNDER_OUTCOME_CHOICES = [
    *OUTCOME_CHOICES,
    (OUTCOME_ROUTE, _("Neither: hand it off or keep it as advised")),
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
    (how_often.ONCE, _("a week, once (a project)")),
]
# Dates a founder or delegate enters: a typo like year 9999 is refused, not stored (the
# admin's date hierarchy cannot even show it).
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2100, 12, 31)
DATE_RANGE_MESSAGE = _("Enter a date between the years 2000 and 2100.")
sensible_date = [
    MinValueValidator(FIRST_DATE, message=DATE_RANGE_MESSAGE),
    MaxValueValidator(LAST_DATE, message=DATE_RANGE_MESSAGE),
]
