"""The one SMTP conversation every email of the app goes through (issue 28).

`Session.send` talks to the server itself (smtplib, command by command), because what a
failure means depends on *when* it happens:

- before the message data has gone out (connect, greeting, HELO, AUTH, MAIL FROM, RCPT TO,
  DATA): nothing was delivered. A 4xx or a lost connection is worth another try (RETRY); a 5xx
  to RCPT TO is final for that recipient (REJECTED); a 5xx to the session, HELO, AUTH or MAIL
  FROM (554, 530, 535, relay denied) says nothing about the recipient: it is a configuration
  fault (SENDER_REFUSED) and the message waits and is tried again.
- after the data (and its final dot) has gone out: a timeout or a dropped connection means the
  server may well have taken the message (MAYBE_SENT). The wait for that final reply follows
  RFC 5321 §4.5.3.2.6 (MAIL_DATA_REPLY_SECONDS, ten minutes by default); the caller's lease is
  renewed while waiting, instead of the wait being capped to fit the lease. A 250 is SENT, a
  4xx RETRY, a 5xx REJECTED.

Right before MAIL FROM the caller's `fence` (one fenced UPDATE) confirms that its lease still
stands; a sender whose lease is gone sends nothing (LEASE_LOST) and says so at WARNING.

When EMAIL_BACKEND is not Django's SMTP backend (the console in the demo, locmem in tests) the
message goes through that backend instead: no SMTP, so nothing can be "maybe sent".
"""

import logging
import re
import select
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

log = logging.getLogger("mail")

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
SENDER_REFUSED_LABEL = "SMTP refused the sender"


class Outcome(StrEnum):
    SENT = "sent"
    MAYBE_SENT = "maybe_sent"  # the data went out, the final reply never came
    RETRY = "retry"  # not delivered; a temporary failure
    SENDER_REFUSED = "sender_refused"  # not delivered; a configuration fault: retry later
    REJECTED = "rejected"  # not delivered; final for this recipient or message
    LEASE_LOST = "lease_lost"  # nothing sent: the sender's lease was gone


@dataclass(frozen=True)
class Reply:
    outcome: Outcome
    error: str = ""

    @property
    def delivered(self) -> bool:
        return self.outcome is Outcome.SENT


def uses_smtp() -> bool:
    return settings.EMAIL_BACKEND == SMTP_BACKEND


def command_timeout(lease_seconds: float) -> float:
    """Each command before the data: well within the lease (a timeout there is harmless)."""
    return min(float(getattr(settings, "EMAIL_TIMEOUT", None) or 20), lease_seconds / 4)


class SessionError(Exception):
    def __init__(self, reply: Reply):
        super().__init__(reply.error)
        self.reply = reply


class Session:
    """One connection for many messages, opened on the first send and after any failure."""

    def __init__(self, *, lease_seconds: float):
        self.lease_seconds = lease_seconds
        self.conn: smtplib.SMTP | None = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                conn.close()

    def send(
        self,
        message: EmailMessage,
        *,
        fence: Callable[[], bool],
        renew: Callable[[], bool],
        label: str,
    ) -> Reply:
        """Deliver one message. `fence()` runs right before MAIL FROM and must return True
        (the lease still stands, renewed); `renew()` runs while the final reply is awaited;
        `label` names the message in the log ("digest 12", "mail 7")."""
        if not uses_smtp():
            return _through_backend(message, fence=fence, label=label)
        try:
            conn = self._open()
        except SessionError as err:
            log.error("%s not sent: %s", label, err.reply.error)
            return err.reply
        if not fence():
            log.warning("%s: the lease is gone; another sender has it, nothing sent", label)
            return Reply(Outcome.LEASE_LOST)
        reply = self._converse(conn, message, renew=renew, label=label)
        if reply.outcome is not Outcome.SENT:
            self._after_failure(conn, reply)
        return reply

    def _open(self) -> smtplib.SMTP:
        if self.conn is not None:
            return self.conn
        timeout = command_timeout(self.lease_seconds)
        try:
            if getattr(settings, "EMAIL_USE_SSL", False):
                conn: smtplib.SMTP = smtplib.SMTP_SSL(
                    settings.EMAIL_HOST,
                    settings.EMAIL_PORT,
                    timeout=timeout,
                    context=ssl.create_default_context(),
                )
            else:
                conn = smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=timeout)
            conn.ehlo_or_helo_if_needed()
            if getattr(settings, "EMAIL_USE_TLS", False):
                conn.starttls(context=ssl.create_default_context())
                conn.ehlo()
            if settings.EMAIL_HOST_USER:
                conn.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
        except (OSError, smtplib.SMTPException) as err:
            # Before any message: a 5xx (greeting 554, HELO, AUTH 530/535) is configuration.
            raise SessionError(_before_data_failed(err)) from err
        self.conn = conn
        return conn

    def _converse(self, conn: smtplib.SMTP, message: EmailMessage, *, renew, label) -> Reply:
        sender = message.from_email or settings.DEFAULT_FROM_EMAIL
        recipients = message.recipients()
        data = message.message().as_bytes()
        try:
            code, text = conn.mail(_address(sender))
            if code != 250:
                refused = smtplib.SMTPSenderRefused(code, text, sender)
                return _refused(refused, sender=True)
            for rcpt in recipients:
                code, text = conn.rcpt(_address(rcpt))
                if code not in (250, 251):
                    return _refused(smtplib.SMTPRecipientsRefused({rcpt: (code, text)}), code)
            code, text = conn.docmd("data")
            if code != 354:
                return _refused(smtplib.SMTPDataError(code, text), code)
            conn.send(_dot_terminated(data))
        except (OSError, smtplib.SMTPException) as err:
            return _before_data_failed(err)
        # From here on the server may have the message.
        return self._final_reply(conn, renew=renew, label=label)

    def _final_reply(self, conn: smtplib.SMTP, *, renew, label) -> Reply:
        deadline = time.monotonic() + settings.MAIL_DATA_REPLY_SECONDS
        every = max(self.lease_seconds / 3, 0.2)
        try:
            while not _readable(conn, min(every, max(deadline - time.monotonic(), 0))):
                if time.monotonic() >= deadline:
                    return _maybe(label, "no reply to the message data in time")
                if not renew():
                    log.warning("%s: lease lost while waiting for the server's reply", label)
            code, text = conn.getreply()
        except (OSError, smtplib.SMTPException) as err:
            return _maybe(label, describe(err))
        if code == 250:
            return Reply(Outcome.SENT)
        return _refused(smtplib.SMTPDataError(code, text), code)

    def _after_failure(self, conn: smtplib.SMTP, reply: Reply) -> None:
        """A clean session carries on with RSET; anything unclear starts a new connection."""
        if reply.outcome in (Outcome.REJECTED, Outcome.RETRY, Outcome.SENDER_REFUSED):
            try:
                if conn.rset()[0] == 250:
                    return
            except (OSError, smtplib.SMTPException):
                pass
        self.conn = None
        conn.close()


def _through_backend(message: EmailMessage, *, fence, label: str) -> Reply:
    if not fence():
        log.warning("%s: the lease is gone; another sender has it, nothing sent", label)
        return Reply(Outcome.LEASE_LOST)
    try:
        get_connection(fail_silently=False).send_messages([message])
    except Exception as err:  # noqa: BLE001 — a backend's failure is a retry, recorded
        return Reply(Outcome.RETRY, describe(err))
    return Reply(Outcome.SENT)


def _readable(conn: smtplib.SMTP, seconds: float) -> bool:
    # Nothing is buffered: the server sends nothing between its 354 and the final reply.
    if conn.sock is None:
        raise smtplib.SMTPServerDisconnected("connection closed")
    ready, _w, _x = select.select([conn.sock], [], [], seconds)
    return bool(ready)


def _maybe(label: str, error: str) -> Reply:
    log.error("%s maybe sent: the data went out, then %s", label, error)
    return Reply(Outcome.MAYBE_SENT, error)


def _before_data_failed(err: Exception) -> Reply:
    code = getattr(err, "smtp_code", None)
    if isinstance(code, int) and code >= 500:
        return Reply(Outcome.SENDER_REFUSED, f"{SENDER_REFUSED_LABEL}: {describe(err)}")
    return Reply(Outcome.RETRY, describe(err))


def _refused(err: Exception, code: int = 0, *, sender: bool = False) -> Reply:
    code = getattr(err, "smtp_code", code)
    if code < 500:
        return Reply(Outcome.RETRY, describe(err))
    if sender:
        return Reply(Outcome.SENDER_REFUSED, f"{SENDER_REFUSED_LABEL}: {describe(err)}")
    return Reply(Outcome.REJECTED, describe(err))


def _address(value: str) -> str:
    from email.utils import parseaddr

    return parseaddr(value)[1] or value


def _dot_terminated(data: bytes) -> bytes:
    """CRLF line ends, a leading dot doubled, and the final dot (as smtplib's data() does)."""
    data = re.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def describe(err: Exception) -> str:
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        ((rcpt, (code, text)),) = list(err.recipients.items())[:1] or [("", (0, b""))]
        return f"SMTPRecipientsRefused: {code} {text!r} for {rcpt}"[:2000]
    return f"{type(err).__name__}: {err}"[:2000]
