"""The digest schedule, pure: ISO weeks and slots in the founder's zone, at every edge."""

from datetime import UTC, datetime

import pytest

from accounts import schedule
from accounts.schedule import IsoWeek, Schedule

AUCKLAND, LOS_ANGELES, BERLIN = "Pacific/Auckland", "America/Los_Angeles", "Europe/Berlin"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "zone", "week"),
    [
        # Sunday 29 Nov 2026, 23:30 UTC: Monday lunchtime in Auckland, Sunday afternoon in LA.
        (utc(2026, 11, 29, 23, 30), "UTC", IsoWeek(2026, 48)),
        (utc(2026, 11, 29, 23, 30), AUCKLAND, IsoWeek(2026, 49)),
        (utc(2026, 11, 29, 23, 30), LOS_ANGELES, IsoWeek(2026, 48)),
        # Monday 30 Nov 2026, 00:30 UTC: a new week in UTC, still Sunday in LA.
        (utc(2026, 11, 30, 0, 30), "UTC", IsoWeek(2026, 49)),
        (utc(2026, 11, 30, 0, 30), LOS_ANGELES, IsoWeek(2026, 48)),
        (utc(2026, 11, 30, 0, 30), AUCKLAND, IsoWeek(2026, 49)),
        # Auckland turns Monday at Sunday 11:00 UTC (NZDT is UTC+13).
        (utc(2026, 11, 29, 10, 59), AUCKLAND, IsoWeek(2026, 48)),
        (utc(2026, 11, 29, 11, 0), AUCKLAND, IsoWeek(2026, 49)),
        # LA turns Monday at Monday 08:00 UTC (PST is UTC-8).
        (utc(2026, 11, 30, 7, 59), LOS_ANGELES, IsoWeek(2026, 48)),
        (utc(2026, 11, 30, 8, 0), LOS_ANGELES, IsoWeek(2026, 49)),
        # 31 December belongs to week 53, to week 1 of the next year, or to week 52.
        (utc(2026, 12, 31, 12), "UTC", IsoWeek(2026, 53)),
        (utc(2025, 12, 31, 12), "UTC", IsoWeek(2026, 1)),
        (utc(2024, 12, 31, 12), "UTC", IsoWeek(2025, 1)),
        (utc(2027, 12, 31, 12), "UTC", IsoWeek(2027, 52)),
        # New Year's Day 2027 in Auckland is still ISO 2026-W53 …
        (utc(2026, 12, 31, 12), AUCKLAND, IsoWeek(2026, 53)),
        # … and Auckland reaches 2027-W01 while LA is still in 2026-W53.
        (utc(2027, 1, 3, 12), AUCKLAND, IsoWeek(2027, 1)),
        (utc(2027, 1, 3, 12), LOS_ANGELES, IsoWeek(2026, 53)),
    ],
)
def test_the_iso_week_is_the_founders_local_week(now, zone, week):
    assert schedule.iso_week(now, zone) == week


@pytest.mark.parametrize(
    ("week", "plan", "expected"),
    [
        (IsoWeek(2026, 49), Schedule(0, 8, BERLIN), utc(2026, 11, 30, 7)),
        # Monday 08:00 in Auckland is still Sunday in UTC.
        (IsoWeek(2026, 49), Schedule(0, 8, AUCKLAND), utc(2026, 11, 29, 19)),
        # Sunday 20:00 in LA is already Monday in UTC.
        (IsoWeek(2026, 48), Schedule(6, 20, LOS_ANGELES), utc(2026, 11, 30, 4)),
        (IsoWeek(2026, 53), Schedule(3, 9, "UTC"), utc(2026, 12, 31, 9)),
        # Summer time: Berlin is UTC+2 in July.
        (IsoWeek(2026, 28), Schedule(0, 8, BERLIN), utc(2026, 7, 6, 6)),
        # 02:00 does not exist in Berlin on 29 March 2026; it resolves with the winter offset.
        (IsoWeek(2026, 13), Schedule(6, 2, BERLIN), utc(2026, 3, 29, 1)),
    ],
)
def test_the_slot_is_the_chosen_weekday_and_hour_in_the_founders_zone(week, plan, expected):
    assert schedule.slot(week, plan) == expected


@pytest.mark.parametrize(
    ("now", "plan", "due"),
    [
        # Auckland, Monday 08:00 = Sunday 19:00 UTC.
        (utc(2026, 11, 29, 18, 59), Schedule(0, 8, AUCKLAND), False),
        (utc(2026, 11, 29, 19, 0), Schedule(0, 8, AUCKLAND), True),
        # LA, Sunday 20:00 = Monday 04:00 UTC.
        (utc(2026, 11, 30, 3, 59), Schedule(6, 20, LOS_ANGELES), False),
        (utc(2026, 11, 30, 4, 0), Schedule(6, 20, LOS_ANGELES), True),
        # Late within the same week is still due (downtime) …
        (utc(2026, 11, 30, 7, 59), Schedule(6, 20, LOS_ANGELES), True),
        # … but once LA's week is over, the missed week is not due in the new one.
        (utc(2026, 11, 30, 8, 0), Schedule(6, 20, LOS_ANGELES), False),
        (utc(2026, 12, 31, 8, 59), Schedule(3, 9, "UTC"), False),
        (utc(2026, 12, 31, 9, 0), Schedule(3, 9, "UTC"), True),
    ],
)
def test_a_digest_is_due_from_the_slot_to_the_end_of_the_week(now, plan, due):
    assert schedule.is_due(now, plan) is due


@pytest.mark.parametrize(
    ("now", "sent", "expected"),
    [
        # Before Monday's slot: this week's.
        (utc(2026, 11, 30, 6), False, utc(2026, 11, 30, 7)),
        # After it, nothing sent yet: this week's, already past, so due now (late).
        (utc(2026, 12, 3, 12), False, utc(2026, 11, 30, 7)),
        # Sent this week: next week's.
        (utc(2026, 12, 3, 12), True, utc(2026, 12, 7, 7)),
        # Over the year boundary: 2026-W53 → 2027-W01.
        (utc(2026, 12, 31, 12), True, utc(2027, 1, 4, 7)),
    ],
)
def test_the_next_digest_time_skips_a_week_already_sent(now, sent, expected):
    plan = Schedule(0, 8, BERLIN)
    assert schedule.next_digest_at(now, plan, sent_this_week=sent) == expected


@pytest.mark.parametrize(
    ("week", "after", "before"),
    [
        (IsoWeek(2026, 53), IsoWeek(2027, 1), IsoWeek(2026, 52)),
        (IsoWeek(2026, 1), IsoWeek(2026, 2), IsoWeek(2025, 52)),
        (IsoWeek(2021, 1), IsoWeek(2021, 2), IsoWeek(2020, 53)),
    ],
)
def test_weeks_step_over_year_ends(week, after, before):
    assert (week.next(), week.previous()) == (after, before)


def test_a_naive_now_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        schedule.iso_week(datetime(2026, 11, 30, 8), BERLIN)  # noqa: DTZ001 — naive on purpose
