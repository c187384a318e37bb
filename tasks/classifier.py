"""Which kind of outsourcing a task calls for, and who should take it.

Pure Python (no Django): the rules of shared/docs/domain.md, "Classification: the rules".
`classify` returns reason *codes* with their values; tasks/reasons.py turns them into
sentences at the edge, so the rules stay translatable and testable without Django.

Reason codes, one per rule that decided the result:

    core                   the task is core to the business (keep / keep)
    hate                   enjoyment <= hate_max                       values: enjoyment
    skill_gap              skill <= skill_gap_max                      values: skill
    time_eater             recurring and hours >= time_eater_min_hours values: hours
    one_off                not recurring, so a project freelancer takes it
    overloaded             planned hours > weekly capacity             values: planned, capacity
                           (no values when the caller passed only `overloaded`)
    no_reason_to_delegate  no rule argues for handing it off (keep / keep)

A smart result lists every one of hate, skill_gap and time_eater that holds, in that order,
then one_off when it goes to a project freelancer.

Skill and enjoyment may be "not rated" (None): an unrated value makes no rule fire and gives
no reason (`hate` needs a rated enjoyment, `skill_gap` a rated skill); `unrated` names what
is missing so the task can ask for it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

TIME, SKILL, SMART, KEEP = "time", "skill", "smart", "keep"
CATEGORIES = (TIME, SKILL, SMART, KEEP)

VIRTUAL_ASSISTANT = "virtual_assistant"
PROJECT_FREELANCER = "project_freelancer"
SPECIALIST = "specialist"
# A kept task's route is "keep" too: nobody takes it.
ROUTES = (VIRTUAL_ASSISTANT, PROJECT_FREELANCER, SPECIALIST, KEEP)

AREAS = (
    "admin",
    "customer_support",
    "sales",
    "marketing",
    "product",
    "tech",
    "design",
    "finance",
    "legal",
    "networking",
    "other",
)

CORE = "core"
HATE = "hate"
SKILL_GAP = "skill_gap"
TIME_EATER = "time_eater"
ONE_OFF = "one_off"
OVERLOADED = "overloaded"
NO_REASON_TO_DELEGATE = "no_reason_to_delegate"
REASON_CODES = (CORE, HATE, SKILL_GAP, TIME_EATER, ONE_OFF, OVERLOADED, NO_REASON_TO_DELEGATE)


def effective_category(category: str, override_category: str | None = None) -> str:
    """The kind that counts: an override (by the founder or a consultant) wins."""
    return override_category or category


def effective_route(route: str, override_route: str = "") -> str:
    """Who takes the task: an override (by the founder or a consultant) wins."""
    return override_route or route


def needs_instruction(route: str, *, has_published_instruction: bool) -> bool:
    """The handover gate: a virtual assistant takes routine work only with a published work
    instruction. `route` is the effective one."""
    return route == VIRTUAL_ASSISTANT and not has_published_instruction


@dataclass(frozen=True)
class Thresholds:
    hate_max: int = 2
    skill_gap_max: int = 2
    time_eater_min_hours: Decimal = Decimal("1.0")


@dataclass(frozen=True)
class TaskInput:
    title: str
    area: str
    hours_per_week: Decimal
    recurring: bool
    skill: int | None  # None: not rated
    enjoyment: int | None  # None: not rated
    core: bool


@dataclass(frozen=True)
class Reason:
    code: str
    # A tuple of pairs rather than a dict, so the dataclass stays frozen and hashable.
    values: tuple[tuple[str, object], ...] = ()

    @property
    def params(self) -> dict[str, object]:
        return dict(self.values)


@dataclass(frozen=True)
class Classification:
    category: str
    route: str
    reasons: tuple[Reason, ...]


def is_overloaded(planned_hours: Decimal, capacity: Decimal | None) -> bool:
    """More hours planned than the founder has; no capacity set means never overloaded."""
    if capacity is None:
        return False
    return planned_hours > capacity


def _is_hate(task: TaskInput, thresholds: Thresholds) -> bool:
    return task.enjoyment is not None and task.enjoyment <= thresholds.hate_max


def _is_skill_gap(task: TaskInput, thresholds: Thresholds) -> bool:
    return task.skill is not None and task.skill <= thresholds.skill_gap_max


def unrated(task: TaskInput) -> tuple[str, ...]:
    """The ratings the founder has not given yet ("skill", "enjoyment"), in that order."""
    return tuple(name for name in ("skill", "enjoyment") if getattr(task, name) is None)


def _is_time_eater(task: TaskInput, thresholds: Thresholds) -> bool:
    return task.recurring and task.hours_per_week >= thresholds.time_eater_min_hours


def _smart_route(task: TaskInput, skill_gap: bool) -> str:
    # Specialist where the skill is missing, VA where it is routine, else a project.
    if skill_gap:
        return SPECIALIST
    elif task.recurring:
        return VIRTUAL_ASSISTANT
    else:
        return PROJECT_FREELANCER


def route_for(category: str, task: TaskInput, thresholds: Thresholds = Thresholds()) -> str:
    """Who takes a task of this category; used when someone overrides the computed one."""
    if category == KEEP:
        return KEEP
    elif category == SKILL:
        return SPECIALIST
    elif category == TIME:
        return VIRTUAL_ASSISTANT if task.recurring else PROJECT_FREELANCER
    elif category == SMART:
        return _smart_route(task, _is_skill_gap(task, thresholds))
    raise ValueError(f"unknown category {category!r}")


def _smart_reasons(task: TaskInput, route: str, thresholds: Thresholds) -> tuple[Reason, ...]:
    reasons = []
    if _is_hate(task, thresholds):
        reasons.append(Reason(HATE, (("enjoyment", task.enjoyment),)))
    if _is_skill_gap(task, thresholds):
        reasons.append(Reason(SKILL_GAP, (("skill", task.skill),)))
    if _is_time_eater(task, thresholds):
        reasons.append(Reason(TIME_EATER, (("hours", task.hours_per_week),)))
    if route == PROJECT_FREELANCER:
        reasons.append(Reason(ONE_OFF))
    return tuple(reasons)


def _overloaded_reason(planned: Decimal | None, capacity: Decimal | None) -> Reason:
    # The figures are optional: a caller may only know that the founder is overloaded.
    if planned is None or capacity is None:
        return Reason(OVERLOADED)
    return Reason(OVERLOADED, (("planned", planned), ("capacity", capacity)))


def classify(
    task: TaskInput,
    *,
    overloaded: bool,
    thresholds: Thresholds = Thresholds(),
    planned: Decimal | None = None,
    capacity: Decimal | None = None,
) -> Classification:
    """Apply the rules to one task.

    `overloaded` is decided over all the founder's open tasks (see `is_overloaded`); pass
    `planned` and `capacity` too when known, so the overloaded reason can show them.
    """
    hate = _is_hate(task, thresholds)
    skill_gap = _is_skill_gap(task, thresholds)
    time_eater = _is_time_eater(task, thresholds)

    if task.core:
        return Classification(KEEP, KEEP, (Reason(CORE),))
    elif hate or (skill_gap and time_eater):
        route = _smart_route(task, skill_gap)
        return Classification(SMART, route, _smart_reasons(task, route, thresholds))
    elif skill_gap:
        return Classification(SKILL, SPECIALIST, (Reason(SKILL_GAP, (("skill", task.skill),)),))
    elif time_eater:
        reason = Reason(TIME_EATER, (("hours", task.hours_per_week),))
        return Classification(TIME, VIRTUAL_ASSISTANT, (reason,))
    elif overloaded and not task.recurring:
        reasons = (_overloaded_reason(planned, capacity), Reason(ONE_OFF))
        return Classification(TIME, PROJECT_FREELANCER, reasons)
    else:
        return Classification(KEEP, KEEP, (Reason(NO_REASON_TO_DELEGATE),))


# Chris Ducker's "3 lists to freedom" (Virtual Freedom): what you hate, can't do, shouldn't do.
HATE_LIST, CANT_DO_LIST, SHOULDNT_DO_LIST = "hate", "cant_do", "shouldnt_do"
DUCKER_LISTS = (HATE_LIST, CANT_DO_LIST, SHOULDNT_DO_LIST)


def ducker_lists(task: TaskInput, thresholds: Thresholds = Thresholds()) -> tuple[str, ...]:
    """The lists a task is on. Core work is on none; a task can be on both of the first two;
    everything else that is not core is on the third, even what you enjoy and do well."""
    if task.core:
        return ()
    lists = []
    if _is_hate(task, thresholds):
        lists.append(HATE_LIST)
    if _is_skill_gap(task, thresholds):
        lists.append(CANT_DO_LIST)
    return tuple(lists) or (SHOULDNT_DO_LIST,)


def classify_all(
    tasks: Sequence[TaskInput],
    *,
    capacity: Decimal | None,
    thresholds: Thresholds = Thresholds(),
) -> list[Classification]:
    """Classify a whole list, taking it as all of the founder's open tasks."""
    planned = sum((task.hours_per_week for task in tasks), Decimal("0"))
    overloaded = is_overloaded(planned, capacity)
    return [
        classify(
            task,
            overloaded=overloaded,
            thresholds=thresholds,
            planned=planned,
            capacity=capacity,
        )
        for task in tasks
    ]
