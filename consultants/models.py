"""A consultant's invitation to a founder (the founder accepts or declines before the
consultant sees anything of them), and the record of what a consultant changed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.versions import VersionedQuerySet


class ConsultantInvite(models.Model):
    PENDING, ACCEPTED, DECLINED = "pending", "accepted", "declined"

    consultant = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="invites_sent", verbose_name=_("consultant")
    )
    email = models.EmailField(_("founder's email address"))
    token = models.CharField(max_length=64, unique=True, verbose_name=_("token"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    expires_at = models.DateTimeField(verbose_name=_("expires at"))
    state = models.CharField(max_length=10, default=PENDING, verbose_name=_("state"))
    answered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("answered at"))
    founder = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invites_received",
        verbose_name=_("founder"),
    )

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultant invitation")
        verbose_name_plural = _("consultant invitations")

    def __str__(self):
        return f"{self.consultant} → {self.email}"

    def is_open(self) -> bool:
        return self.state == self.PENDING and self.expires_at > timezone.now()


class ChangeRecord(models.Model):
    """Who changed what of a founder's, and when, when it was not the founder themself."""

    TASK_CHANGED, TASK_ADDED, TASK_DELETED, SETTINGS = (
        "task",
        "task_added",
        "task_deleted",
        "settings",
    )
    founder = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="change_records", verbose_name=_("founder")
    )
    by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    kind = models.CharField(max_length=20, verbose_name=_("what changed"))
    label = models.CharField(
        max_length=200, blank=True, verbose_name=_("label")
    )  # the task's title
    fields = models.JSONField(
        default=list, blank=True, verbose_name=_("fields")
    )  # the model field names changed
    at = models.DateTimeField(default=timezone.now, verbose_name=_("at"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("change by a consultant")
        verbose_name_plural = _("changes by consultants")

    def __str__(self):
        return f"{self.by} · {self.kind} · {self.label}"
