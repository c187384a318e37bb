"""One clock and one "today": the founder's date and time come from accounts.clock, and the
real clock is moved with time-machine to the nights where zones disagree: daylight-saving
changes, midnight in Pacific/Auckland and the 53rd ISO week of 2026."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from accounts import clock, schedule, services, zones
from sops import services as sop_services
from sops.tests.factories import make_instruction
from tasks.tests.factories import make_task

AUCKLAND, BERLIN, LOS_ANGELES = "Pacific/Auckland", "Europe/Berlin", "America/Los_Angeles"
# 00:30 on New Year's Day in Auckland (UTC+13), still 11:30 on 31 December in UTC and
# 03:30 on 31 December in Los Angeles. 2026 has 53 ISO weeks: its 31 December is a Thursday.
AUCKLAND_NEW_YEAR = datetime(2026, 12, 31, 11, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "zone", "local"),
    [
        # Berlin springs forward at 01:00 UTC on 29 March 2026: 01:59 CET, then 03:00 CEST.
        (datetime(2026, 3, 29, 0, 59, tzinfo=UTC), BERLIN, (2026, 3, 29, 1, 59)),
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), BERLIN, (2026, 3, 29, 3, 0)),
        # ...and falls back at 01:00 UTC on 25 October: 02:59 CEST, then 02:00 CET again.
        (datetime(2026, 10, 25, 0, 59, tzinfo=UTC), BERLIN, (2026, 10, 25, 2, 59)),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), BERLIN, (2026, 10, 25, 2, 0)),
        # Auckland leaves daylight saving at 14:00 UTC on 4 April 2026 (03:00 NZDT → 02:00).
        (datetime(2026, 4, 4, 13, 59, tzinfo=UTC), AUCKLAND, (2026, 4, 5, 2, 59)),
        (datetime(2026, 4, 4, 14, 0, tzinfo=UTC), AUCKLAND, (2026, 4, 5, 2, 0)),
        (AUCKLAND_NEW_YEAR, AUCKLAND, (2027, 1, 1, 0, 30)),
        (AUCKLAND_NEW_YEAR, LOS_ANGELES, (2026, 12, 31, 3, 30)),
    ],
)
def test_the_founders_clock_across_daylight_saving_and_midnight(moment, zone, local):
    with time_machine.travel(moment, tick=False):
        assert _wall(clock.founder_now(zone)) == local
        assert clock.founder_today(zone) == date(*local[:3])
    assert _wall(zones.local_now(moment, zone)) == local


def _wall(moment: datetime) -> tuple[int, ...]:
    """What the founder's wall clock shows: year, month, day, hour, minute."""
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute)


def test_at_midnight_in_auckland_it_is_next_year_there_and_still_week_53():
    with time_machine.travel(AUCKLAND_NEW_YEAR, tick=False):
        assert clock.founder_today(AUCKLAND) == date(2027, 1, 1)
        assert clock.founder_today(LOS_ANGELES) == date(2026, 12, 31)
        assert clock.founder_today("UTC") == date(2026, 12, 31)
        # Friday 1 January 2027 is still in ISO week 53 of 2026.
        assert schedule.iso_week(clock.founder_now(AUCKLAND), AUCKLAND) == schedule.IsoWeek(
            2026, 53
        )
    # Past Sunday midnight in Auckland week 1 of 2027 begins there, not yet in Los Angeles.
    with time_machine.travel(datetime(2027, 1, 3, 11, 30, tzinfo=UTC), tick=False):
        now = clock.founder_now(AUCKLAND)
        assert schedule.iso_week(now, AUCKLAND) == schedule.IsoWeek(2027, 1)
        assert schedule.iso_week(now, LOS_ANGELES) == schedule.IsoWeek(2026, 53)


def test_no_zone_or_an_unknown_one_is_the_projects():
    with time_machine.travel(AUCKLAND_NEW_YEAR, tick=False):
        assert clock.founder_today("") == clock.founder_today("Mars/Olympus") == date(2026, 12, 31)


@pytest.fixture
def auckland_founder(db):
    return services.founder_signup(
        email="kiri@example.com",
        password="kiri-password-1",
        time_zone=AUCKLAND,
        email_confirmed=True,
    )


@pytest.mark.django_db
def test_a_run_on_the_founders_new_years_day_is_not_in_the_future(auckland_founder):
    instruction = make_instruction(auckland_founder, task=make_task(auckland_founder))
    version = sop_services.instruction_publish(instruction=instruction, by=auckland_founder)
    with time_machine.travel(AUCKLAND_NEW_YEAR, tick=False):
        run = sop_services.run_record(
            version=version,
            performed_on=date(2027, 1, 1),
            performed_by="Kiri",
            checked_steps=[0],
            minutes=10,
        )
    assert run.performed_on == date(2027, 1, 1)


@pytest.mark.django_db
def test_pages_offer_the_founders_today(client, auckland_founder):
    """The middleware puts the founder's zone on the request: forms start at their date."""
    instruction = make_instruction(auckland_founder, task=make_task(auckland_founder))
    sop_services.instruction_publish(instruction=instruction, by=auckland_founder)
    with time_machine.travel(AUCKLAND_NEW_YEAR, tick=False):
        client.force_login(auckland_founder)
        response = client.get(f"/instructions/{instruction.pk}/runs/new/")
    assert response.status_code == 200
    assert response.context["form"].fields["performed_on"].initial == date(2027, 1, 1)
