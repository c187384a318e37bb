"""The outbox: a row with its event, sent on commit under a lease, every outcome recorded."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from mail import outbox
from mail.models import OutgoingMail
from mail.tasks import outbox_due
from mail.tests import smtp_support

fault_smtp = smtp_support.fault_smtp  # the fixture
TO = "someone@example.com"


def message():
    email = EmailMultiAlternatives("Subject", "Text", to=[TO])
    email.attach_alternative("<p>HTML</p>", "text/html")
    return email


def a_moment_ago():
    return timezone.now() - timedelta(seconds=1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_without_redis_the_mail_goes_out_at_once_after_the_commit_and_never_on_rollback(
    eager_celery,
):
    with transaction.atomic():
        row = outbox.mail_enqueue(message=message(), kind="test")
        assert django_mail.outbox == []  # not inside the transaction
    [sent] = django_mail.outbox
    assert (sent.to, sent.subject, sent.alternatives[0][1]) == ([TO], "Subject", "text/html")
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("sent", 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.mail_enqueue(message=message(), kind="test")
        raise RuntimeError("the event failed")
    assert OutgoingMail.objects.count() == 1 and len(django_mail.outbox) == 1


def test_a_temporary_failure_is_retried_with_backoff_then_sent_once(db, fault_smtp, settings):
    settings.MAIL_RETRY_DELAYS = [60]
    fault_smtp.data_reply = "451 4.3.0 Try again later"
    row = outbox.mail_enqueue(message=message(), kind="test")
    assert outbox.outbox_deliver(mail_ids=[row.pk]) == {"retry": 1}
    row.refresh_from_db()
    assert row.state == "queued" and row.retry_at > timezone.now() + timedelta(seconds=50)
    assert outbox.outbox_deliver(mail_ids=[row.pk]) == {}  # not before its time
    fault_smtp.data_reply = ""
    OutgoingMail.objects.filter(pk=row.pk).update(retry_at=a_moment_ago())
    assert outbox.outbox_deliver(mail_ids=[row.pk]) == {"sent": 1}
    assert outbox.outbox_deliver(mail_ids=[row.pk]) == {}
    assert fault_smtp.delivered[TO] == 1


def test_a_refused_sender_waits_and_says_so_and_attempts_end_in_failed(db, fault_smtp, settings):
    settings.MAIL_MAX_ATTEMPTS = 2
    fault_smtp.mail_reply = "554 5.7.1 Relay access denied"
    row = outbox.mail_enqueue(message=message(), kind="test")
    outbox.outbox_deliver(mail_ids=[row.pk])
    row.refresh_from_db()
    assert row.state == "queued" and row.last_error.startswith("SMTP refused the sender")
    assert outbox.outbox_counts(now=timezone.now())["sender_refused"] == 1
    OutgoingMail.objects.filter(pk=row.pk).update(retry_at=a_moment_ago())
    outbox.outbox_deliver(mail_ids=[row.pk])
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("failed", 2)


def test_a_rejected_recipient_is_final(db, fault_smtp):
    fault_smtp.rcpt_reply[TO] = "550 5.1.1 No such mailbox"
    row = outbox.mail_enqueue(message=message(), kind="test")
    assert outbox.outbox_deliver(mail_ids=[row.pk]) == {"rejected": 1}
    row.refresh_from_db()
    assert row.state == "failed" and "550" in row.last_error


def test_maybe_sent_is_resent_once_after_the_delay_and_never_again(db, fault_smtp, settings):
    fault_smtp.after_data = "drop"
    row = outbox.mail_enqueue(message=message(), kind="test")
    outbox.outbox_deliver(mail_ids=[row.pk])
    row.refresh_from_db()
    assert row.state == "queued" and row.maybe_sent_at is not None
    assert row.retry_at > timezone.now() + timedelta(
        seconds=settings.MAIL_MAYBE_SENT_RESEND_SECONDS - 5
    )
    assert outbox.outbox_counts(now=timezone.now())["maybe_sent"] == 1
    OutgoingMail.objects.filter(pk=row.pk).update(retry_at=a_moment_ago())
    outbox.outbox_deliver(mail_ids=[row.pk])
    row.refresh_from_db()
    assert row.state == "maybe_sent"
    OutgoingMail.objects.filter(pk=row.pk).update(retry_at=a_moment_ago())
    assert outbox.waiting_mail_ids() == []
    assert fault_smtp.delivered[TO] == 2 and len(set(fault_smtp.message_ids)) == 1


def test_a_sender_killed_after_smtp_accepted_is_recovered_by_the_beat_sent_at_most_twice(
    db, fault_smtp, monkeypatch
):
    row = outbox.mail_enqueue(message=message(), kind="test")

    def killed(*args, **kwargs):
        raise SystemExit("the worker was killed before the record")

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "_outcome_fields", killed)
        with pytest.raises(SystemExit):
            outbox.outbox_deliver(mail_ids=[row.pk])
    row.refresh_from_db()
    assert row.state == "sending" and fault_smtp.delivered[TO] == 1
    assert outbox_due() == 0  # the lease still runs: nobody takes it over early
    OutgoingMail.objects.filter(pk=row.pk).update(lease_until=a_moment_ago())
    assert outbox_due() == 1  # eager Celery: the beat's send task runs here
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("sent", 2)
    assert outbox_due() == 0
    assert fault_smtp.delivered[TO] == 2


def test_a_resend_whose_sender_is_killed_past_the_fence_too_is_never_sent_a_third_time(
    db, fault_smtp, monkeypatch, caplog
):
    row = outbox.mail_enqueue(message=message(), kind="test")

    def killed(*args, **kwargs):
        raise SystemExit("the worker was killed before the record")

    monkeypatch.setattr(outbox, "_outcome_fields", killed)
    for _kill in range(2):  # the first send, then the takeover: both killed after the data
        with pytest.raises(SystemExit):
            outbox.outbox_deliver(mail_ids=[row.pk])
        OutgoingMail.objects.filter(pk=row.pk).update(lease_until=a_moment_ago())
    assert f"mail {row.pk}: its sender died past the fence" in caplog.text
    assert outbox.outbox_deliver(mail_ids=[row.pk]) == {}
    row.refresh_from_db()
    assert row.state == "maybe_sent" and fault_smtp.delivered[TO] == 2
    assert outbox.waiting_mail_ids() == [] and "never a third copy" in caplog.text
