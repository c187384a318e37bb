"""Claim and send: exactly once per founder per week, whatever runs twice or fails."""

import uuid
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import schedule
from accounts.models import Profile
from digest import recovery
from digest import sending as digest_send
from digest import services as digest
from digest.models import DigestSlot, WeeklyDigest
from digest.tests import digest_support
from digest.tests.digest_support import (
    MONDAY,
    as_read,
    claim_and_send,
    next_at,
    plan,
    the_digest,
)
from tasks import founder_settings
from tasks.tests.factories import make_task

scripted_smtp = digest_support.scripted_smtp  # the fixture, for the SMTP error tests


def A_MOMENT_AGO():
    """Past on the database's clock too (SQLite's now() has milliseconds only)."""
    return timezone.now() - timedelta(seconds=1)


def test_a_due_founder_gets_exactly_one_digest_even_when_everything_runs_twice(alice, smtp_server):
    make_task(alice)
    plan(alice)
    first = claim_and_send()
    second = claim_and_send()
    assert (len(first.sent), len(second.sent)) == (1, 0)
    assert [m["to"] for m in smtp_server.messages] == [["alice@example.com"]]
    row = the_digest(alice)
    assert (row.iso_year, row.iso_week, row.state, row.attempts) == (2026, 49, "sent", 1)
    assert row.sent_at is not None and row.last_error == ""


def test_a_retried_or_redelivered_send_task_sends_nothing_more(alice, smtp_server):
    plan(alice)
    ids = digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)
    digest_send.digests_send(digest_ids=ids)
    again = digest_send.digests_send(digest_ids=ids)
    assert again.sent == [] and len(smtp_server.messages) == 1


def test_a_second_claim_for_the_same_week_claims_nothing(alice):
    plan(alice)
    assert len(digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)) == 1
    # Even forced, and even when the profile's next time is reset by hand.
    plan(alice, next_at=None)
    assert digest.digests_claim(founder_ids=[alice.pk], now=MONDAY, force=True) == []
    assert WeeklyDigest.objects.count() == 1


def test_a_claim_moves_the_next_digest_time_to_next_weeks_slot(alice):
    plan(alice)
    digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)
    assert next_at(alice) == datetime(2026, 12, 7, 7, tzinfo=UTC)


def test_a_stale_compare_and_swap_loses(alice):
    """Two beats read the same next time; only the first UPDATE matches it."""
    plan(alice, next_at=MONDAY - timedelta(hours=2))
    (stale_copy,) = as_read([alice])
    assert digest.digests_claim(founder_ids=[alice.pk], now=MONDAY) != []
    assert digest._claim_one(stale_copy, now=MONDAY, force=False) is None
    assert WeeklyDigest.objects.count() == 1


def test_nothing_is_claimed_before_the_founders_hour(alice, smtp_server):
    plan(alice, hour=12)  # Monday 12:00 in Berlin = 11:00 UTC
    assert claim_and_send(now=MONDAY).sent == []
    assert next_at(alice) == datetime(2026, 11, 30, 11, tzinfo=UTC)
    assert len(claim_and_send(now=MONDAY + timedelta(hours=2)).sent) == 1


def test_auckland_and_los_angeles_get_their_own_weeks_around_midnight_utc(alice, charlie):
    plan(alice, zone="Pacific/Auckland")  # Monday 08:00 NZDT = Sunday 19:00 UTC
    plan(charlie, weekday=6, hour=20, zone="America/Los_Angeles")  # Sun 20:00 = Mon 04:00 UTC
    sunday_late = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    claimed = digest.digests_claim(founder_ids=[alice.pk, charlie.pk], now=sunday_late)
    assert [WeeklyDigest.objects.get(pk=i).founder for i in claimed] == [alice]
    assert the_digest(alice).iso_week == 49
    monday_early = datetime(2026, 11, 30, 4, 30, tzinfo=UTC)
    ids = digest.due_founder_ids(now=monday_early)
    assert ids == [charlie.pk]
    digest.digests_claim(founder_ids=ids, now=monday_early)
    assert the_digest(charlie).iso_week == 48  # still Sunday in LA


def test_the_digest_of_31_december_belongs_to_iso_week_53(alice):
    plan(alice, weekday=3, hour=9, zone="UTC")
    digest.digests_claim(founder_ids=[alice.pk], now=datetime(2026, 12, 31, 10, tzinfo=UTC))
    assert (the_digest(alice).iso_year, the_digest(alice).iso_week) == (2026, 53)


def test_a_week_missed_through_downtime_is_sent_late_within_the_same_week(alice, smtp_server):
    plan(alice, next_at=datetime(2026, 11, 30, 7, tzinfo=UTC))
    thursday = datetime(2026, 12, 3, 15, tzinfo=UTC)
    assert len(claim_and_send(now=thursday).sent) == 1
    assert the_digest(alice).iso_week == 49


def test_a_week_entirely_missed_is_not_sent_in_the_next_one(alice, smtp_server):
    plan(alice, next_at=datetime(2026, 11, 23, 7, tzinfo=UTC))  # last week's slot
    monday_early = datetime(2026, 11, 30, 6, tzinfo=UTC)  # before this week's
    assert claim_and_send(now=monday_early).sent == []
    assert next_at(alice) == datetime(2026, 11, 30, 7, tzinfo=UTC)


def test_a_transient_smtp_error_is_retried_and_the_digest_arrives_once(
    alice, scripted_smtp, caplog
):
    plan(alice)
    scripted_smtp.replies = ["451 4.3.0 Try again later"]
    first = claim_and_send()
    row = the_digest(alice)
    assert first.retry == [row.pk]
    assert (row.state, row.attempts) == ("claimed", 1)
    assert "451" in row.last_error
    assert any(r.levelname == "ERROR" and "451" in r.getMessage() for r in caplog.records)
    # Not before its next attempt time, then once.
    assert digest_send.digests_send(digest_ids=first.retry).retry == []
    assert recovery.waiting_digest_ids() == []
    WeeklyDigest.objects.filter(pk=row.pk).update(retry_at=A_MOMENT_AGO())
    assert recovery.waiting_digest_ids() == [row.pk]
    second = digest_send.digests_send(digest_ids=first.retry)
    row.refresh_from_db()
    assert second.sent == [row.pk]
    assert (row.state, row.attempts, row.last_error) == ("sent", 2, "")
    assert len(scripted_smtp.messages) == 1


def test_a_permanent_smtp_error_is_recorded_and_not_retried(alice, scripted_smtp):
    plan(alice)
    scripted_smtp.replies = ["550 5.1.1 No such mailbox"]
    result = claim_and_send()
    row = the_digest(alice)
    assert (result.failed, result.retry) == ([row.pk], [])
    assert row.state == "failed" and "550" in row.last_error
    assert scripted_smtp.messages == []


def test_transient_errors_are_retried_with_backoff_until_the_week_is_over(
    alice, scripted_smtp, settings
):
    settings.DIGEST_RETRY_DELAYS = [60, 600]
    plan(alice)
    scripted_smtp.replies = ["451 busy"] * 20
    result = claim_and_send()
    waits = []
    for _ in range(8):  # far more attempts than the old limit of five
        row = the_digest(alice)
        assert row.state == "claimed"
        waits.append(round((row.retry_at - timezone.now()).total_seconds() / 60))
        WeeklyDigest.objects.filter(pk=row.pk).update(retry_at=A_MOMENT_AGO())
        result = digest_send.digests_send(digest_ids=result.retry)
    assert waits[:3] == [1, 10, 10]
    # The week is over: it is dropped at its next lease, not sent into the next week.
    WeeklyDigest.objects.filter(pk=row.pk).update(
        retry_at=A_MOMENT_AGO(), retry_until=A_MOMENT_AGO()
    )
    assert digest_send.digests_send(digest_ids=[row.pk]).dropped == [row.pk]
    assert the_digest(alice).state == "dropped"


def test_the_beat_gives_up_a_digest_whose_week_ended_while_it_waited(alice, caplog, settings):
    settings.DIGEST_LATE_SECONDS = 24 * 3600  # production's window, not the tests' long one
    plan(alice)
    [digest_id] = digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)
    row = WeeklyDigest.objects.get(pk=digest_id)
    assert row.retry_until == datetime(2026, 12, 6, 23, tzinfo=UTC)  # Monday 00:00 in Berlin
    # The database's clock decides: its week is not over yet, then it is.
    WeeklyDigest.objects.filter(pk=digest_id).update(
        retry_until=timezone.now() + timedelta(hours=1)
    )
    assert recovery.digests_give_up() == 0
    WeeklyDigest.objects.filter(pk=digest_id).update(retry_until=A_MOMENT_AGO())
    assert recovery.digests_give_up() == 1
    assert WeeklyDigest.objects.get(pk=digest_id).state == "dropped"
    assert "dropped" in caplog.text


def test_a_late_claim_is_retried_into_the_next_day(alice, settings):
    plan(alice, weekday=6, hour=23)
    sunday_late = datetime(2026, 12, 6, 22, 30, tzinfo=UTC)
    [digest_id] = digest.digests_claim(founder_ids=[alice.pk], now=sunday_late)
    row = WeeklyDigest.objects.get(pk=digest_id)
    assert row.retry_until - row.claimed_at >= timedelta(seconds=settings.DIGEST_LATE_SECONDS)


def test_a_lease_left_by_a_killed_sender_is_taken_over_once_it_expires(alice, smtp_server):
    plan(alice)
    [digest_id] = digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)
    # A sender leased it and died before it could send.
    until = timezone.now() + timedelta(seconds=60)
    WeeklyDigest.objects.filter(pk=digest_id).update(
        state="sending", attempts=1, lease_token=uuid.uuid4(), lease_until=until
    )
    assert recovery.waiting_digest_ids() == []
    assert digest_send.digests_send(digest_ids=[digest_id]).sent == []  # the lease runs
    WeeklyDigest.objects.filter(pk=digest_id).update(lease_until=A_MOMENT_AGO())
    assert recovery.waiting_digest_ids() == [digest_id]
    assert digest_send.digests_send(digest_ids=[digest_id]).sent == [digest_id]
    assert len(smtp_server.messages) == 1
    row = the_digest(alice)
    assert (row.attempts, row.lease_token, row.lease_until) == (2, None, None)


def test_a_sender_whose_lease_was_taken_over_cannot_record(alice, smtp_server, caplog):
    plan(alice)
    [digest_id] = digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)
    row = WeeklyDigest.objects.get(pk=digest_id)
    token = digest_send._lease(row, ignore_backoff=False)
    assert token and digest_send._lease(row, ignore_backoff=False) is None  # fenced
    WeeklyDigest.objects.filter(pk=digest_id).update(lease_until=A_MOMENT_AGO())
    assert digest_send.digests_send(digest_ids=[digest_id]).sent == [digest_id]
    late = {"state": "failed", "last_error": "late"}
    digest_send._record(digest_send._Outcome("failed", row, token, late))
    assert the_digest(alice).state == "sent"
    assert "lease lost" in caplog.text


def test_an_unclaimed_row_whose_send_task_was_lost_is_recovered_a_lease_later(alice, settings):
    plan(alice)
    [digest_id] = digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)
    row = WeeklyDigest.objects.get(pk=digest_id)
    assert recovery.waiting_digest_ids() == []
    assert row.retry_at - row.claimed_at == timedelta(seconds=settings.DIGEST_LEASE_SECONDS)
    WeeklyDigest.objects.filter(pk=digest_id).update(retry_at=A_MOMENT_AGO())
    assert recovery.waiting_digest_ids() == [digest_id]


def test_a_founder_who_turned_the_digest_off_is_not_claimed(alice, smtp_server):
    plan(alice, digest_enabled=False)
    assert digest.due_founder_ids(now=MONDAY, force=True) == []
    assert claim_and_send(force=True, founders=[alice.pk]).sent == []


def test_a_founder_who_unsubscribes_between_claim_and_send_gets_nothing(alice, smtp_server):
    plan(alice)
    ids = digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)
    assert len(ids) == 1
    Profile.objects.filter(user=alice).update(digest_enabled=False)
    assert digest_send.digests_send(digest_ids=ids, now=MONDAY).dropped == ids
    assert smtp_server.messages == []
    # Not a failure: /healthz does not count it as one.
    assert WeeklyDigest.objects.get(pk=ids[0]).state == WeeklyDigest.CANCELLED


def test_the_queries_per_digest_do_not_grow_with_the_number_of_tasks(alice, charlie, smtp_server):
    make_task(alice)
    for i in range(40):
        make_task(charlie, title=f"Task {i}", recurring=bool(i % 2), skill=1 + i % 5)
    plan(alice)
    plan(charlie)
    ids = digest.digests_claim(founder_ids=[alice.pk, charlie.pk], now=MONDAY)
    counts = []
    for digest_id in ids:
        with CaptureQueriesContext(connection) as captured:
            assert digest_send.digests_send(digest_ids=[digest_id], now=MONDAY).sent
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_changing_the_digest_settings_reschedules_it(alice):
    # The settings write nothing of the digest's: the slot, planned for Monday, no longer
    # matches the profile, so the next beat looks at the founder and the claim plans anew.
    plan(alice, next_at=datetime(2026, 12, 7, 7, tzinfo=UTC))  # this week's is out
    assert digest.due_founder_ids(now=MONDAY) == []
    profile = Profile.objects.get(user=alice)
    founder_settings.profile_update(profile=profile, digest_weekday=4, digest_hour=17)
    assert next_at(alice) == datetime(2026, 12, 7, 7, tzinfo=UTC)  # untouched by accounts
    assert digest.due_founder_ids(now=MONDAY) == [alice.pk]
    assert digest.digests_claim(founder_ids=[alice.pk], now=MONDAY) == []
    friday = schedule.next_digest_at(MONDAY, profile.digest_schedule(), sent_this_week=False)
    assert friday.weekday() == 4
    assert next_at(alice) == friday
    assert digest.due_founder_ids(now=MONDAY) == []
    founder_settings.profile_update(profile=profile, digest_enabled=False)
    assert digest.due_founder_ids(now=friday) == []


def test_a_schedule_moved_earlier_sends_this_weeks_digest_once_and_never_twice(alice):
    plan(alice, weekday=3)  # Thursday
    assert digest.digests_claim(founder_ids=[alice.pk], now=MONDAY) == []
    profile = Profile.objects.get(user=alice)
    founder_settings.profile_update(profile=profile, digest_weekday=0)  # Monday: passed
    assert digest.due_founder_ids(now=MONDAY) == [alice.pk]
    assert len(digest.digests_claim(founder_ids=[alice.pk], now=MONDAY)) == 1
    # Back to Thursday: planned for it, and its claim finds this week's digest out.
    founder_settings.profile_update(profile=profile, digest_weekday=3)
    assert digest.digests_claim(founder_ids=[alice.pk], now=MONDAY) == []
    thursday = datetime(2026, 12, 3, 7, tzinfo=UTC)
    assert next_at(alice) == thursday
    assert digest.digests_claim(founder_ids=[alice.pk], now=thursday) == []
    assert WeeklyDigest.objects.count() == 1


def test_a_founder_never_planned_gets_the_first_digest_at_the_next_slot_ahead(alice, charlie):
    # Signed up (or created in bulk) without a slot: planned at the next beat, not sent at once.
    plan(charlie)
    DigestSlot.objects.filter(founder=charlie).delete()
    assert digest.due_founder_ids(now=MONDAY) == [alice.pk, charlie.pk]
    assert digest.digests_claim(founder_ids=[alice.pk, charlie.pk], now=MONDAY) == []
    assert next_at(charlie) == datetime(2026, 12, 7, 7, tzinfo=UTC)  # Monday's slot passed
    tuesday = datetime(2026, 12, 1, 7, tzinfo=UTC)
    plan(alice, weekday=1, hour=9)
    DigestSlot.objects.filter(founder=alice).delete()
    assert digest.digests_claim(founder_ids=[alice.pk], now=MONDAY) == []
    assert next_at(alice) == tuesday + timedelta(hours=1)
    assert digest.due_founder_ids(now=tuesday + timedelta(hours=1)) == [alice.pk]


def test_an_outcome_recorded_with_the_next_lease_is_kept_when_that_lease_is_refused(
    alice, charlie, smtp_server
):
    # One commit per digest: a digest's outcome rides on the next digest's lease. When that
    # next digest is held by another sender, the lease is refused and the outcome still kept.
    plan(alice)
    plan(charlie)
    ids = digest.digests_claim(founder_ids=[alice.pk, charlie.pk], now=MONDAY)
    first, second = WeeklyDigest.objects.filter(pk__in=ids).order_by("pk")
    token = digest_send._lease(first, ignore_backoff=False)
    other = digest_send._lease(second, ignore_backoff=False)  # another sender holds it
    sent = digest_send._Outcome("sent", first, token, {"state": WeeklyDigest.SENT})
    assert other and digest_send._lease(second, ignore_backoff=False, after=sent) is None
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, first.lease_token) == ("sent", None)
    assert (second.state, second.lease_token) == ("sending", other)


def test_a_chunks_last_outcome_is_recorded_and_every_digest_sent_once(alice, charlie, smtp_server):
    plan(alice)
    plan(charlie, language="de")
    result = claim_and_send()
    assert len(result.sent) == 2 and len(smtp_server.messages) == 2
    rows = WeeklyDigest.objects.all()
    assert {(row.state, row.lease_token, row.attempts) for row in rows} == {("sent", None, 1)}
