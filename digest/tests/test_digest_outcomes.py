"""The digest through the one SMTP conversation (issue 28): maybe sent, a refused sender, an
unsubscribe at lease time, a week that ended while the digest waited — and what the admin's
row, `send_digests` and /healthz say about each."""

import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import Profile
from digest import recovery
from digest import sending as digest_send
from digest import services as digest
from digest.models import WeeklyDigest
from digest.tests.digest_support import MONDAY, plan, the_digest
from mail.tests import smtp_support

fault_smtp = smtp_support.fault_smtp  # the fixture
TOKEN = "health-token-for-tests"


def a_moment_ago():
    return timezone.now() - timedelta(seconds=1)


def claimed(*founders):
    for founder in founders:
        plan(founder)
    return digest.digests_claim(founder_ids=[f.pk for f in founders], now=MONDAY)


def health(client, settings) -> dict:
    settings.HEALTHZ_TOKEN = TOKEN
    return client.get("/healthz", HTTP_X_HEALTHZ_TOKEN=TOKEN).json()


def test_a_lost_reply_is_maybe_sent_resent_once_after_the_delay_and_never_again(
    alice, fault_smtp, client, settings
):
    fault_smtp.after_data = "drop"
    ids = claimed(alice)
    assert digest_send.digests_send(digest_ids=ids).maybe_sent == ids
    row = the_digest(alice)
    assert (row.state, row.maybe_sent_at is not None) == ("claimed", True)
    # Not before the delay is over: the first copy has time to arrive.
    assert row.retry_at >= timezone.now() + timedelta(
        seconds=settings.MAIL_MAYBE_SENT_RESEND_SECONDS - 5
    )
    assert recovery.waiting_digest_ids() == []
    # Not even a `send_digests` run, which retries at once, takes it before the delay.
    assert digest_send.digests_send(digest_ids=ids, ignore_backoff=True).maybe_sent == []
    body = health(client, settings)
    assert body["digests"]["maybe_sent"] == 1 and body["digests"]["failed"] == 0
    WeeklyDigest.objects.filter(pk=row.pk).update(retry_at=a_moment_ago())
    assert digest_send.digests_send(digest_ids=ids).maybe_sent == ids
    assert the_digest(alice).state == "maybe_sent"  # final: never a third copy
    WeeklyDigest.objects.filter(pk=row.pk).update(retry_at=a_moment_ago())
    assert digest_send.digests_send(digest_ids=ids).sent == []
    assert fault_smtp.delivered[alice.email] == 2
    assert len(set(fault_smtp.message_ids)) == 1  # the same Message-ID both times


def test_a_relay_refusing_the_sender_loses_nobodys_week(alice, fault_smtp, client, settings):
    fault_smtp.mail_reply = "554 5.7.1 Relay access denied"
    ids = claimed(alice)
    assert digest_send.digests_send(digest_ids=ids).retry == ids
    row = the_digest(alice)
    assert row.state == "claimed" and row.last_error.startswith("SMTP refused the sender")
    body = health(client, settings)
    assert body["status"] == "degraded" and body["digests"]["sender_refused"] == 1
    fault_smtp.mail_reply = ""
    WeeklyDigest.objects.filter(pk=row.pk).update(retry_at=a_moment_ago())
    assert digest_send.digests_send(digest_ids=ids).sent == ids
    assert fault_smtp.delivered[alice.email] == 1


def test_an_unsubscribe_after_the_chunk_was_built_is_honoured_at_the_fence(
    alice, charlie, fault_smtp, client, settings, monkeypatch
):
    ids = claimed(alice, charlie)
    real_open = digest_send.smtp.Session._open

    def unsubscribe_then_open(session):  # the founder clicks while the chunk is on its way
        Profile.objects.filter(user=charlie).update(digest_enabled=False)
        return real_open(session)

    monkeypatch.setattr(digest_send.smtp.Session, "_open", unsubscribe_then_open)
    result = digest_send.digests_send(digest_ids=ids)
    assert result.sent == [the_digest(alice).pk] and fault_smtp.delivered[charlie.email] == 0
    assert the_digest(charlie).state == "cancelled"
    assert health(client, settings)["digests"]["failed"] == 0  # unsubscribing is no failure


def test_a_digest_whose_week_ended_is_dropped_not_sent_after_the_next_weeks(alice, fault_smtp):
    [old] = claimed(alice)
    WeeklyDigest.objects.create(
        founder=alice, iso_year=2026, iso_week=50, claimed_at=timezone.now(), state="sent"
    )
    assert digest_send.digests_send(digest_ids=[old]).dropped == [old]
    assert the_digest_of_week(alice, 49).state == "dropped"
    assert fault_smtp.delivered[alice.email] == 0


def the_digest_of_week(user, week):
    return WeeklyDigest.objects.get(founder=user, iso_week=week)


def test_send_digests_exits_non_zero_for_maybe_sent_with_counts(alice, fault_smtp):
    fault_smtp.after_data = "drop"
    plan(alice)
    with pytest.raises(CommandError, match=r"1 × .*maybe sent, resent once later"):
        call_command("send_digests", "--now", "--retries", "0")
    assert fault_smtp.delivered[alice.email] == 1


def test_deleting_a_founder_with_a_digest_on_its_way_succeeds(alice, fault_smtp):
    claimed(alice)
    alice.delete()
    assert not WeeklyDigest.objects.exists()


def test_a_sender_killed_past_the_fence_costs_one_logged_resend_and_never_a_third(
    alice, smtp_server, caplog
):
    """A killed sender leaves its lease with `fenced_at` set: a copy may be out. The takeover
    is the one resend (counted as maybe sent, logged at ERROR); if that sender dies past the
    fence too, nobody sends a third copy."""
    [digest_id] = claimed(alice)
    rows = WeeklyDigest.objects.filter(pk=digest_id)

    def killed_past_the_fence():
        rows.update(
            state="sending",
            lease_token=uuid.uuid4(),
            lease_until=a_moment_ago(),
            fenced_at=a_moment_ago(),
        )

    killed_past_the_fence()
    assert digest_send.digests_send(digest_ids=[digest_id]).sent == [digest_id]
    row = the_digest(alice)
    assert (row.state, row.fenced_at) == ("sent", None) and row.maybe_sent_at is not None
    assert f"digest {digest_id}: its sender died past the fence" in caplog.text
    # The resend's sender died past the fence as well.
    rows.update(state="claimed", sent_at=None)
    killed_past_the_fence()
    result = digest_send.digests_send(digest_ids=[digest_id])
    assert (result.sent, result.maybe_sent) == ([], [digest_id])
    assert the_digest(alice).state == "maybe_sent" and len(smtp_server.messages) == 1
    assert "never a third copy" in caplog.text


def test_a_sender_killed_before_the_fence_is_taken_over_without_counting_a_copy(alice, smtp_server):
    [digest_id] = claimed(alice)
    WeeklyDigest.objects.filter(pk=digest_id).update(
        state="sending", lease_token=uuid.uuid4(), lease_until=a_moment_ago()
    )
    assert digest_send.digests_send(digest_ids=[digest_id]).sent == [digest_id]
    assert the_digest(alice).maybe_sent_at is None
