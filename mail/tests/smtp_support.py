"""A real SMTP server on a free loopback port whose faults a test chooses: a reply to MAIL
FROM or RCPT TO, a pause or a dropped connection after the message data. It counts what it
took, per recipient."""

import asyncio
import socket
from collections import Counter

import pytest
from aiosmtpd.controller import Controller


class FaultInbox:
    def __init__(self):
        self.mail_reply = ""  # e.g. "554 5.7.1 Relay access denied"
        self.rcpt_reply: dict[str, str] = {}  # address → e.g. "550 5.1.1 No such mailbox"
        self.after_data = ""  # "drop": take the message, then close the connection
        self.data_delay = 0.0  # seconds before the final reply
        self.data_reply = ""  # e.g. "451 4.3.0 Try again later"
        self.delivered: Counter[str] = Counter()
        self.message_ids: list[str] = []

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.mail_reply:
            return self.mail_reply
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.rcpt_reply:
            return self.rcpt_reply[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        for rcpt in envelope.rcpt_tos:
            self.delivered[rcpt] += 1
        for line in envelope.content.decode(errors="replace").splitlines():
            if line.lower().startswith("message-id:"):
                self.message_ids.append(line.split(":", 1)[1].strip())
        if self.after_data == "drop":
            server.transport.close()
            return "250 never heard"
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def fault_smtp(settings, eager_celery):
    inbox = FaultInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    try:
        yield inbox
    finally:
        controller.stop()
