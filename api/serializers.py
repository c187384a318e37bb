"""What the API shows and accepts. Reads come from the models; writes are validated here and
then done by the services (tasks.services), like the app's forms."""

from decimal import Decimal

from rest_framework import serializers

from sops.models import Instruction, InstructionVersion, Run
from tasks.choices import AREA_CHOICES, TIME_UNIT_CHOICES
from tasks.models import Delegate, Task

HOURS = {"max_digits": 7, "decimal_places": 2, "min_value": Decimal("0"), "coerce_to_string": False}


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    params = serializers.DictField(required=False)


class ClassificationSerializer(serializers.Serializer):
    """The classifier's answer, and the override that counts over it when there is one."""

    category = serializers.CharField(source="category_id")
    route = serializers.CharField()
    reasons = ReasonSerializer(many=True)
    override_category = serializers.CharField(source="override_category_id", allow_null=True)
    override_route = serializers.CharField()
    override_reason = serializers.CharField()


class TaskSerializer(serializers.ModelSerializer):
    classification = ClassificationSerializer(source="*", read_only=True)
    hours_per_week = serializers.DecimalField(
        max_digits=5, decimal_places=2, coerce_to_string=False, read_only=True
    )
    time_amount = serializers.DecimalField(**HOURS, allow_null=True, read_only=True)

    class Meta:
        model = Task
        fields = (
            "id",
            "title",
            "area",
            "time_amount",
            "time_unit",
            "hours_per_week",
            "recurring",
            "skill",
            "enjoyment",
            "core",
            "status",
            "classification",
            "delegate",
            "delegated_on",
            "last_run_on",
            "created_at",
            "updated_at",
        )
        read_only_fields = fields


class TaskWriteSerializer(serializers.Serializer):
    """A new task, or the fields of one to change (PATCH sends only those)."""

    title = serializers.CharField(max_length=200)
    area = serializers.ChoiceField(choices=AREA_CHOICES, default="other")
    time_amount = serializers.DecimalField(**HOURS)
    time_unit = serializers.ChoiceField(choices=TIME_UNIT_CHOICES, default="week")
    # Left out: how often decides (once is a one-off); given, it wins (tasks.services).
    recurring = serializers.BooleanField(allow_null=True, default=None)
    skill = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, default=None)
    enjoyment = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, default=None)
    # Left out: not rated; the task catalogue may suggest it (shared/docs/domain.md).
    core = serializers.BooleanField(allow_null=True, default=None)

    def validate_title(self, value):
        value = value.strip()
        if not value:
            raise serializers.ValidationError(self.fields["title"].error_messages["blank"])
        return value


class DelegateSerializer(serializers.ModelSerializer):
    hourly_rate = serializers.DecimalField(max_digits=8, decimal_places=2, coerce_to_string=False)
    areas = serializers.ListField(child=serializers.CharField())
    # Empty when the founder gave none: a plain string, not format "email".
    email = serializers.CharField(allow_blank=True)

    class Meta:
        model = Delegate
        fields = ("id", "name", "kind", "email", "language", "areas", "hourly_rate", "notes")
        read_only_fields = fields


class StepSerializer(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    expected = serializers.CharField(allow_blank=True)


class VersionSerializer(serializers.ModelSerializer):
    steps = StepSerializer(many=True)

    class Meta:
        model = InstructionVersion
        fields = ("number", "title", "purpose", "done_definition", "tools", "steps", "published_at")
        read_only_fields = fields


class InstructionSerializer(serializers.ModelSerializer):
    versions = VersionSerializer(many=True, read_only=True)

    class Meta:
        model = Instruction
        fields = ("id", "title", "task", "review_on", "updated_at", "versions")
        read_only_fields = fields


class RunSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")

    class Meta:
        model = Run
        fields = (
            "id",
            "instruction",
            "version",
            "performed_on",
            "performed_by",
            "checked_steps",
            "notes",
            "minutes",
            "recorded_via",
        )
        read_only_fields = fields


class MoveSerializer(serializers.Serializer):
    task = serializers.IntegerField(source="move.key")
    title = serializers.CharField(source="move.title")
    hours_per_week = serializers.DecimalField(
        source="move.hours", max_digits=7, decimal_places=2, coerce_to_string=False
    )
    category = serializers.CharField(source="move.category")
    route = serializers.CharField(source="move.route")
    net_per_week = serializers.DecimalField(
        source="move.net", max_digits=12, decimal_places=2, coerce_to_string=False
    )
    next_step = serializers.CharField(source="step")


def _money(**kwargs):
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, coerce_to_string=False, **kwargs
    )


class BuybackSerializer(serializers.Serializer):
    """The dashboard's figures (per week unless named monthly) and the next moves."""

    currency = serializers.CharField()
    bought_back_hours = _money(source="figures.bought_back_hours")
    reclaimable_hours = _money(source="figures.reclaimable_hours")
    hours_kept = _money(source="figures.hours_kept")
    weekly_capacity = _money(source="figures.weekly_capacity")
    capacity_state = serializers.CharField(source="figures.capacity_state")
    delegation_cost = _money(source="figures.delegation_cost")
    bought_back_value = _money(source="figures.bought_back_value")
    net = _money(source="figures.net")
    monthly_cost = _money(source="figures.monthly_cost")
    monthly_budget = _money(source="figures.monthly_budget")
    over_budget = serializers.BooleanField(source="figures.over_budget")
    buyback_rate = _money(source="figures.buyback_rate")
    next_moves = MoveSerializer(many=True, source="moves")
