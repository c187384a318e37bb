"""Categories and tasks (delegates in delegates.py, the override trail in overrides.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.text import clean_model_text
from accounts.versions import VersionedQuerySet
from tasks import buyback, classifier, how_often, twins
from tasks.choices import (
    AREA_CHOICES,
    FOUNDER_OUTCOME_CHOICES,
    OUTCOME_CHOICES,
    OUTCOME_ROUTE,
    ROUTE_CHOICES,
    TIME_UNIT_CHOICES,
    hours_in_a_week,
    not_negative,
    one_to_five,
    one_to_four,
    sensible_date,
)
from tasks.models.delegates import Delegate


class Category(models.Model):
    """The article's three kinds of outsourcing, plus the core the founder keeps."""

    code = models.CharField(max_length=10, primary_key=True, verbose_name=_("code"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    name_en = models.CharField(max_length=60, verbose_name=_("name (EN)"))
    name_de = models.CharField(max_length=60, verbose_name=_("name (DE)"))
    description_en = models.TextField(verbose_name=_("description (EN)"))
    description_de = models.TextField(verbose_name=_("description (DE)"))

    objects = VersionedQuerySet.as_manager()

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


HANDOVER_GATE_MESSAGE = _(
    "A virtual assistant takes over routine work only with a published work instruction: "
    "write and publish it first."
)


class TaskQuerySet(VersionedQuerySet):
    """Bulk writes meet the handover gate too, so no path can skip the work instruction."""

    def update(self, **kwargs):
        if kwargs.get("status") == Task.DELEGATED:
            ungated = self.exclude(status=Task.DELEGATED).filter(twins.needs_instruction())
            if ungated.exists():
                raise ValidationError(HANDOVER_GATE_MESSAGE)
        return super().update(**kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.check_handover_gate()
            clean_model_text(obj)  # bulk_create sends no pre_save
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
    # Let go (Ferriss): the founder dropped it or a tool does it now; bought back, no cost.
    DROPPED, AUTOMATED = buyback.DROPPED, buyback.AUTOMATED
    STATUS_CHOICES = [
        (INVENTORY, _("Inventory")),
        (READY, _("Ready to hand off")),
        (DELEGATED, _("Delegated")),
        (DONE, _("Done")),
        (DROPPED, _("Dropped")),
        (AUTOMATED, _("Automated")),
    ]
    OPEN_STATUSES = (INVENTORY, READY, DELEGATED)
    LET_GO_STATUSES = buyback.LET_GO_STATUSES

    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("founder")
    )
    title = models.CharField(_("title"), max_length=200)
    area = models.CharField(_("area"), max_length=20, choices=AREA_CHOICES)
    # Derived from time_amount per time_unit (tasks/how_often.py) and stored, so the sums
    # stay plain SQL aggregates.
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=5, decimal_places=2, validators=hours_in_a_week
    )
    # The time as the founder gave it: "2" per "month". Empty on tasks from before it existed
    # (they were given per week).
    time_amount = models.DecimalField(
        _("time"), max_digits=7, decimal_places=2, null=True, blank=True, validators=not_negative
    )
    time_unit = models.CharField(
        _("how often"), max_length=10, choices=TIME_UNIT_CHOICES, default=how_often.WEEK
    )
    recurring = models.BooleanField(_("recurring"), default=False)
    # None: not rated yet; no rule fires on it (shared/docs/domain.md, "Not rated").
    skill = models.PositiveSmallIntegerField(
        _("skill"), null=True, blank=True, validators=one_to_five
    )
    enjoyment = models.PositiveSmallIntegerField(
        _("enjoyment"), null=True, blank=True, validators=one_to_five
    )
    # What an hour of the task is worth, 1 ($) to 4 ($$$$), as the founder rates it in Dan
    # Martell's time and energy audit; None: not rated, the route's market rate suggests it
    # (plan.rules.money_rating).
    money_rating = models.PositiveSmallIntegerField(
        _("money value"), null=True, blank=True, validators=one_to_four
    )
    # None: not rated; the catalogue's suggestion (below) counts until the founder says.
    core = models.BooleanField(_("core"), null=True, blank=True, default=None)
    # What the task catalogue calls typical for the title (tasks/catalogue): set when the
    # title is, so the SQL twins of the rules can read the effective (rated or suggested)
    # values. Empty/None: no match, nothing suggested.
    catalogue_key = models.CharField(max_length=40, blank=True)
    suggested_core = models.BooleanField(null=True, blank=True)
    suggested_skill = models.PositiveSmallIntegerField(null=True, blank=True)
    suggested_outcome = models.CharField(max_length=10, choices=OUTCOME_CHOICES, blank=True)
    suggested_tool = models.CharField(max_length=120, blank=True)
    # The founder's own word on dropping or automating it ("" : none given, the suggestion
    # counts; "route": no, hand it off or keep it as advised).
    outcome = models.CharField(
        _("drop or automate"), max_length=10, choices=FOUNDER_OUTCOME_CHOICES, blank=True
    )
    outcome_tool = models.CharField(_("tool"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=INVENTORY)

    # Computed by the classifier whenever the task or the founder's profile changes.
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    route = models.CharField(_("route"), max_length=20, choices=ROUTE_CHOICES)
    # [{"code": "hate", "params": {"enjoyment": 1}}, ...]; sentences are made at the edge.
    reasons = models.JSONField(default=list, blank=True, verbose_name=_("reasons"))

    # A founder's or consultant's override; the computed result above stays visible.
    override_category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("override category"),
    )
    override_route = models.CharField(
        max_length=20, choices=ROUTE_CHOICES, blank=True, verbose_name=_("route set by hand")
    )
    override_reason = models.TextField(_("override reason"), blank=True)
    override_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by hand by"),
    )
    override_at = models.DateTimeField(null=True, blank=True, verbose_name=_("set by hand at"))

    # The current delegation, if any.
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("delegate"),
    )
    delegated_on = models.DateField(
        _("start date"), null=True, blank=True, validators=sensible_date
    )
    delegate_rate = models.DecimalField(
        _("delegate's hourly rate"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=not_negative,
    )
    # Kept up to date by the work-instruction runs; the digest flags silent delegations.
    last_run_on = models.DateField(null=True, blank=True, verbose_name=_("last run on"))

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

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

    def needs_instruction(self) -> bool:
        """The handover gate (classifier.needs_instruction) for this task."""
        if not self.goes_to_virtual_assistant:
            return False  # no query for the routes the gate does not concern
        return classifier.needs_instruction(
            self.effective_route, has_published_instruction=self.has_published_instruction()
        )

    @property
    def goes_to_virtual_assistant(self) -> bool:
        """For templates: the gate concerns this task (its work instruction is mandatory)."""
        return self.effective_route == classifier.VIRTUAL_ASSISTANT

    def check_handover_gate(self) -> None:
        """Refuse handing a virtual-assistant task over without a published instruction.

        The gate is the step into "delegated": a running delegation whose route changes
        later (an edit, a new capacity) stays saveable and is taken back the normal way.
        """
        if (
            self.status == self.DELEGATED
            and self._becoming_delegated()
            and self.needs_instruction()
        ):
            raise ValidationError(HANDOVER_GATE_MESSAGE)

    def _becoming_delegated(self) -> bool:
        if self.pk is None:
            return True
        return not Task.objects.filter(pk=self.pk, status=self.DELEGATED).exists()

    @property
    def effective_category_id(self) -> str:
        return classifier.effective_category(self.category_id, self.override_category_id)

    @property
    def effective_category(self) -> Category | None:
        """The category that counts (select_related both to read it without a query)."""
        return self.override_category if self.is_overridden else self.category

    @property
    def effective_category_name(self) -> str:
        """For templates: the name of the category that counts."""
        category = self.effective_category
        return category.name if category else ""

    @property
    def effective_route(self) -> str:
        return classifier.effective_route(self.route, self.override_route)

    def get_effective_route_display(self) -> str:
        return str(dict(ROUTE_CHOICES).get(self.effective_route, self.effective_route))

    @property
    def is_delegated(self) -> bool:
        return self.status == self.DELEGATED

    @property
    def is_done(self) -> bool:
        return self.status == self.DONE

    @property
    def is_let_go(self) -> bool:
        """Dropped or automated: its hours are bought back."""
        return self.status in self.LET_GO_STATUSES

    @property
    def can_be_let_go(self) -> bool:
        """For templates: a drop or automate advice the founder can mark as carried out."""
        return bool(self.effective_outcome) and self.status in buyback.MOVE_STATUSES

    @property
    def is_overridden(self) -> bool:
        return self.override_category_id is not None

    @property
    def unrated(self) -> tuple[str, ...]:
        """ "skill", "enjoyment" when not rated yet: the task asks to be rated."""
        return classifier.unrated(self.as_input())

    @property
    def amount_as_given(self):
        """The time as the founder gave it; older tasks only had hours per week."""
        if self.time_amount is None:
            return self.hours_per_week, how_often.WEEK
        return self.time_amount, self.time_unit

    def as_input(self) -> classifier.TaskInput:
        return classifier.TaskInput(
            title=self.title,
            area=self.area,
            hours_per_week=self.hours_per_week,
            recurring=self.recurring,
            skill=self.skill,
            enjoyment=self.enjoyment,
            core=self.core,
            suggestion=self.suggestion,
        )

    @property
    def suggestion(self) -> classifier.Suggestion | None:
        if not self.catalogue_key:
            return None
        return classifier.Suggestion(
            self.catalogue_key, core=self.suggested_core, skill=self.suggested_skill
        )

    @property
    def not_rated(self) -> bool:
        """Nothing rated and nothing suggested: the task says "not rated yet"."""
        return self.as_input().not_rated

    @property
    def is_core(self) -> bool:
        """Core work, rated or suggested: only then may a page say "core work"."""
        return self.as_input().effective_core

    @property
    def effective_outcome(self) -> str:
        """ "drop", "automate" or "": the founder's word wins over the catalogue's."""
        if self.outcome:
            return "" if self.outcome == OUTCOME_ROUTE else self.outcome
        return self.suggested_outcome

    @property
    def outcome_is_suggested(self) -> bool:
        return not self.outcome and bool(self.suggested_outcome)

    @property
    def effective_tool(self) -> str:
        return self.outcome_tool if self.outcome else self.suggested_tool
