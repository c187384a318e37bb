"""Every email a German founder, delegate or invitee receives (issue 27), triggered through the
app's pages and services and read as sent — subject, text and HTML part — finds no English
word, no "Sie"-form and none of the terms the glossary rules out."""

import re
from decimal import Decimal
from email import message_from_bytes, policy
from html import unescape

import pytest
from django.core import mail
from django.utils import timezone, translation

from accounts.consultants import consultant_create
from consultants import consulting
from digest.tests.digest_support import claim_and_send, plan, subject
from privacy import export_service
from privacy import services as privacy_services
from sops import rules
from sops import services as sops_services
from sops.mail import handover_mail_queue
from sops.tests.factories import make_instruction
from tasks.tests.factories import make_delegate, make_task
from tasks.tests.german_support import english_words, forbidden_words, formal_address

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _commit_at_once(commit_at_once, settings):
    """What waits for the commit runs at once (conftest.commit_at_once), news mail too."""
    settings.HEARD_BACK_AT_ONCE = True


def _text(html: str) -> str:
    html = re.sub(r"<(script|style|head)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def problems(message) -> list:
    """A received message (as the SMTP server on loopback got it): subject, text, HTML."""
    texts = [subject(message)]
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            texts.append(part.get_content())
        elif part.get_content_type() == "text/html":
            texts.append(_text(part.get_content()))
    text = "\n".join(texts)
    return english_words(text) + forbidden_words(text) + formal_address(text)


@pytest.fixture
def founder(alice):
    profile = alice.profile
    profile.language, profile.hourly_value = "de", Decimal("80")
    profile.display_name, profile.business_name = "Anna Weber", "Weber Design"
    profile.save()
    make_task(alice, title="Posteingang sortieren", area="admin", recurring=True, skill=4)
    make_task(alice, title="Jahresabschluss", area="finance", skill=1, enjoyment=2)
    return alice


def _instruction(founder):
    steps = [rules.StepData(text="Belege aus dem Postfach laden", expected="Alles im Ordner")]
    instruction = make_instruction(founder, title="Belege buchen", steps=steps)
    sops_services.instruction_publish(instruction=instruction, by=founder)
    return instruction


def _sent(inbox, kind_words: str):
    """The messages received since the last call, each checked; fails when none came."""
    sent = [received["message"] for received in inbox.messages]
    inbox.messages.clear()
    assert sent, f"no {kind_words} was sent"
    return {f"{kind_words}: {subject(m)}": found for m in sent if (found := problems(m))}


def test_every_email_a_german_founder_delegate_or_invitee_gets_is_german(
    client, founder, smtp_server
):
    found = {}
    client.cookies["django_language"] = "de"

    client.post(
        "/accounts/signup/",
        {"email": "neu@example.com", "password1": "ein-langes-Passwort-9",
         "password2": "ein-langes-Passwort-9", "language": "de", "time_zone": "Europe/Berlin"},
    )  # fmt: skip
    found |= _sent(smtp_server, "sign-up confirmation")
    client.post(
        "/accounts/signup/",
        {"email": "neu@example.com", "password1": "ein-langes-Passwort-9",
         "password2": "ein-langes-Passwort-9", "language": "de", "time_zone": "Europe/Berlin"},
    )  # fmt: skip
    found |= _sent(smtp_server, "sign-up with a taken address")

    client.post("/accounts/password_reset/", {"email": founder.email})
    found |= _sent(smtp_server, "password reset")

    consultant = consultant_create(email="berta@example.com", password="berta-password-1")
    with translation.override("de"):
        consulting.consultant_invite(consultant=consultant, email="gruender@example.com")
    found |= _sent(smtp_server, "invitation")

    instruction = _instruction(founder)
    maria = make_delegate(founder, name="Maria", email="maria@example.com", language="de")
    link = sops_services.handover_link_create(instruction=instruction, delegate=maria)
    handover_mail_queue(link=link, note="Bitte ab Montag")
    found |= _sent(smtp_server, "handover link")

    version = instruction.latest_version()
    sops_services.handover_acknowledge(link=link, version=version)
    found |= _sent(smtp_server, "heard back: read and confirmed")
    sops_services.run_record(
        version=version, performed_on=timezone.localdate(), performed_by="Maria",
        checked_steps=[0], minutes=25, notes="Ein Beleg fehlt", urgent=True, link=link,
    )  # fmt: skip
    found |= _sent(smtp_server, "heard-back notification")

    plan(founder, weekly_capacity=10)
    claim_and_send()
    found |= _sent(smtp_server, "weekly digest")

    client.force_login(founder)
    client.post("/digest/test/")
    found |= _sent(smtp_server, "digest test")

    export_service.export_request(founder=founder)
    found |= _sent(smtp_server, "data-export link")

    privacy_services.account_delete(user=founder)
    found |= _sent(smtp_server, "goodbye after deletion")

    assert not found, found


def test_the_check_finds_an_english_leftover_in_an_email():
    message = mail.EmailMultiAlternatives("Dein Wochenüberblick", "Hallo,\nyour tasks", to=["a@b"])
    message.attach_alternative("<p>Bitte prüfen Sie das.</p>", "text/html")
    received = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    assert problems(received) == ["tasks", "your", "Sie"]


def test_a_weekly_digest_in_german_is_sent_on_monday(founder, smtp_server):
    """The digest above is a real one: its subject names the calendar week."""
    plan(founder, weekly_capacity=10)
    claim_and_send()
    (received,) = smtp_server.messages
    title = subject(received["message"])
    assert "KW" in title or "Woche" in title, title
