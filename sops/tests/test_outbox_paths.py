"""Every email path goes through the outbox (issue 20, item 3): the row is written with its
event, and no SMTP conversation happens inside a transaction (so never while row locks are
held); a handover mail whose sender dies after SMTP accepted it is sent at most twice."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail as django_mail
from django.db import connection
from django.utils import timezone

from accounts.roles import CONSULTANTS
from consultants import consulting
from mail import outbox, smtp
from mail.models import OutgoingMail
from mail.tasks import outbox_due
from mail.tests import smtp_support
from sops import mail as sops_mail
from sops import services
from sops.models import HandoverLink
from sops.tasks import notifications_due
from sops.tests.factories import published_va_task
from tasks.tests.factories import make_delegate

fault_smtp = smtp_support.fault_smtp  # the fixture


@pytest.fixture
def watched(monkeypatch):
    """Each SMTP conversation notes whether it ran inside a transaction, and how many row
    locks (on PostgreSQL: tuple and transaction-id locks) this connection held then."""
    seen = []
    real_send = smtp.Session.send

    def send(session, message, **kwargs):
        locks = None
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() "
                    "AND locktype IN ('tuple', 'transactionid')"
                )
                locks = cursor.fetchone()[0]
        seen.append((message.to[0], connection.in_atomic_block, locks))
        return real_send(session, message, **kwargs)

    monkeypatch.setattr(smtp.Session, "send", send)
    return seen


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_email_path_talks_to_smtp_inside_a_transaction(
    client, alice, bob, watched, eager_celery
):
    Group.objects.get_or_create(name=CONSULTANTS)[0].user_set.add(bob)
    _task, instruction, version = published_va_task(alice)
    maria = make_delegate(alice, email="maria@example.com", language="de")
    link = services.handover_link_create(instruction=instruction, delegate=maria)
    client.force_login(alice)
    client.post(f"/instructions/{instruction.pk}/links/{link.pk}/send/", {"note": "Hi"})
    services.handover_acknowledge(link=link, version=version)  # heard back, on commit
    consulting.consultant_invite(consultant=bob, email="new-client@example.com")
    client.logout()
    client.post("/accounts/password_reset/", {"email": "alice@example.com"})
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-secret-1",
            "password2": "a-long-secret-1",
            "language": "en",
        },
    )
    kinds = set(OutgoingMail.objects.values_list("kind", flat=True))
    assert kinds == {"handover", "heard_back", "invite", "password_reset", "confirm"}
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {"sent"}
    assert len(django_mail.outbox) == 5 and len(watched) == 5
    assert all(not in_atomic and not locks for _to, in_atomic, locks in watched), watched
    assert HandoverLink.objects.get(pk=link.pk).mail_state == "sent"


def test_a_handover_mail_whose_sender_dies_after_smtp_accepted_it_is_sent_at_most_twice(
    alice, fault_smtp, monkeypatch
):
    _task, instruction, _version = published_va_task(alice)
    maria = make_delegate(alice, email="maria@example.com")
    link = services.handover_link_create(instruction=instruction, delegate=maria)
    monkeypatch.setattr(outbox, "after_commit", lambda callback: None)  # the task is lost too
    assert sops_mail.handover_mail_queue(link=link, note="")
    row = OutgoingMail.objects.get(kind="handover")

    with monkeypatch.context() as patch:
        patch.setattr(outbox, "_outcome_fields", _killed)
        with pytest.raises(SystemExit):
            outbox.outbox_deliver(mail_ids=[row.pk])
    assert fault_smtp.delivered["maria@example.com"] == 1
    assert HandoverLink.objects.get(pk=link.pk).mail_state == "queued"  # stuck "sending"
    OutgoingMail.objects.filter(pk=row.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert outbox_due() == 1  # the beat recovers it (eager Celery: sent here)
    assert outbox_due() == 0
    assert fault_smtp.delivered["maria@example.com"] == 2
    assert HandoverLink.objects.get(pk=link.pk).mail_state == "sent"


def _killed(*args, **kwargs):
    raise SystemExit("the worker was killed between SMTP's 250 and the record")


def test_a_link_stuck_sending_from_before_the_outbox_is_recovered_by_the_beat(alice, smtp_server):
    _task, instruction, _version = published_va_task(alice)
    maria = make_delegate(alice, email="maria@example.com")
    link = services.handover_link_create(instruction=instruction, delegate=maria)
    HandoverLink.objects.filter(pk=link.pk).update(mail_state=HandoverLink.MAIL_SENDING)
    notifications_due()
    assert HandoverLink.objects.get(pk=link.pk).mail_state == "sent"
    assert [m["to"] for m in smtp_server.messages] == [["maria@example.com"]]
    notifications_due()  # once only
    assert len(smtp_server.messages) == 1
