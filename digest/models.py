"""The weekly digest ledger with its buyback snapshot."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class WeeklyDigest(models.Model):
    """One founder's "buy back your time" digest for one ISO week (in their time zone).

    The row is the ledger that makes the digest exactly once: it is created in the same
    transaction as the compare-and-swap on the founder's DigestSlot, and the unique constraint
    stops a second one for the same week whatever races. Just before SMTP a sender takes a
    short lease on it (claimed → sending, a fresh token and an expiry, in one conditional
    UPDATE): only the sender whose UPDATE matched talks to SMTP, and only the holder of the
    token can record the outcome. An expired lease (a killed sender) is taken over.
    The row also keeps the week's buyback snapshot, for "change since last week" and trends.
    """

    CLAIMED, SENDING, SENT, FAILED = "claimed", "sending", "sent", "failed"
    # Final too: the server went silent after the data twice; the week ended while it waited;
    # the founder unsubscribed (or is unconfirmed) before it went out.
    MAYBE_SENT, DROPPED, CANCELLED = "maybe_sent", "dropped", "cancelled"
    STATE_CHOICES = [
        (CLAIMED, _("Claimed, waiting to be sent")),
        (SENDING, _("Sending")),
        (SENT, _("Sent")),
        (FAILED, _("Failed")),
        (MAYBE_SENT, _("Maybe sent (the server went silent after the message)")),
        (DROPPED, _("Dropped: its week ended while it waited")),
        (CANCELLED, _("Not sent: the founder unsubscribed")),
    ]

    founder = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="weekly_digests", verbose_name=_("founder")
    )
    iso_year = models.PositiveSmallIntegerField(_("ISO year"))
    iso_week = models.PositiveSmallIntegerField(_("ISO week"))
    state = models.CharField(_("state"), max_length=10, choices=STATE_CHOICES, default=CLAIMED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When the week was claimed: the age of a digest that is still waiting.
    claimed_at = models.DateTimeField(_("claimed at"))
    # The sender's lease while sending: its token fences the outcome's UPDATE.
    lease_token = models.UUIDField(
        null=True, blank=True, editable=False, verbose_name=_("lease token")
    )
    lease_until = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("leased until")
    )
    # A waiting digest is (re)sent from retry_at on — right after the claim by its own task,
    # by the recovery beat when that task was lost — and given up at retry_until (the end of
    # the founder's week, or a day after a late claim).
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    retry_until = models.DateTimeField(_("retried until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Set when a send ended "maybe sent" (the data went out, no reply): one resend is due.
    maybe_sent_at = models.DateTimeField(_("maybe sent at"), null=True, blank=True)
    # Set by the fence right before MAIL FROM, cleared with the outcome: a lease that expires
    # with it set (a killed sender) may have left a copy at the server.
    fenced_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("sending started at")
    )
    last_error = models.TextField(_("last error"), blank=True)

    # The week's buyback snapshot, taken when the digest is built (weekly figures).
    snapshot_at = models.DateTimeField(null=True, blank=True, verbose_name=_("snapshot at"))
    hours_delegated = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, verbose_name=_("hours delegated")
    )
    reclaimable_time = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, verbose_name=_("reclaimable: time outsourcing")
    )
    reclaimable_skill = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, verbose_name=_("reclaimable: skill outsourcing")
    )
    reclaimable_smart = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, verbose_name=_("reclaimable: smart outsourcing")
    )
    delegation_cost = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, verbose_name=_("cost of delegating")
    )
    bought_back_value = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, verbose_name=_("value of the hours bought back")
    )
    hours_kept = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, verbose_name=_("hours kept")
    )
    weekly_capacity = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, verbose_name=_("weekly capacity")
    )

    class Meta:
        ordering = ["-iso_year", "-iso_week"]
        verbose_name = _("weekly digest")
        verbose_name_plural = _("weekly digests")
        constraints = [
            models.UniqueConstraint(
                fields=["founder", "iso_year", "iso_week"], name="one_digest_per_founder_week"
            )
        ]
        indexes = [
            models.Index(fields=["state", "claimed_at"]),
            models.Index(fields=["state", "retry_at"]),
            models.Index(fields=["state", "lease_until"]),
        ]

    def __str__(self):
        # "demo@example.com · KW 49/2026 (gesendet)" in German, as the glossary writes weeks.
        return f"{self.founder} · {self.week_name()} ({str(self.get_state_display()).lower()})"

    def week_name(self) -> str:
        """ "week 49/2026", "KW 49/2026": the admin's column and the digest's name."""
        return _("week %(week)s/%(year)s") % {"week": self.iso_week, "year": self.iso_year}

    @property
    def reclaimable_hours(self):
        parts = (self.reclaimable_time, self.reclaimable_skill, self.reclaimable_smart)
        return None if None in parts else sum(parts)


class DigestSlot(models.Model):
    """When a founder's next weekly digest is due (UTC), and the schedule it was planned for.

    The claim is a compare-and-swap on this row (digest/services.py): only the process whose
    UPDATE still saw the row as it read it goes on — for a founder without a row, only the
    one whose INSERT won — so two beats or two workers never claim the same week. The founder
    chooses the schedule on their profile (accounts), which writes nothing here: a row planned
    for another weekday, hour or time zone than the profile's is due at the next beat and
    planned anew from the new choice (this week's slot, or next week's when this week's
    digest is out). An empty next time is not computed yet: the claim computes it, and claims
    this week's digest if its slot has come. No row: a founder never planned (new, or created
    in bulk); their first digest is this week's slot if it is still ahead, else next week's.
    """

    founder = models.OneToOneField(
        User,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="digest_slot",
        verbose_name=_("founder"),
    )
    next_digest_at = models.DateTimeField(_("next digest at"), null=True, blank=True)
    # The profile's schedule this next time was planned for (accounts.schedule.Schedule).
    weekday = models.PositiveSmallIntegerField(_("digest weekday"))
    hour = models.PositiveSmallIntegerField(_("digest hour"))
    time_zone = models.CharField(_("time zone"), max_length=64)

    class Meta:
        verbose_name = _("digest slot")
        verbose_name_plural = _("digest slots")

    def __str__(self):
        return f"{self.founder_id}: {self.next_digest_at}"
