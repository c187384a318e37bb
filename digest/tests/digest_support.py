"""Helpers for the digest tests: schedules, reading what the SMTP server received, and an SMTP
server on loopback that answers with chosen errors first."""

import re
import socket
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from accounts.models import Profile
from digest import sending as digest_send
from digest import services as digest
from digest.models import DigestSlot, WeeklyDigest

# Monday 30 Nov 2026, 09:00 UTC: Berlin's default slot (Monday 08:00 = 07:00 UTC) has come.
MONDAY = datetime(2026, 11, 30, 9, tzinfo=UTC)
LINK = re.compile(r"https?://[^\s\"<>]+")


def plan(user, *, weekday=0, hour=8, zone="Europe/Berlin", next_at=None, **fields):
    """The founder's schedule, and their digest slot planned for it at `next_at` (None: not
    computed, so the next claim claims this week's digest if its slot has come)."""
    Profile.objects.filter(user=user).update(
        digest_weekday=weekday, digest_hour=hour, time_zone=zone, **fields
    )
    DigestSlot.objects.update_or_create(
        founder=user,
        defaults={"next_digest_at": next_at, "weekday": weekday, "hour": hour, "time_zone": zone},
    )


def next_at(user):
    """The founder's next digest time as the digest planned it (None: not planned)."""
    slot = DigestSlot.objects.filter(founder=user).first()
    return slot and slot.next_digest_at


def as_read(users) -> list[Profile]:
    """Profiles read with their slots, as a claimer reads them (the compare-and-swap's values)."""
    return list(digest.with_slots(Profile.objects.filter(user__in=users)).order_by("user_id"))


def claim_and_send(*, now=MONDAY, force=False, founders=None) -> digest_send.SendResult:
    ids = founders or digest.due_founder_ids(now=now, force=force)
    return digest_send.digests_send(
        digest_ids=digest.digests_claim(founder_ids=ids, now=now, force=force), now=now
    )


def parts(message) -> dict[str, str]:
    """{"text/plain": ..., "text/html": ...} of a received multipart/alternative message."""
    assert message.get_content_type() == "multipart/alternative"
    return {part.get_content_type(): part.get_content() for part in message.iter_parts()}


def subject(message) -> str:
    # An encoded (non-ASCII) subject may come back folded with leading whitespace.
    return " ".join(str(message["Subject"]).split())


def links(text: str) -> list[str]:
    return LINK.findall(text)


def unsubscribe_link(message) -> str:
    header = str(message["List-Unsubscribe"])
    match = re.fullmatch(r"<(https?://\S+)>", " ".join(header.split()))
    assert match, header
    return match.group(1)


def the_digest(user) -> WeeklyDigest:
    return WeeklyDigest.objects.get(founder=user)


class ScriptedInbox:
    """Answers DATA with the scripted replies first ("451 …", "550 …"), then accepts."""

    def __init__(self):
        self.replies: list[str] = []
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        if self.replies:
            return self.replies.pop(0)
        self.messages.append(
            {"message": message_from_bytes(envelope.content, policy=policy.default)}
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def scripted_smtp(settings):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    inbox = ScriptedInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    try:
        yield inbox
    finally:
        controller.stop()
