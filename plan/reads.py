"""What the plan pages read: the founder's open tasks, their delegates, the instructions of a
role's tasks."""

from accounts.models import Profile
from plan import rules
from sops.models import InstructionVersion
from tasks import buyback, classifier, money_reads, twins
from tasks.models import Task


def open_tasks(*, profile: Profile):
    return (
        Task.objects.filter(owner_id=profile.user_id)
        .filter(status__in=Task.OPEN_STATUSES)  # not done, dropped or automated
        .annotate(kind=twins.effective_category(), way=twins.effective_route())
        .order_by("title", "pk")
    )


def drip_rows(*, profile: Profile) -> list[dict]:
    """Each open task with its money rating (the founder's, else suggested from the route's
    market rate), its energy and its quadrant (None while the enjoyment is not rated)."""
    rates = profile.rates()
    rows = []
    fields = ("pk", "title", "way", "enjoyment", "money_rating")
    for task in open_tasks(profile=profile).values(*fields):
        if task["way"] == classifier.KEEP:
            market = rates.hourly_value  # nobody else's rate: what your hour is worth
        else:
            market = buyback.default_rate(task["way"], rates)
        suggested = task["money_rating"] is None
        rating = (
            rules.money_rating(market, rates.hourly_value) if suggested else task["money_rating"]
        )
        rows.append(
            {
                "pk": task["pk"],
                "title": task["title"],
                "rating": rating,
                "suggested": suggested,
                "enjoyment": task["enjoyment"],
                "market": market,
                "quadrant": None
                if task["enjoyment"] is None
                else rules.quadrant(rating, task["enjoyment"]),
            }
        )
    return rows


def hand_off_tasks(*, profile: Profile) -> list[rules.RoleTask]:
    """The tasks the advice says to hand off (time, skill or smart, not yet delegated)."""
    rows = (
        money_reads.plan_tasks(profile.user_id)
        .order_by("title", "pk")
        .values_list("pk", "title", "hours_per_week", "way", "area")
    )
    return [rules.RoleTask(*row) for row in rows]


def instructions_of(task_keys) -> dict[int, InstructionVersion]:
    """The latest published version of each task's work instruction."""
    latest: dict[int, InstructionVersion] = {}
    versions = InstructionVersion.objects.filter(instruction__task_id__in=list(task_keys))
    for version in versions.select_related("instruction").order_by("number"):
        task_id = version.instruction.task_id
        if task_id is not None:
            latest[task_id] = version
    return latest
