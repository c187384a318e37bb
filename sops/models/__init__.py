"""What the data is: work instructions (a working draft plus frozen published versions), the
handover links that share them with a delegate, the runs recorded against a version, and the
template library.

Writes go through services.py; rules (template steps, version changes) live in rules.py.
"""

import secrets
from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts import clock
from accounts.models import User
from accounts.versions import VersionedQuerySet
from sops import rules
from tasks.models import Delegate, Task, sensible_date

LINK_DAYS = 30
LINK_SALT = "sops.handover"
# A founder's note sent along with a handover link: a few sentences, not a letter.
NOTE_MAX = 500
minutes_validators: list = [MinValueValidator(1), MaxValueValidator(24 * 60)]


def default_review_on():
    # Routines drift: look at each instruction again within a quarter.
    return clock.today() + timedelta(days=90)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Instruction(models.Model):
    """A founder's work instruction. Its fields are the working draft; versions are frozen."""

    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="instructions", verbose_name=_("founder")
    )
    # One instruction per task; an instruction copied from a template may have none yet.
    task = models.OneToOneField(
        Task,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instruction",
        verbose_name=_("task"),
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("why this task matters"), blank=True)
    done_definition = models.TextField(_("what “done” looks like"), blank=True)
    tools = models.TextField(_("tools and accounts needed"), blank=True)
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"), null=True, blank=True, validators=minutes_validators
    )
    maintainer = models.CharField(
        _("who keeps it up to date"),
        max_length=120,
        blank=True,
        help_text=_("A name; empty means you."),
    )
    review_on = models.DateField(
        _("review date"), default=default_review_on, validators=sensible_date
    )
    # Optimistic locking: every saved draft increments it; a stale form is refused.
    revision = models.PositiveIntegerField(default=1, verbose_name=_("revision"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("work instruction")
        verbose_name_plural = _("work instructions")

    def __str__(self):
        return self.title

    def latest_version(self):
        return self.versions.order_by("-number").first()

    def draft_content(self) -> dict:
        content = {name: getattr(self, name) for name in rules.TEXT_FIELDS}
        content["estimated_minutes"] = self.estimated_minutes or ""
        content["steps"] = [step.as_dict() for step in self.steps.all()]
        return content

    def review_overdue(self) -> bool:
        return rules.review_overdue(self.review_on, clock.today())


class Step(models.Model):
    """One step of the working draft."""

    instruction = models.ForeignKey(
        Instruction,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("work instruction"),
    )
    position = models.PositiveIntegerField(default=0, verbose_name=_("position"))
    text = models.TextField(_("what to do"), help_text=_("Markdown works: **bold**, lists, links."))
    url = models.URLField(_("link or video"), max_length=500, blank=True)
    expected = models.CharField(_("expected result"), max_length=300, blank=True)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.text[:60]

    def as_dict(self) -> dict:
        return {"text": self.text, "url": self.url, "expected": self.expected}


class InstructionVersion(models.Model):
    """A published version, frozen: runs and handover links point at exactly this text."""

    instruction = models.ForeignKey(
        Instruction,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("work instruction"),
    )
    number = models.PositiveIntegerField(verbose_name=_("version"))
    title = models.CharField(max_length=200, verbose_name=_("title"))
    purpose = models.TextField(blank=True, verbose_name=_("why it matters"))
    done_definition = models.TextField(blank=True, verbose_name=_("how to tell it is done"))
    tools = models.TextField(blank=True, verbose_name=_("tools"))
    estimated_minutes = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("estimated minutes")
    )
    # [{"text": ..., "url": ..., "expected": ...}, ...] in order.
    steps = models.JSONField(default=list, verbose_name=_("steps"))
    published_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("published by")
    )
    published_at = models.DateTimeField(default=timezone.now, verbose_name=_("published at"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        constraints = [
            models.UniqueConstraint(fields=["instruction", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.title} v{self.number}"

    def content(self) -> dict:
        content = {name: getattr(self, name) for name in rules.TEXT_FIELDS}
        content["estimated_minutes"] = self.estimated_minutes or ""
        content["steps"] = self.steps
        return content


class HandoverLink(models.Model):
    """A read-only link for a delegate, no login. The URL carries the token signed; this row
    makes it expire and lets the founder revoke it.

    Deliberately no get_absolute_url(): the admin's "view on site" (/admin/r/<ct>/<id>/) would
    redirect any staff user to the secret URL. The founder's page builds it with
    sops.services.handover_path(link)."""

    instruction = models.ForeignKey(
        Instruction,
        on_delete=models.CASCADE,
        related_name="links",
        verbose_name=_("work instruction"),
    )
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.CASCADE,
        related_name="handover_links",
        verbose_name=_("delegate"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, verbose_name=_("token"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("revoked at"))
    # The version the delegate last confirmed they read; a newer one must be acknowledged first.
    acknowledged_version = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("acknowledged version")
    )
    # "Send to delegate": the founder's note, and queued → sending → sent (or failed), so a
    # redelivered send task finds nothing to do.
    MAIL_QUEUED, MAIL_SENDING, MAIL_SENT, MAIL_FAILED = "queued", "sending", "sent", "failed"
    mail_note = models.TextField(_("note for the delegate"), blank=True)
    mail_state = models.CharField(max_length=10, blank=True, verbose_name=_("email state"))
    mailed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("emailed at"))
    # When they confirmed it: the founder's dashboard shows what happened since their last visit.
    acknowledged_at = models.DateTimeField(null=True, blank=True, verbose_name=_("acknowledged at"))
    # Made when the task was delegated: it lives as long as the delegation (renewed while it
    # runs, revoked when the task is taken back or done) instead of a fixed number of days.
    for_delegation = models.BooleanField(default=False, verbose_name=_("for the delegation"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("handover link")
        verbose_name_plural = _("handover links")

    def __str__(self):
        return f"{self.instruction} → {self.delegate}"

    def has_acknowledged(self, version) -> bool:
        """The delegate confirmed they read this version (needed before their next run)."""
        return self.acknowledged_version == version.number

    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class Run(models.Model):
    """One time the task was carried out, against the version that was followed."""

    FOUNDER, LINK = "founder", "link"
    instruction = models.ForeignKey(
        Instruction,
        on_delete=models.CASCADE,
        related_name="runs",
        verbose_name=_("work instruction"),
    )
    version = models.ForeignKey(
        InstructionVersion, on_delete=models.PROTECT, related_name="runs", verbose_name=_("version")
    )
    link = models.ForeignKey(
        HandoverLink,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("handover link"),
    )
    performed_on = models.DateField(_("date"), validators=sensible_date)
    performed_by = models.CharField(_("who did it"), max_length=120)
    checked_steps = models.JSONField(
        default=list, verbose_name=_("checked steps")
    )  # 0-based step indices
    notes = models.TextField(_("notes"), blank=True)
    minutes = models.PositiveIntegerField(_("time taken (minutes)"), validators=minutes_validators)
    # The delegate flagged the note as urgent: the founder gets an email at once.
    urgent = models.BooleanField(_("urgent"), default=False)
    recorded_via = models.CharField(max_length=10, default=FOUNDER, verbose_name=_("recorded via"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-performed_on", "-created_at"]
        verbose_name = _("run")
        verbose_name_plural = _("runs")

    def __str__(self):
        return f"{self.instruction} · {date_format(self.performed_on, 'SHORT_DATE_FORMAT')}"

    def progress(self) -> tuple[int, int]:
        return rules.progress(self.checked_steps, len(self.version.steps))

    def unchecked_steps(self) -> list[str]:
        return [s["text"] for i, s in enumerate(self.version.steps) if i not in self.checked_steps]


class Question(models.Model):
    """One message in a thread between a delegate and the founder: about a run, or about the
    instruction when run is empty. The text is plain (nh3-cleaned), never rendered as HTML."""

    TEXT_MAX = 2000
    link = models.ForeignKey(HandoverLink, on_delete=models.CASCADE, related_name="questions")
    run = models.ForeignKey(
        Run, on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    from_founder = models.BooleanField(default=False)
    text = models.TextField(_("message"), max_length=TEXT_MAX)
    created_at = models.DateTimeField(default=timezone.now)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:60]


class HandoverEvent(models.Model):
    """A delegate confirmed a version or recorded a run: news for the founder, sent in the
    next hourly batch (notified_at stays empty until an email carried it)."""

    ACKNOWLEDGED, RUN, QUESTION = "acknowledged", "run", "question"
    founder = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="handover_events", verbose_name=_("founder")
    )
    link = models.ForeignKey(
        HandoverLink,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("handover link"),
    )
    kind = models.CharField(max_length=20, verbose_name=_("what happened"))
    version_number = models.PositiveIntegerField(verbose_name=_("version"))
    run = models.ForeignKey(
        Run,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run"),
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("question"),
    )
    # A run with unchecked steps or a note, or a question: shown first while unread.
    needs_attention = models.BooleanField(default=False, verbose_name=_("needs a look"))
    urgent = models.BooleanField(default=False, verbose_name=_("urgent"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    notified_at = models.DateTimeField(null=True, blank=True, verbose_name=_("emailed at"))
    # Unread on the founder's "News from your team" until they have seen it.
    seen_at = models.DateTimeField(null=True, blank=True, verbose_name=_("seen at"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("delegate event")
        verbose_name_plural = _("delegate events")
        indexes = [models.Index(fields=["founder", "notified_at"])]

    def __str__(self):
        return f"{self.link} · {self.kind}"


class NewsHour(models.Model):
    """When the founder's last "heard back" email went out: the compare-and-swap that keeps it
    to one an hour (sops.mail.notifications_deliver). No row, or an empty time: never sent."""

    founder = models.OneToOneField(
        User,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="news_hour",
        verbose_name=_("founder"),
    )
    notified_at = models.DateTimeField(_("last news email at"), null=True, blank=True)

    class Meta:
        verbose_name = _("news email hour")
        verbose_name_plural = _("news email hours")

    def __str__(self):
        return f"{self.founder_id}: {self.notified_at}"


# The most steps an instruction (its form) and a library template may have.
MAX_STEPS = 100

# The template library is its own module (a file a reader can hold); it reads MAX_STEPS above.
from sops.models.templates import Template  # noqa: E402, F401
