"""Fault injection, round two (issue 28): real PostgreSQL, a redis-server, an SMTP server and
Celery processes of the test's own, as in test_digest_faults.py. Each test counts the copies
each founder got at the SMTP server."""

import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from accounts import schedule
from accounts.models import Profile
from digest.models import WeeklyDigest
from digest.services import digest_unsubscribe
from digest.tests import fault_support
from digest.tests.fault_support import (
    HEALTH_TOKEN,
    copies,
    due_founders,
    settle,
    skewed_clock,
    states,
    wait_for,
)

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
rig = fault_support.rig  # the fixture


def health(client) -> dict:
    return client.get("/healthz", HTTP_X_HEALTHZ_TOKEN=HEALTH_TOKEN).json()


def done(count: int) -> bool:
    final = ("sent", "failed", "maybe_sent", "dropped", "cancelled")
    return WeeklyDigest.objects.filter(state__in=final).count() == count


def test_a_lost_reply_is_maybe_sent_and_resent_once_with_the_same_message_id(rig, client):
    inbox = rig.smtp.inbox
    inbox.drop_after_data = True  # the server takes each message, then hangs up
    founders = due_founders(3)
    rig.beat()
    rig.worker()
    wait_for(
        lambda: WeeklyDigest.objects.filter(maybe_sent_at__isnull=False).count() == 3,
        what="three maybe-sent digests",
    )
    assert copies(inbox, founders) == {f.email: 1 for f in founders}
    body = health(client)
    assert body["digests"]["maybe_sent"] == 3 and body["digests"]["failed"] == 0
    inbox.drop_after_data = False
    wait_for(lambda: done(3), seconds=60)
    settle()
    # The one resend the README names: two copies, one Message-ID, never a third.
    assert copies(inbox, founders) == {f.email: 2 for f in founders}
    assert all(len(inbox.message_ids[f.email]) == 1 for f in founders)
    assert states() == {"sent": 3}


def test_a_slow_reply_and_a_beat_and_worker_30_s_ahead_send_nobody_twice(rig, tmp_path):
    inbox = rig.smtp.inbox
    inbox.data_delay = 9  # longer than the 8 s lease: renewed while the reply is awaited
    founders = due_founders(1)
    rig.worker()
    # Their clock is 30 s ahead: under the old code every lease looked expired to them, the
    # beat handed the row on and this worker took it over mid-send.
    skew = skewed_clock(tmp_path, 30)
    rig.beat(**skew)
    rig.worker(**skew)
    wait_for(lambda: done(1), seconds=60)
    settle()
    assert copies(inbox, founders) == {f.email: 1 for f in founders}
    assert states() == {"sent": 1}


def test_a_relay_refusing_the_sender_for_a_while_loses_nobodys_week(rig, client):
    inbox = rig.smtp.inbox
    inbox.mail_reply = "554 5.7.1 Relay access denied"
    founders = due_founders(3)
    rig.beat()
    rig.worker()
    refused = WeeklyDigest.objects.filter(last_error__startswith="SMTP refused the sender")
    wait_for(lambda: refused.count() == 3, what="three refused senders")
    body = health(client)
    assert body["status"] == "degraded" and body["digests"]["sender_refused"] == 3
    assert body["digests"]["failed"] == 0
    inbox.mail_reply = ""
    wait_for(lambda: done(3), seconds=60)
    settle()
    assert copies(inbox, founders) == {f.email: 1 for f in founders}
    assert states() == {"sent": 3}


def test_a_sender_paused_past_its_lease_then_resumed_sends_at_most_one_more(rig):
    inbox = rig.smtp.inbox
    inbox.delay = 1.0
    first, second = founders = due_founders(2)
    rig.beat()
    paused = rig.worker()
    wait_for(lambda: inbox.started >= 1, what="the first MAIL FROM")
    paused.send_signal(signal.SIGSTOP)  # past its fence, mid-conversation
    rig.worker()  # takes both over once the lease has expired
    wait_for(lambda: done(2), seconds=60)
    paused.send_signal(signal.SIGCONT)
    time.sleep(4)  # the resumed sender finishes its conversation, then stops at the fence
    settle()
    got = copies(inbox, founders)
    assert got[first.email] <= 2 and got[second.email] == 1
    assert states() == {"sent": 2}


def test_founders_who_unsubscribe_mid_chunk_get_nothing_more(rig, client):
    inbox = rig.smtp.inbox
    inbox.delay = 0.4
    founders = due_founders(10)
    rig.beat()
    rig.worker()
    wait_for(lambda: inbox.total() >= 2, what="the first deliveries")
    leaving = founders[-4:]  # later in the chunk than the message in flight
    for founder in leaving:
        digest_unsubscribe(profile=Profile.objects.get(user=founder))
    wait_for(lambda: done(10), seconds=60)
    settle()
    assert copies(inbox, leaving) == {f.email: 0 for f in leaving}
    assert copies(inbox, founders[:-4]) == {f.email: 1 for f in founders[:-4]}
    assert states() == {"sent": 6, "cancelled": 4}
    assert health(client)["digests"]["failed"] == 0


def test_after_an_outage_across_a_week_boundary_the_old_week_is_dropped_not_sent_late(rig):
    rig.smtp.down()
    founders = due_founders(3)
    rig.beat()
    rig.worker()
    wait_for(lambda: WeeklyDigest.objects.filter(attempts__gte=1).count() == 3)
    # Meanwhile the next week began and its digests were claimed.
    for row in WeeklyDigest.objects.all():
        week = schedule.IsoWeek(row.iso_year, row.iso_week).next()
        WeeklyDigest.objects.create(
            founder_id=row.founder_id,
            iso_year=week.year,
            iso_week=week.week,
            claimed_at=timezone.now(),
            retry_until=timezone.now() + timedelta(days=7),
        )
    rig.smtp.up()
    wait_for(lambda: done(6), seconds=60)
    settle()
    assert copies(rig.smtp.inbox, founders) == {f.email: 1 for f in founders}
    assert states() == {"sent": 3, "dropped": 3}


def test_send_digests_against_a_relay_that_hangs_up_exits_non_zero_with_counts(rig):
    rig.smtp.inbox.drop_after_data = True
    founders = due_founders(2)
    command = rig.command("send_digests", "--now", "--retries", "1")
    assert command.wait(timeout=60) != 0
    output = Path(command.log_path).read_text()
    assert "2 maybe sent" in output and "0 left without a row" in output
    assert copies(rig.smtp.inbox, founders) == {f.email: 1 for f in founders}


def test_a_handover_mail_whose_worker_is_killed_after_the_data_is_sent_at_most_twice(
    rig, alice, monkeypatch
):
    from mail import outbox
    from mail.models import OutgoingMail
    from sops import mail as sops_mail
    from sops import services as sops_services
    from sops.models import HandoverLink
    from sops.tests.factories import published_va_task
    from tasks.tests.factories import make_delegate

    inbox = rig.smtp.inbox
    inbox.data_delay = 3  # the server has the message; its reply is slow
    _task, instruction, _version = published_va_task(alice)
    maria = make_delegate(alice, email="maria@example.com")
    link = sops_services.handover_link_create(instruction=instruction, delegate=maria)
    monkeypatch.setattr(outbox, "after_commit", lambda callback: None)  # the beat sends it
    assert sops_mail.handover_mail_queue(link=link, note="")
    rig.beat()
    worker = rig.worker()
    wait_for(lambda: inbox.delivered["maria@example.com"] == 1, what="the first copy")
    worker.send_signal(signal.SIGKILL)  # before the reply, so before the record
    worker.wait()
    inbox.data_delay = 0
    rig.worker()
    wait_for(lambda: OutgoingMail.objects.filter(state="sent").exists(), seconds=60)
    settle()
    assert inbox.delivered["maria@example.com"] == 2  # at most twice, never lost
    assert HandoverLink.objects.get(pk=link.pk).mail_state == "sent"
