"""The founder's calendar feed (iCalendar, RFC 5545): when to check on each delegation, the
work instructions' review dates, and the weekly digest's slot.

Timed events in the founder's time zone (a short slot at REVIEW_HOUR), so calendars show
them where the founder plans their day, and the app's own .ics import reads them back.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import schedule
from accounts.models import Profile, User
from digest.content import SILENT_AFTER
from sops.models import Instruction
from tasks.models import Task

REVIEW_HOUR = 9
REVIEW_MINUTES = 15
DIGEST_MINUTES = 15


def _event(uid: str, title: str, start: datetime, minutes: int, url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", timezone.now())
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=minutes))
    event.add("url", url)
    return event


def _at(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone)


def feed(founder: User) -> bytes:
    profile = Profile.objects.get(user=founder)
    zone = ZoneInfo(profile.time_zone)
    site = settings.SITE_URL
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Buy back your time//Delegation planner//EN")
    calendar.add("version", "2.0")
    with translation.override(profile.language):
        calendar.add("x-wr-calname", _("Buy back your time"))
        delegated = (
            Task.objects.filter(owner=founder, status=Task.DELEGATED)
            .annotate(last=Coalesce("last_run_on", "delegated_on"))
            .exclude(last__isnull=True)
            .select_related("delegate")
            .order_by("pk")
        )
        for task in delegated:
            title = _("Check on the delegation: %(task)s") % {"task": task.title}
            start = _at(task.last + SILENT_AFTER, REVIEW_HOUR, zone)
            url = site + reverse("task_detail", args=[task.pk])
            calendar.add_component(
                _event(f"delegation-{task.pk}", title, start, REVIEW_MINUTES, url)
            )
        for instruction in Instruction.objects.filter(owner=founder).order_by(F("review_on"), "pk"):
            title = _("Review the work instruction: %(title)s") % {"title": instruction.title}
            start = _at(instruction.review_on, REVIEW_HOUR, zone)
            url = site + reverse("instruction_detail", args=[instruction.pk])
            calendar.add_component(
                _event(f"instruction-{instruction.pk}", title, start, REVIEW_MINUTES, url)
            )
        if profile.digest_enabled:
            plan = profile.digest_schedule()
            week = schedule.iso_week(timezone.now(), profile.time_zone)
            start = schedule.slot(week, plan).astimezone(zone)
            event = _event(
                "digest",
                _("Your weekly digest"),
                start,
                DIGEST_MINUTES,
                site + reverse("dashboard"),
            )
            event.add("rrule", {"freq": "weekly"})
            calendar.add_component(event)
    calendar.add_missing_timezones()  # a VTIMEZONE for the founder's zone
    return calendar.to_ical()
