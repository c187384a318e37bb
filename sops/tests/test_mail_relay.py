"""Security issue #19, the open relay: "Send to …" on a handover link must not let anyone —
least of all an account signed up a second ago — make the app mail strangers without end.
Counted at a real SMTP server on loopback."""

import logging

import pytest
from django.utils import timezone

from accounts import ratelimit
from accounts.models import Profile
from accounts.services import founder_signup
from sops import mail, services
from sops.models import NOTE_MAX, HandoverEvent, HandoverLink
from sops.tests.factories import published_va_task
from tasks.models import Delegate
from tasks.tests.factories import make_delegate


def _link(owner, email="target@example.com"):
    _task, instruction, _version = published_va_task(owner, title="Your account is suspended")
    link = services.handover_link_create(
        instruction=instruction, delegate=make_delegate(owner, email=email)
    )
    return instruction, link


def _send(client, instruction, link, capture, note="Hi"):
    """POST "Send to …", then do what the worker does with what was queued."""
    with capture():
        response = client.post(
            f"/instructions/{instruction.pk}/links/{link.pk}/send/", {"note": note}, follow=True
        )
    for queued in HandoverLink.objects.filter(mail_state=HandoverLink.MAIL_QUEUED):
        mail.handover_mail_deliver(link_id=queued.pk)
    return response


def test_twenty_posts_send_at_most_the_limit(
    alice_client, alice, smtp_server, django_capture_on_commit_callbacks
):
    instruction, link = _link(alice)
    for _ in range(20):
        _send(alice_client, instruction, link, django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == ratelimit.HANDOVER_LINK.count == 3


def test_changing_the_delegates_address_does_not_reset_the_limit(
    alice_client, alice, smtp_server, django_capture_on_commit_callbacks
):
    instruction, link = _link(alice)
    for n in range(10):
        Delegate.objects.filter(pk=link.delegate_id).update(email=f"victim{n}@example.com")
        _send(alice_client, instruction, link, django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == 3


def test_many_links_stop_at_the_founders_limit(
    alice_client, alice, smtp_server, django_capture_on_commit_callbacks
):
    for n in range(ratelimit.FOUNDER_MAIL.count + 3):
        instruction, link = _link(alice, email=f"person{n}@example.com")
        response = _send(alice_client, instruction, link, django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == ratelimit.FOUNDER_MAIL.count
    assert "too many emails" in response.content.decode()


def test_one_address_gets_at_most_its_limit_from_many_links(
    alice_client, alice, smtp_server, django_capture_on_commit_callbacks
):
    for _ in range(8):
        instruction, link = _link(alice, email="victim@example.com")
        _send(alice_client, instruction, link, django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == ratelimit.MAIL_TO.count


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Confirm your email address first"), ("de", "Bestätige zuerst deine E-Mail-Adresse")],
)
def test_an_unconfirmed_account_sends_no_handover_link(
    client, db, smtp_server, django_capture_on_commit_callbacks, language, words
):
    mallory = founder_signup(email="mallory@example.com", password="m-long-secret-1")
    Profile.objects.filter(user=mallory).update(language=language)
    client.force_login(mallory)
    instruction, link = _link(mallory)
    response = _send(client, instruction, link, django_capture_on_commit_callbacks)
    assert words in response.content.decode()
    assert smtp_server.messages == []
    assert mail.handover_mail_queue(link=link, note="") is False


def test_the_note_is_bounded(alice_client, alice, smtp_server, django_capture_on_commit_callbacks):
    instruction, link = _link(alice)
    response = _send(
        alice_client, instruction, link, django_capture_on_commit_callbacks, "x" * 2000
    )
    assert smtp_server.messages == []
    assert f"at most {NOTE_MAX} characters" in response.content.decode()


def test_an_unconfirmed_founder_hears_no_news(db, smtp_server):
    mallory = founder_signup(email="mallory@example.com", password="m-long-secret-1")
    _instruction, link = _link(mallory)
    HandoverEvent.objects.create(
        founder=mallory, link=link, kind=HandoverEvent.ACKNOWLEDGED, version_number=1
    )
    assert mail.notifications_deliver(founder_id=mallory.pk, now=timezone.now()) == 0
    assert mail.founders_waiting(now=timezone.now()) == []
    assert smtp_server.messages == []


def test_each_send_is_logged_with_who_to_whom_and_why(
    alice_client, alice, smtp_server, django_capture_on_commit_callbacks, caplog
):
    instruction, link = _link(alice)
    with caplog.at_level(logging.INFO, logger="outsourcing.mail"):
        _send(alice_client, instruction, link, django_capture_on_commit_callbacks)
    (record,) = [r for r in caplog.records if r.name == "outsourcing.mail"]
    assert record.getMessage() == (
        "mail handover link to target@example.com, caused by alice@example.com"
    )
