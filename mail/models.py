"""The outbox: one row per outgoing email, and the log of every email the app sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingMail(models.Model):
    """One email, written in the same transaction as the event that causes it (a sign-up, an
    invitation, a handover link…), with the message already rendered in the recipient's
    language. A Celery task sends it on commit (mail/outbox.py) under a lease on the database's
    clock, fenced by a token; temporary failures come back with backoff; "maybe sent" (the
    server went silent after the data) is sent once more after MAIL_MAYBE_SENT_RESEND_SECONDS,
    never again. Staff read who caused which email to whom, and why, in the admin."""

    QUEUED, SENDING, SENT, MAYBE_SENT, FAILED = "queued", "sending", "sent", "maybe_sent", "failed"
    STATE_CHOICES = [
        (QUEUED, _("Queued")),
        (SENDING, _("Sending")),
        (SENT, _("Sent")),
        (MAYBE_SENT, _("Maybe sent (the server went silent after the message)")),
        (FAILED, _("Failed")),
    ]

    kind = models.CharField(_("kind"), max_length=30)
    # What the email is about, for the app that caused it ("sops.handoverlink:12").
    subject_ref = models.CharField(max_length=100, blank=True, db_index=True)
    to = models.EmailField(_("to"))
    caused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("caused by"),
    )
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    reply_to = models.EmailField(blank=True)

    state = models.CharField(_("state"), max_length=10, choices=STATE_CHOICES, default=QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    lease_token = models.UUIDField(null=True, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Set when a send ended "maybe sent": the one resend is due, or was made.
    maybe_sent_at = models.DateTimeField(_("maybe sent at"), null=True, blank=True)
    # Set by the fence right before MAIL FROM, cleared with the outcome (mail/leases.py).
    fenced_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("sending started at")
    )
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [
            models.Index(fields=["state", "retry_at"]),
            models.Index(fields=["state", "lease_until"]),
        ]

    def __str__(self):
        return f"{self.kind} to {self.to} ({self.state})"
