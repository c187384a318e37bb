"""What the data is: founders and their profiles, categories, tasks, delegates.

Rules (classification, buyback arithmetic) live in the pure modules classifier.py and
buyback.py; writes go through services.py.
"""

import zoneinfo
from decimal import Decimal

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tasks import buyback, classifier, schedule

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
TIME_ZONE_CHOICES = [(tz, tz) for tz in sorted(zoneinfo.available_timezones())]

one_to_five = [MinValueValidator(1), MaxValueValidator(5)]
hours_in_a_week = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("168"))]
not_negative = [MinValueValidator(Decimal("0"))]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """Founders, consultants and superusers all log in by email."""

    username = None
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self):
        return self.email


class Profile(models.Model):
    """A founder's numbers and preferences: what their hour is worth, how much they can carry."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    hourly_value = models.DecimalField(
        _("hourly value"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("100"),
        validators=not_negative,
        help_text=_("What an hour of your time is worth to your business."),
    )
    weekly_capacity = models.DecimalField(
        _("weekly capacity (hours)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("40"),
        validators=hours_in_a_week,
    )
    monthly_budget = models.DecimalField(
        _("monthly delegation budget"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1000"),
        validators=not_negative,
    )
    default_va_rate = models.DecimalField(
        _("default virtual assistant rate (per hour)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("15"),
        validators=not_negative,
    )
    default_specialist_rate = models.DecimalField(
        _("default specialist rate (per hour)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("60"),
        validators=not_negative,
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/Berlin"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES, default="en")
    digest_enabled = models.BooleanField(_("send me the weekly digest"), default=True)
    digest_weekday = models.PositiveSmallIntegerField(
        _("digest weekday"), choices=WEEKDAY_CHOICES, default=0
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        default=8,
        validators=[MinValueValidator(0), MaxValueValidator(23)],
        help_text=_("In your time zone, 0–23."),
    )
    # When the next digest is due (UTC); the claim is a compare-and-swap on this value, so
    # two beats or two workers never claim the same week. Empty: not computed yet (e.g. a
    # bulk-created profile); the next beat computes it. Kept by services.profile_update.
    next_digest_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    hate_max = models.PositiveSmallIntegerField(
        _("hate threshold (enjoyment at most)"), default=2, validators=one_to_five
    )
    skill_gap_max = models.PositiveSmallIntegerField(
        _("skill gap threshold (skill at most)"), default=2, validators=one_to_five
    )
    time_eater_min_hours = models.DecimalField(
        _("time eater threshold (hours per week at least)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.0"),
        validators=hours_in_a_week,
    )
    # Consultants coaching this founder; a founder may have several.
    consultants = models.ManyToManyField(
        User, related_name="clients", blank=True, verbose_name=_("consultants")
    )

    class Meta:
        verbose_name = _("founder profile")
        verbose_name_plural = _("founder profiles")

    def __str__(self):
        return str(self.user)

    def thresholds(self) -> classifier.Thresholds:
        return classifier.Thresholds(
            hate_max=self.hate_max,
            skill_gap_max=self.skill_gap_max,
            time_eater_min_hours=self.time_eater_min_hours,
        )

    def digest_schedule(self) -> schedule.Schedule:
        return schedule.Schedule(
            weekday=self.digest_weekday, hour=self.digest_hour, time_zone=self.time_zone
        )

    def rates(self) -> buyback.Rates:
        return buyback.Rates(
            hourly_value=self.hourly_value,
            weekly_capacity=self.weekly_capacity,
            monthly_budget=self.monthly_budget,
            default_va_rate=self.default_va_rate,
            default_specialist_rate=self.default_specialist_rate,
        )


class Category(models.Model):
    """The article's three kinds of outsourcing, plus the core the founder keeps."""

    code = models.CharField(max_length=10, primary_key=True)
    position = models.PositiveSmallIntegerField(default=0)
    name_en = models.CharField(max_length=60)
    name_de = models.CharField(max_length=60)
    description_en = models.TextField()
    description_de = models.TextField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_de if (get_language() or "en").startswith("de") else self.name_en

    @property
    def description(self) -> str:
        de = (get_language() or "en").startswith("de")
        return self.description_de if de else self.description_en


class Delegate(models.Model):
    """Someone the founder hands work to: a VA, a project freelancer, an agency or specialist."""

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="delegates")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=DELEGATE_KIND_CHOICES)
    email = models.EmailField(_("email"), blank=True)
    areas = models.JSONField(_("areas"), default=list, blank=True)
    hourly_rate = models.DecimalField(
        _("hourly rate"), max_digits=8, decimal_places=2, validators=not_negative
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")

    def __str__(self):
        return self.name

    def area_labels(self) -> list[str]:
        labels = dict(AREA_CHOICES)
        return [str(labels.get(a, a)) for a in self.areas]

    def clean(self):
        unknown = [a for a in self.areas or [] if a not in classifier.AREAS]
        if unknown:
            raise ValidationError({"areas": _("Unknown area: %s") % ", ".join(unknown)})


HANDOVER_GATE_MESSAGE = _(
    "A virtual assistant takes over routine work only with a published work instruction: "
    "write and publish it first."
)
# The effective route is virtual_assistant: the override's route, else the computed one.
VA_ROUTE = models.Q(override_route=classifier.VIRTUAL_ASSISTANT) | models.Q(
    override_route="", route=classifier.VIRTUAL_ASSISTANT
)


class TaskQuerySet(models.QuerySet):
    """Bulk writes meet the handover gate too, so no path can skip the work instruction."""

    def update(self, **kwargs):
        if kwargs.get("status") == Task.DELEGATED:
            ungated = self.filter(VA_ROUTE).exclude(instruction__versions__isnull=False)
            if ungated.exists():
                raise ValidationError(HANDOVER_GATE_MESSAGE)
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.check_handover_gate()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "status" in fields:
            for obj in objs:
                obj.check_handover_gate()
        return super().bulk_update(objs, fields, *args, **kwargs)


class Task(models.Model):
    """One thing on the founder's plate, with its computed category, route and reasons."""

    INVENTORY, READY, DELEGATED, DONE = "inventory", "ready", "delegated", "done"
    STATUS_CHOICES = [
        (INVENTORY, _("Inventory")),
        (READY, _("Ready to hand off")),
        (DELEGATED, _("Delegated")),
        (DONE, _("Done")),
    ]
    OPEN_STATUSES = (INVENTORY, READY, DELEGATED)

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("title"), max_length=200)
    area = models.CharField(_("area"), max_length=20, choices=AREA_CHOICES)
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=5, decimal_places=2, validators=hours_in_a_week
    )
    recurring = models.BooleanField(_("recurring"), default=False)
    skill = models.PositiveSmallIntegerField(_("skill"), validators=one_to_five)
    enjoyment = models.PositiveSmallIntegerField(_("enjoyment"), validators=one_to_five)
    core = models.BooleanField(_("core"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=INVENTORY)

    # Computed by the classifier whenever the task or the founder's profile changes.
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    route = models.CharField(_("route"), max_length=20, choices=ROUTE_CHOICES)
    # [{"code": "hate", "params": {"enjoyment": 1}}, ...]; sentences are made at the edge.
    reasons = models.JSONField(default=list, blank=True)

    # A founder's or consultant's override; the computed result above stays visible.
    override_category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("override category"),
    )
    override_route = models.CharField(max_length=20, choices=ROUTE_CHOICES, blank=True)
    override_reason = models.TextField(_("override reason"), blank=True)
    override_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)

    # The current delegation, if any.
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("delegate"),
    )
    delegated_on = models.DateField(_("start date"), null=True, blank=True)
    delegate_rate = models.DecimalField(
        _("delegate's hourly rate"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=not_negative,
    )
    # Kept up to date by the work-instruction runs; the digest flags silent delegations.
    last_run_on = models.DateField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["-hours_per_week", "title"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The handover gate in the model layer: admin, import and shell meet it too.
        self.check_handover_gate()
        super().save(*args, **kwargs)

    def has_published_instruction(self) -> bool:
        # "instruction" is the reverse of sops.Instruction.task; versions are published ones.
        if self.pk is None:
            return False
        return Task.objects.filter(pk=self.pk, instruction__versions__isnull=False).exists()

    def check_handover_gate(self) -> None:
        """Refuse a delegated virtual-assistant task without a published work instruction."""
        if (
            self.status == self.DELEGATED
            and self.effective_route == classifier.VIRTUAL_ASSISTANT
            and not self.has_published_instruction()
        ):
            raise ValidationError(HANDOVER_GATE_MESSAGE)

    @property
    def effective_category_id(self) -> str:
        return self.override_category_id or self.category_id

    @property
    def effective_route(self) -> str:
        return self.override_route or self.route

    def get_effective_route_display(self) -> str:
        return str(dict(ROUTE_CHOICES).get(self.effective_route, self.effective_route))

    @property
    def is_overridden(self) -> bool:
        return self.override_category_id is not None

    def as_input(self) -> classifier.TaskInput:
        return classifier.TaskInput(
            title=self.title,
            area=self.area,
            hours_per_week=self.hours_per_week,
            recurring=self.recurring,
            skill=self.skill,
            enjoyment=self.enjoyment,
            core=self.core,
        )

    def figures(self) -> buyback.TaskFigures:
        return buyback.TaskFigures(
            hours=self.hours_per_week,
            category=self.effective_category_id,
            route=self.effective_route,
            status=self.status,
            delegate_rate=self.delegate_rate,
        )


class WeeklyDigest(models.Model):
    """One founder's "buy back your time" digest for one ISO week (in their time zone).

    The row is the ledger that makes the digest exactly once: it is created in the same
    transaction as the compare-and-swap on Profile.next_digest_at, and the unique constraint
    stops a second one for the same week whatever races. A sender moves it claimed → sending
    under a row lock before it talks to SMTP, so a redelivered task finds nothing to do.
    The row also keeps the week's buyback snapshot, for "change since last week" and trends.
    """

    CLAIMED, SENDING, SENT, FAILED = "claimed", "sending", "sent", "failed"
    STATE_CHOICES = [
        (CLAIMED, _("Claimed, waiting to be sent")),
        (SENDING, _("Sending")),
        (SENT, _("Sent")),
        (FAILED, _("Failed")),
    ]

    founder = models.ForeignKey(User, on_delete=models.CASCADE, related_name="weekly_digests")
    iso_year = models.PositiveSmallIntegerField(_("ISO year"))
    iso_week = models.PositiveSmallIntegerField(_("ISO week"))
    state = models.CharField(_("state"), max_length=10, choices=STATE_CHOICES, default=CLAIMED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When the row entered claimed or sending: a row stuck there longer than the claim
    # timeout (a worker killed mid-way) is picked up again.
    claimed_at = models.DateTimeField(_("claimed at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    # The week's buyback snapshot, taken when the digest is built (weekly figures).
    snapshot_at = models.DateTimeField(null=True, blank=True)
    hours_delegated = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    reclaimable_time = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    reclaimable_skill = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    reclaimable_smart = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    delegation_cost = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    bought_back_value = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    hours_kept = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    weekly_capacity = models.DecimalField(max_digits=5, decimal_places=1, null=True)

    class Meta:
        ordering = ["-iso_year", "-iso_week"]
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        constraints = [
            models.UniqueConstraint(
                fields=["founder", "iso_year", "iso_week"], name="one_digest_per_founder_week"
            )
        ]
        indexes = [models.Index(fields=["state", "claimed_at"])]

    def __str__(self):
        return f"{self.founder} {self.iso_year}-W{self.iso_week:02d} ({self.state})"

    @property
    def reclaimable_hours(self):
        parts = (self.reclaimable_time, self.reclaimable_skill, self.reclaimable_smart)
        return None if None in parts else sum(parts)


class OverrideRecord(models.Model):
    """One entry of a task's override trail: who set (or removed) which category, and why."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="override_records")
    # Empty when the override was removed and the computed category counts again.
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("override record")
        verbose_name_plural = _("override trail")

    def __str__(self):
        return f"{self.task}: {self.category or '—'}"
