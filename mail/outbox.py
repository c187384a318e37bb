"""The outbox's services: queue an email with the event that causes it, send it on commit.

1. enqueue — `mail_enqueue` writes the row in the caller's transaction (the email exists if and
   only if its event does) and dispatches a send task on commit. Without Redis (the demo, eager
   Celery) the task runs right after the commit: the email still goes out at once.
2. lease — just before SMTP one conditional UPDATE moves the row queued → sending with a fresh
   token and an expiry on the database's clock; right before MAIL FROM a fenced UPDATE confirms
   and renews it, and it is renewed while the server's final reply is awaited. No row lock is
   held while talking to SMTP: every UPDATE commits on its own (autocommit).
3. record — the outcome, by the token's holder only: sent; maybe sent (queued once more after
   MAIL_MAYBE_SENT_RESEND_SECONDS, and a second "maybe" is final); a temporary failure or a
   refused sender back to queued with backoff (MAIL_RETRY_DELAYS) until MAIL_MAX_ATTEMPTS;
   a rejected recipient failed for good.
4. recover — the beat (`outbox_due`, every MAIL_RECOVERY_SECONDS) hands to a sender every row
   whose lease expired (a killed sender) or whose next attempt has come (a lost task). A row
   whose sender died past the fence is resent once (ERROR); never a third time (the digest's
   rule, in mail/leases.py).

What an app needs to hear back (the handover link's "sent") comes through the `mail_state`
signal: this app knows nobody above it.
"""

import logging
import uuid
from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Now
from django.dispatch import Signal
from django.utils import timezone

from mail import smtp
from mail.leases import (
    db_now_plus,
    fence,
    leave_maybe_sent,
    log_taken_over,
    maybe_sent_fields,
    reconnecting,
    second_copy_may_be_out,
    taken_over_fields,
)
from mail.models import OutgoingMail

log = logging.getLogger("mail")

# Sent after an outbox row's outcome is recorded: kwargs `mail` (the row) and `state`.
mail_state = Signal()


def lease_seconds() -> float:
    return float(settings.MAIL_LEASE_SECONDS)


def message_id(key: str) -> str:
    """A stable Message-ID: a resend carries the same one, so a deduplicating receiver can."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
    return f"<{key}@{domain}>"


# --- enqueue --------------------------------------------------------------------------------


def mail_enqueue(
    *, message: EmailMultiAlternatives, kind: str, caused_by=None, subject_ref: str = ""
) -> OutgoingMail:
    """Keep the rendered message as an outbox row, in the caller's transaction; it is sent
    once that transaction commits (never for a rolled-back event)."""
    html = next(
        (content for content, mime in getattr(message, "alternatives", []) if mime == "text/html"),
        "",
    )
    row = OutgoingMail.objects.create(
        kind=kind,
        subject_ref=subject_ref,
        to=message.to[0],
        caused_by=caused_by if getattr(caused_by, "pk", None) else None,
        subject=message.subject[:300],
        body_text=str(message.body),
        body_html=html,
        headers=dict(message.extra_headers),
        reply_to=(message.reply_to or [""])[0],
    )
    after_commit(lambda: send_soon([row.pk]))
    return row


def unsent_forget(*, user, email: str) -> int:
    """An account is being deleted: its queued mail (caused by it, or addressed to it) is never
    sent. A row a sender holds is already on its way; sent rows stay as the operator's log,
    the key to the account emptied by the database (privacy.deletion: CLEARED)."""
    deleted, _by_model = OutgoingMail.objects.filter(
        Q(caused_by=user) | Q(to__iexact=email), state=OutgoingMail.QUEUED
    ).delete()
    return deleted


def after_commit(callback) -> None:
    """The one place the outbox waits for the commit (tests that never commit replace it)."""
    transaction.on_commit(callback)


def send_soon(mail_ids: list[int]) -> bool:
    """Publish a send task for committed rows; False when the broker cannot be reached — the
    rows stay queued and the beat sends them once it is back."""
    from kombu.exceptions import OperationalError as BrokerError

    from mail.tasks import outbox_send  # the task module imports this one

    try:
        outbox_send.apply_async((mail_ids,), retry=False)
    except (BrokerError, OSError) as err:
        log.error("mail %s queued but no task published (the beat sends it): %s", mail_ids, err)
        return False
    return True


# --- send -----------------------------------------------------------------------------------


def _lease_expired() -> Q:
    return Q(state=OutgoingMail.SENDING, lease_until__lt=Now())


def _sendable() -> Q:
    due = Q(retry_at__isnull=True) | Q(retry_at__lte=Now())
    return Q(state=OutgoingMail.QUEUED) & due | _lease_expired()


def outbox_deliver(*, mail_ids: list[int]) -> Counter:
    """Send the given rows over one SMTP session, each under its own lease; rows another sender
    holds, done ones and ones waiting for their next attempt are skipped. Returns the count of
    each outcome."""
    outcomes: Counter = Counter()
    with smtp.Session(lease_seconds=lease_seconds()) as session:
        for pk in mail_ids:
            outcome = _deliver_one(pk, session)
            if outcome:
                outcomes[outcome] += 1
    return outcomes


def _deliver_one(pk: int, session: smtp.Session) -> str | None:
    token = uuid.uuid4()
    lease = lease_seconds()
    rows = OutgoingMail.objects.filter(pk=pk)

    def take() -> int:
        return (
            rows.filter(_sendable() | Q(lease_token=token))
            .exclude(second_copy_may_be_out(_lease_expired()))
            .update(
                state=OutgoingMail.SENDING,
                lease_token=token,
                lease_until=db_now_plus(lease),
                attempts=F("attempts") + 1,
                **taken_over_fields(),
            )
        )

    # Only to say so in the log: was it a takeover, and had its sender passed the fence?
    before = rows.values_list("state", "fenced_at").first()
    if not reconnecting(take, seconds=lease):
        leave_maybe_sent(
            rows.filter(_sendable()),
            _lease_expired(),
            final=OutgoingMail.MAYBE_SENT,
            label=f"mail {pk}",
        )
        return None
    if before and before[0] == OutgoingMail.SENDING:
        log_taken_over(f"mail {pk}", past_the_fence=before[1] is not None)
    row = rows.get()
    holds = fence(rows.filter(lease_token=token), seconds=lease)
    reply = session.send(_message(row), fence=holds, renew=holds, label=f"mail {pk}")
    if reply.outcome is smtp.Outcome.LEASE_LOST:
        return reply.outcome.value
    fields = _outcome_fields(row, reply)
    try:
        written = reconnecting(
            lambda: rows.filter(lease_token=token).update(
                **fields, lease_token=None, lease_until=None, fenced_at=None
            ),
            seconds=lease,
        )
    except DatabaseError:
        log.error("mail %s: outcome %s could not be recorded", pk, reply.outcome.value)
        return reply.outcome.value
    if not written:
        log.error("mail %s: lease lost before its outcome (%s) was recorded", pk, reply.outcome)
        return reply.outcome.value
    mail_state.send(sender=OutgoingMail, mail=row, state=fields["state"])
    return reply.outcome.value


def _message(row: OutgoingMail) -> EmailMultiAlternatives:
    headers = {"Message-ID": message_id(f"mail-{row.pk}"), **row.headers}
    message = EmailMultiAlternatives(
        row.subject,
        row.body_text,
        to=[row.to],
        headers=headers,
        reply_to=[row.reply_to] if row.reply_to else None,
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    return message


def _outcome_fields(row: OutgoingMail, reply: smtp.Reply) -> dict:
    Outcome = smtp.Outcome
    if reply.outcome is Outcome.SENT:
        return {"state": OutgoingMail.SENT, "sent_at": timezone.now(), "retry_at": None}
    if reply.outcome is Outcome.MAYBE_SENT:
        return maybe_sent_fields(
            resent=row.maybe_sent_at is not None,
            error=reply.error,
            waiting=OutgoingMail.QUEUED,
            final=OutgoingMail.MAYBE_SENT,
        )
    if reply.outcome is Outcome.REJECTED or row.attempts >= settings.MAIL_MAX_ATTEMPTS:
        log.error("mail %s (%s to %s) failed for good: %s", row.pk, row.kind, row.to, reply.error)
        return {"state": OutgoingMail.FAILED, "last_error": reply.error}
    delays = settings.MAIL_RETRY_DELAYS
    wait = delays[min(max(row.attempts, 1), len(delays)) - 1]
    log.error("mail %s (%s) not sent, attempt %s: %s", row.pk, row.kind, row.attempts, reply.error)
    return {"state": OutgoingMail.QUEUED, "retry_at": db_now_plus(wait), "last_error": reply.error}


# --- recovery and what /healthz shows -------------------------------------------------------


def waiting_mail_ids() -> list[int]:
    """Rows a sender should take now: an expired lease, or queued and due."""
    return list(
        OutgoingMail.objects.filter(_sendable()).order_by("pk").values_list("pk", flat=True)
    )


def outbox_counts(*, now: datetime) -> dict:
    """The outbox in one query: waiting, failed and maybe sent (the last week), and how many
    wait because SMTP refused the sender."""
    waiting = Q(state__in=(OutgoingMail.QUEUED, OutgoingMail.SENDING))
    refused = waiting & Q(last_error__startswith=smtp.SENDER_REFUSED_LABEL)
    rows = OutgoingMail.objects.filter(waiting | Q(created_at__gte=now - timedelta(days=7)))
    return rows.aggregate(
        waiting=Count("pk", filter=waiting),
        failed=Count("pk", filter=Q(state=OutgoingMail.FAILED)),
        maybe_sent=Count("pk", filter=Q(maybe_sent_at__isnull=False)),
        sender_refused=Count("pk", filter=refused),
    )
