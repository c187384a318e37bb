"""The dashboard's week-by-week trend, from the weekly digests' snapshots."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from digest.models import WeeklyDigest
from tasks import services
from tasks.tests.factories import make_delegate, make_task


def _snapshot(founder, week: int, hours: str) -> WeeklyDigest:
    return WeeklyDigest.objects.create(
        founder=founder,
        iso_year=2026,
        iso_week=week,
        state="sent",
        claimed_at=timezone.now() - timedelta(weeks=50 - week),
        snapshot_at=timezone.now() - timedelta(weeks=50 - week),
        hours_delegated=Decimal(hours),
    )


def test_the_dashboard_shows_the_change_since_the_last_digest_and_the_weeks(alice_client, alice):
    task = make_task(alice, title="Annual accounts", recurring=False, skill=1, hours_per_week=6)
    services.delegation_start(
        task=task, delegate=make_delegate(alice, kind="specialist"), start_date=timezone.now()
    )
    _snapshot(alice, 47, "1")
    _snapshot(alice, 48, "2")
    response = alice_client.get("/")
    page = response.content.decode()
    assert [week.iso_week for week in response.context["trend"]] == [47, 48]
    assert "+4 h since your last digest" in page
    assert "Week 47" in page and "Week 48" in page


def test_without_digests_the_dashboard_shows_no_trend(alice_client, alice, charlie):
    _snapshot(charlie, 48, "9")  # someone else's snapshot never shows
    response = alice_client.get("/")
    assert response.context["trend"] == []
    # The trend chart falls back to this week's figures until the first digest.
    assert "No digest yet, so this is this week" in response.content.decode()


def test_a_claim_without_a_snapshot_is_not_part_of_the_trend(alice_client, alice):
    WeeklyDigest.objects.create(
        founder=alice, iso_year=2026, iso_week=49, claimed_at=timezone.now()
    )
    assert alice_client.get("/").context["trend"] == []
