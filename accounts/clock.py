"""The founder's clock: what time and what day it is for a founder, from one place.

Every "today" and "now on their clock" in the project comes from here: the rule itself is
pure (accounts.zones.local_now), this module applies it to the real clock (Django's
timezone.now, which the tests move with time-machine) and to the founder's chosen zone, with
the project's zone (settings.TIME_ZONE) for a founder without a valid one.
"""

import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone

from accounts import zones


def founder_zone(time_zone: str | None) -> zoneinfo.ZoneInfo:
    """The founder's zone; the project's when they have none or an unknown one."""
    if time_zone:
        try:
            return zoneinfo.ZoneInfo(time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def founder_now(time_zone: str | None, now: datetime | None = None) -> datetime:
    """Now (or `now`) on the founder's clock."""
    return zones.local_now(now or timezone.now(), founder_zone(time_zone).key)


def founder_today(time_zone: str | None, now: datetime | None = None) -> date:
    """The founder's date: past their midnight it is their tomorrow, wherever the server is."""
    return founder_now(time_zone, now).date()


def zone_of(user_id: int) -> str | None:
    """A founder's chosen zone, read by id (for code that holds no profile)."""
    from accounts.models import Profile

    return Profile.objects.filter(user_id=user_id).values_list("time_zone", flat=True).first()


@contextmanager
def founder_time(time_zone: str | None) -> Iterator[None]:
    """Dates and times render on the founder's clock inside (an email about their things)."""
    with timezone.override(founder_zone(time_zone)):
        yield


def activate(time_zone: str | None) -> None:
    """For a request: the founder's zone until `deactivate` (the middleware's job)."""
    timezone.activate(founder_zone(time_zone))


def deactivate() -> None:
    timezone.deactivate()


def today() -> date:
    """The active founder's date: under the middleware, their own; else the project's."""
    return timezone.localdate()
