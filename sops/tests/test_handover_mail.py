"""Sending the link to a delegate, and the founder hearing back: what a real SMTP server on
loopback receives. The Celery tasks are thin; the services they call are exercised here,
and that the views dispatch them (on commit) is asserted on the captured callbacks."""

import re
from datetime import date, timedelta

import pytest
from django.core import signing
from django.utils import timezone

from accounts.models import Profile
from mail.models import OutgoingMail
from sops import mail, services
from sops.models import LINK_SALT, HandoverEvent, HandoverLink
from sops.tests.factories import published_va_task
from tasks.tests.factories import make_delegate


@pytest.fixture
def shared(alice):
    _task, instruction, version = published_va_task(alice)
    maria = make_delegate(alice, email="maria@example.com", language="de")
    link = services.handover_link_create(instruction=instruction, delegate=maria)
    return instruction, version, link


def _parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_send_to_delegate_mails_the_link_in_their_language_once(alice_client, shared, smtp_server):
    instruction, _version, link = shared
    response = alice_client.post(
        f"/instructions/{instruction.pk}/links/{link.pk}/send/",
        {"note": "Bitte ab Montag & täglich."},
    )
    assert response.status_code == 302
    assert mail.handover_mail_deliver(link_id=link.pk) is False  # a redelivery: nothing to do
    outgoing = OutgoingMail.objects.get()
    assert (outgoing.kind, outgoing.to, outgoing.caused_by) == (
        "handover",
        "maria@example.com",
        link.instruction.owner,
    )
    (received,) = smtp_server.messages
    assert received["to"] == ["maria@example.com"]
    message = received["message"]
    assert message["Subject"] == "Arbeitsanweisung: Inbox triage"
    assert message["Reply-To"] == "alice@example.com"
    text, html = _parts(message)
    # Each rendering signs the URL afresh (with a timestamp): compare the token it carries.
    assert _token_in(text) == _token_in(html) == link.token
    assert "Bitte ab Montag & täglich." in text and "Bitte ab Montag &amp; täglich." in html
    assert "Hallo Maria" in text
    assert HandoverLink.objects.get(pk=link.pk).mail_state == "sent"
    page = alice_client.get(f"/instructions/{instruction.pk}/").content.decode()
    assert "emailed" in page and "data-copy=" in page and "user-select-all" in page


def test_a_delegate_without_an_address_gets_nothing_and_the_founder_is_told(alice_client, alice):
    _task, instruction, _version = published_va_task(alice)
    link = services.handover_link_create(instruction=instruction, delegate=make_delegate(alice))
    response = alice_client.post(
        f"/instructions/{instruction.pk}/links/{link.pk}/send/", {"note": ""}, follow=True
    )
    assert "has no email address" in response.content.decode()
    assert HandoverLink.objects.get(pk=link.pk).mail_state == ""


def test_another_founders_link_cannot_be_sent(alice_client, charlie):
    _task, instruction, _version = published_va_task(charlie, title="Theirs")
    delegate = make_delegate(charlie, email="x@example.com")
    link = services.handover_link_create(instruction=instruction, delegate=delegate)
    response = alice_client.post(f"/instructions/{instruction.pk}/links/{link.pk}/send/")
    assert response.status_code == 404


def _run(version, link, *, checked, notes=""):
    return services.run_record(
        version=version,
        performed_on=date(2026, 11, 20),
        performed_by="Maria",
        checked_steps=checked,
        minutes=25,
        notes=notes,
        link=link,
    )


def test_the_founder_hears_back_at_most_once_an_hour_with_everything(
    alice, shared, smtp_server, django_capture_on_commit_callbacks
):
    _instruction, version, link = shared
    now = timezone.now()
    with django_capture_on_commit_callbacks() as callbacks:
        services.handover_acknowledge(link=link, version=version)
        services.handover_acknowledge(link=link, version=version)  # no news the second time
    # One news email queued (the other callbacks renew the founder's signed-in copy).
    assert len([call for call in callbacks if "notifications_send" in repr(call)]) == 1
    assert mail.notifications_deliver(founder_id=alice.pk, now=now) == 1
    (first,) = smtp_server.messages
    assert first["to"] == ["alice@example.com"]
    assert first["message"]["Subject"] == "Maria read your work instruction: Inbox triage"

    _run(version, link, checked=[0, 2], notes="Zugang fehlt")
    _run(version, link, checked=[0, 1, 2])
    # Within the hour: nothing goes, the news waits.
    assert mail.notifications_deliver(founder_id=alice.pk, now=now + timedelta(minutes=59)) == 0
    assert mail.founders_waiting(now=now + timedelta(minutes=59)) == []
    later = now + timedelta(hours=1)
    assert mail.founders_waiting(now=later) == [alice.pk]
    assert mail.notifications_deliver(founder_id=alice.pk, now=later) == 2
    assert mail.notifications_deliver(founder_id=alice.pk, now=later) == 0
    assert len(smtp_server.messages) == 2
    text, html = _parts(smtp_server.messages[1]["message"])
    assert smtp_server.messages[1]["message"]["Subject"] == "News from your delegates (2 updates)"
    assert "2 of 3 steps checked" in text and "Not checked: Answer routine mail" in text
    assert "Their note: Zugang fehlt" in text and "3 of 3 steps checked" in text
    assert "Not checked:" in html
    assert not HandoverEvent.objects.filter(notified_at=None).exists()


def test_a_founder_who_turned_it_off_gets_no_email(alice, shared, smtp_server):
    _instruction, version, link = shared
    Profile.objects.filter(user=alice).update(notify_enabled=False)
    services.handover_acknowledge(link=link, version=version)
    assert mail.notifications_deliver(founder_id=alice.pk) == 0
    assert mail.founders_waiting(now=timezone.now()) == []
    assert smtp_server.messages == []


def test_a_german_founder_hears_back_in_german(alice, shared, smtp_server):
    _instruction, version, link = shared
    Profile.objects.filter(user=alice).update(language="de")
    services.handover_acknowledge(link=link, version=version)
    _run(version, link, checked=[0])
    mail.notifications_deliver(founder_id=alice.pk)
    text, _html = _parts(smtp_server.messages[0]["message"])
    assert "1 von 3 Schritten abgehakt" in text


def test_an_smtp_failure_keeps_the_news_in_the_outbox_for_the_next_try(
    alice, shared, settings, django_capture_on_commit_callbacks, eager_celery
):
    _instruction, version, link = shared
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nobody listens there
    services.handover_acknowledge(link=link, version=version)
    with django_capture_on_commit_callbacks(execute=True):
        assert mail.notifications_deliver(founder_id=alice.pk) == 1
    outgoing = OutgoingMail.objects.get(kind="heard_back")
    assert (outgoing.state, outgoing.attempts, outgoing.to) == ("queued", 1, "alice@example.com")
    assert "ConnectionRefused" in outgoing.last_error and outgoing.retry_at is not None


def _token_in(text):
    signed = re.search(r"/instructions/handover/([^/\s\"]+)/", text).group(1)
    return signing.loads(signed, salt=LINK_SALT)
