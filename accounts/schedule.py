"""When a founder's weekly digest is due. Pure Python (no Django); `now` is passed in.

A founder picks a weekday and an hour in their own time zone. Their ISO week is the ISO week
of their local date, so a founder in Pacific/Auckland is already in next week while one in
America/Los_Angeles is still in this one. The digest of a week is due from the chosen slot of
that week until the week ends in the founder's time zone: a slot missed through downtime is
sent late within the same week, never in the next one.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# The founder's clock is one rule for the whole project (accounts.zones); the schedule reads it.
from accounts.zones import local_now, local_today

__all__ = ["local_now", "local_today"]  # the names callers of the schedule use


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def next(self) -> "IsoWeek":
        return iso_week_of(self.monday() + timedelta(days=7))

    def previous(self) -> "IsoWeek":
        return iso_week_of(self.monday() - timedelta(days=7))


@dataclass(frozen=True)
class Schedule:
    weekday: int  # 0 = Monday … 6 = Sunday, as in Python's date.weekday()
    hour: int  # 0–23, local time
    time_zone: str  # an IANA name, e.g. "Europe/Berlin"


def iso_week_of(day: date) -> IsoWeek:
    year, week, _weekday = day.isocalendar()
    return IsoWeek(year, week)


def iso_week(now: datetime, time_zone: str) -> IsoWeek:
    """The ISO week the founder is in at `now`, by their local date."""
    return iso_week_of(local_now(now, time_zone).date())


def slot(week: IsoWeek, schedule: Schedule) -> datetime:
    """The chosen weekday and hour of `week`, in the founder's zone, as a UTC datetime.

    An hour skipped by a daylight-saving change (02:30 on the spring-forward night) resolves
    the way zoneinfo does (fold=0): the same wall-clock hour with the offset from before.
    """
    day = date.fromisocalendar(week.year, week.week, schedule.weekday + 1)
    local = datetime.combine(day, time(schedule.hour), tzinfo=ZoneInfo(schedule.time_zone))
    return local.astimezone(UTC)


def is_due(now: datetime, schedule: Schedule) -> bool:
    """Has this week's slot come (in the founder's zone)? Then this week's digest is owed."""
    return slot(iso_week(now, schedule.time_zone), schedule) <= now


def next_digest_at(now: datetime, schedule: Schedule, *, sent_this_week: bool) -> datetime:
    """When the next digest is due: this week's slot (possibly already past, i.e. due now and
    sent late within the week) unless this week's digest is already out; then next week's."""
    week = iso_week(now, schedule.time_zone)
    if sent_this_week:
        return slot(week.next(), schedule)
    return slot(week, schedule)


def week_end(week: IsoWeek, time_zone: str) -> datetime:
    """The moment the founder's ISO week is over: the next Monday, 00:00 local, in UTC."""
    monday = week.next().monday()
    return datetime.combine(monday, time(0), tzinfo=ZoneInfo(time_zone)).astimezone(UTC)


def retry_until(
    week: IsoWeek, time_zone: str, *, claimed_at: datetime, late: timedelta
) -> datetime:
    """How long a digest that meets temporary failures is retried: as long as its week lasts,
    and for a late claim (Sunday night) at least `late` after the claim."""
    return max(week_end(week, time_zone), claimed_at + late)


def retry_delay(attempts: int, delays: list[int]) -> timedelta:
    """The wait after the `attempts`-th failed attempt: the schedule's steps in order, its last
    step repeated from then on."""
    return timedelta(seconds=delays[min(max(attempts, 1), len(delays)) - 1])
