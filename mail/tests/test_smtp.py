"""The one SMTP conversation: each outcome class against a real SMTP server (issue 28)."""

import logging
import time

from django.core.mail import EmailMessage

from mail import smtp
from mail.tests import smtp_support

fault_smtp = smtp_support.fault_smtp  # the fixture

TO = "founder@example.com"


def message(to=TO):
    return EmailMessage("Hello", "Body", to=[to], headers={"Message-ID": "<x-1@example.com>"})


class Lease:
    """The caller's fence and renewal, counted."""

    def __init__(self, holds=True):
        self.holds = holds
        self.fenced = 0
        self.renewed = 0

    def fence(self):
        self.fenced += 1
        return self.holds

    def renew(self):
        self.renewed += 1
        return True


def send(msg=None, *, lease=None, lease_seconds=10.0):
    lease = lease or Lease()
    with smtp.Session(lease_seconds=lease_seconds) as session:
        return session.send(
            msg or message(), fence=lease.fence, renew=lease.renew, label="mail 1"
        ), lease


def test_accepted_is_sent_once_with_its_message_id(fault_smtp):
    reply, lease = send()
    assert reply.outcome is smtp.Outcome.SENT and lease.fenced == 1
    assert fault_smtp.delivered[TO] == 1
    assert fault_smtp.message_ids == ["<x-1@example.com>"]


def test_a_connection_dropped_after_the_data_is_maybe_sent_not_not_sent(fault_smtp, caplog):
    caplog.set_level(logging.ERROR, logger="mail")
    fault_smtp.after_data = "drop"
    reply, _lease = send()
    assert reply.outcome is smtp.Outcome.MAYBE_SENT
    assert fault_smtp.delivered[TO] == 1  # the server had it
    assert "maybe sent" in caplog.text


def test_a_server_silent_after_the_data_is_maybe_sent_after_the_reply_wait(fault_smtp, settings):
    settings.MAIL_DATA_REPLY_SECONDS = 1
    fault_smtp.data_delay = 5
    started = time.monotonic()
    reply, _lease = send()
    assert reply.outcome is smtp.Outcome.MAYBE_SENT
    assert 1 <= time.monotonic() - started < 4


def test_a_slow_reply_after_the_data_is_awaited_past_the_lease_which_is_renewed(
    fault_smtp, settings
):
    settings.MAIL_DATA_REPLY_SECONDS = 30
    settings.EMAIL_TIMEOUT = 0.5  # the command timeout does not cap the final reply's wait
    fault_smtp.data_delay = 2.0
    reply, lease = send(lease_seconds=1.2)
    assert reply.outcome is smtp.Outcome.SENT
    assert lease.renewed >= 2 and fault_smtp.delivered[TO] == 1


def test_554_to_mail_from_is_the_senders_fault_not_the_recipients(fault_smtp):
    fault_smtp.mail_reply = "554 5.7.1 Relay access denied"
    reply, _lease = send()
    assert reply.outcome is smtp.Outcome.SENDER_REFUSED
    assert reply.error.startswith(smtp.SENDER_REFUSED_LABEL) and "554" in reply.error
    assert fault_smtp.delivered[TO] == 0


def test_550_to_rcpt_to_is_final_for_that_recipient_and_the_session_goes_on(fault_smtp):
    fault_smtp.rcpt_reply["gone@example.com"] = "550 5.1.1 No such mailbox"
    lease = Lease()
    with smtp.Session(lease_seconds=10) as session:
        first = session.send(
            message("gone@example.com"), fence=lease.fence, renew=lease.renew, label="a"
        )
        second = session.send(message(), fence=lease.fence, renew=lease.renew, label="b")
    assert first.outcome is smtp.Outcome.REJECTED and "550" in first.error
    assert second.outcome is smtp.Outcome.SENT
    assert fault_smtp.delivered == {TO: 1}


def test_451_after_the_data_is_a_retry(fault_smtp):
    fault_smtp.data_reply = "451 4.3.0 Try again later"
    reply, _lease = send()
    assert reply.outcome is smtp.Outcome.RETRY and "451" in reply.error


def test_no_server_is_a_retry(settings):
    settings.EMAIL_BACKEND = smtp.SMTP_BACKEND
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_support.free_port()
    reply, lease = send()
    assert reply.outcome is smtp.Outcome.RETRY and lease.fenced == 0


def test_a_sender_whose_lease_is_gone_sends_nothing_and_warns(fault_smtp, caplog):
    caplog.set_level(logging.WARNING, logger="mail")
    reply, lease = send(lease=Lease(holds=False))
    assert reply.outcome is smtp.Outcome.LEASE_LOST and lease.fenced == 1
    assert fault_smtp.delivered[TO] == 0
    assert any(
        r.levelname == "WARNING" and "lease is gone" in r.getMessage() for r in caplog.records
    )
