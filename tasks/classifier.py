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
    not_rated              nothing rated and nothing suggested: neither kept as core nor
                           handed off (keep / keep, shown as "not rated yet")
    suggested              last, whenever the result rests on a catalogue suggestion (an
                           unrated core or skill): values: entry (the catalogue key)

Every reason carries the founder's threshold it was measured against (hate_max,
skill_gap_max, min_hours) and, when the deciding value is a catalogue suggestion rather
than the founder's rating, `suggested`: the catalogue entry's key.

A smart result lists every one of hate, skill_gap and time_eater that holds, in that order,
then one_off when it goes to a project freelancer.

Skill, enjoyment and core may be "not rated" (None): an unrated value makes no rule fire and
gives no reason (`hate` needs a rated enjoyment, `skill_gap` a rated skill); `unrated` names
what is missing so the task can ask for it. A `Suggestion` from the task catalogue fills
unrated values as if rated; the founder's own values always win.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from accounts.numbers import Thresholds

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
NOT_RATED = "not_rated"
SUGGESTED = "suggested"
REASON_CODES = (
    CORE,
    HATE,
    SKILL_GAP,
    TIME_EATER,
    ONE_OFF,
    OVERLOADED,
    NO_REASON_TO_DELEGATE,
    NOT_RATED,
    SUGGESTED,
)


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
class Suggestion:
    """What the task catalogue calls typical for a task (tasks/catalogue): `key` names the
    entry; a None value suggests nothing."""

    key: str
    core: bool | None = None
    skill: int | None = None
    enjoyment: int | None = None


@dataclass(frozen=True)
class TaskInput:
    title: str
    area: str
    hours_per_week: Decimal
    recurring: bool
    skill: int | None  # None: not rated
    enjoyment: int | None  # None: not rated
    core: bool | None  # None: not rated
    suggestion: Suggestion | None = None

    def _value(self, name: str) -> int | bool | None:
        own: int | bool | None = getattr(self, name)
        if own is None and self.suggestion is not None:
            suggested: int | bool | None = getattr(self.suggestion, name)
            return suggested
        return own

    def is_suggested(self, name: str) -> bool:
        """The value of `name` the rules use is the catalogue's, not the founder's."""
        return getattr(self, name) is None and self._value(name) is not None

    @property
    def effective_skill(self) -> int | None:
        value = self._value("skill")
        return None if value is None else int(value)

    @property
    def effective_enjoyment(self) -> int | None:
        value = self._value("enjoyment")
        return None if value is None else int(value)

    @property
    def effective_core(self) -> bool:
        return bool(self._value("core"))

    @property
    def not_rated(self) -> bool:
        """Nothing rated and nothing suggested: no rule may keep it as core or hand it off."""
        return all(self._value(name) is None for name in ("skill", "enjoyment", "core"))


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
    enjoyment = task.effective_enjoyment
    return enjoyment is not None and enjoyment <= thresholds.hate_max


def _is_skill_gap(task: TaskInput, thresholds: Thresholds) -> bool:
    skill = task.effective_skill
    return skill is not None and skill <= thresholds.skill_gap_max


def unrated(task: TaskInput) -> tuple[str, ...]:
    """The ratings the founder has not given yet ("skill", "enjoyment"), in that order; a
    suggestion does not count as the founder's rating."""
    return tuple(name for name in ("skill", "enjoyment") if getattr(task, name) is None)


def _suggested(task: TaskInput, name: str) -> tuple[tuple[str, object], ...]:
    # The catalogue entry behind a suggested value, for the reason to say so.
    if task.is_suggested(name) and task.suggestion is not None:
        return (("suggested", task.suggestion.key),)
    return ()


def _hate_reason(task: TaskInput, thresholds: Thresholds) -> Reason:
    values = (("enjoyment", task.effective_enjoyment), ("max", thresholds.hate_max))
    return Reason(HATE, values + _suggested(task, "enjoyment"))


def _skill_gap_reason(task: TaskInput, thresholds: Thresholds) -> Reason:
    values = (("skill", task.effective_skill), ("max", thresholds.skill_gap_max))
    return Reason(SKILL_GAP, values + _suggested(task, "skill"))


def _time_eater_reason(task: TaskInput, thresholds: Thresholds) -> Reason:
    values = (("hours", task.hours_per_week), ("min_hours", thresholds.time_eater_min_hours))
    return Reason(TIME_EATER, values)


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
        reasons.append(_hate_reason(task, thresholds))
    if _is_skill_gap(task, thresholds):
        reasons.append(_skill_gap_reason(task, thresholds))
    if _is_time_eater(task, thresholds):
        reasons.append(_time_eater_reason(task, thresholds))
    if route == PROJECT_FREELANCER:
        reasons.append(Reason(ONE_OFF))
    return tuple(reasons)


def _overloaded_reason(planned: Decimal | None, capacity: Decimal | None) -> Reason:
    # The figures are optional: a caller may only know that the founder is overloaded.
    if planned is None or capacity is None:
        return Reason(OVERLOADED)
    return Reason(OVERLOADED, (("planned", planned), ("capacity", capacity)))


def _uses_suggestion(task: TaskInput) -> bool:
    return any(task.is_suggested(name) for name in ("core", "skill", "enjoyment"))


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
    `planned` and `capacity` too when known, so the overloaded reason can show them. A result
    that rests on a catalogue suggestion ends with the `suggested` reason.
    """
    overload = _overloaded_reason(planned, capacity) if overloaded else None
    result = _rules(task, thresholds, overload)
    if task.suggestion is not None and _uses_suggestion(task):
        marker = Reason(SUGGESTED, (("entry", task.suggestion.key),))
        return Classification(result.category, result.route, (*result.reasons, marker))
    return result


def _rules(task: TaskInput, thresholds: Thresholds, overload: Reason | None) -> Classification:
    """The rules in their order; `overload` is the overloaded reason when over capacity."""
    hate = _is_hate(task, thresholds)
    skill_gap = _is_skill_gap(task, thresholds)
    time_eater = _is_time_eater(task, thresholds)

    if task.effective_core:
        return Classification(KEEP, KEEP, (Reason(CORE, _suggested(task, "core")),))
    elif task.not_rated:
        # Nothing rated, nothing suggested: neither "core" nor a delegate (not even when
        # over capacity): the task asks to be rated.
        return Classification(KEEP, KEEP, (Reason(NOT_RATED),))
    elif hate or (skill_gap and time_eater):
        route = _smart_route(task, skill_gap)
        return Classification(SMART, route, _smart_reasons(task, route, thresholds))
    elif skill_gap:
        return Classification(SKILL, SPECIALIST, (_skill_gap_reason(task, thresholds),))
    elif time_eater:
        return Classification(TIME, VIRTUAL_ASSISTANT, (_time_eater_reason(task, thresholds),))
    elif overload is not None and not task.recurring:
        return Classification(TIME, PROJECT_FREELANCER, (overload, Reason(ONE_OFF)))
    else:
        return Classification(KEEP, KEEP, (Reason(NO_REASON_TO_DELEGATE),))


# Chris Ducker's "3 lists to freedom" (Virtual Freedom): what you hate, can't do, shouldn't do.
HATE_LIST, CANT_DO_LIST, SHOULDNT_DO_LIST = "hate", "cant_do", "shouldnt_do"
DUCKER_LISTS = (HATE_LIST, CANT_DO_LIST, SHOULDNT_DO_LIST)


def ducker_lists(
    task: TaskInput, thresholds: Thresholds = Thresholds(), *, route: str
) -> tuple[str, ...]:
    """The lists a task is on, with the rated or suggested values. Core work and tasks not
    rated yet are on none; a task can be on both of the first two; the third holds what is
    not core and handed off for neither (a time eater, overflow), even what you enjoy and do
    well. `route` is the effective one: a task kept (route "keep") is not on the third list,
    so no task says "I shouldn't do it" next to "Keep it yourself"."""
    if task.effective_core or task.not_rated:
        return ()
    lists = []
    if _is_hate(task, thresholds):
        lists.append(HATE_LIST)
    if _is_skill_gap(task, thresholds):
        lists.append(CANT_DO_LIST)
    if not lists and route != KEEP:
        lists.append(SHOULDNT_DO_LIST)
    return tuple(lists)


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
