"""A task's override trail: who set or removed which category, and why."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.versions import VersionedQuerySet
from tasks.models.work import Category, Task


class OverrideRecord(models.Model):
    """One entry of a task's override trail: who set (or removed) which category, and why."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="override_records", verbose_name=_("task")
    )
    # Empty when the override was removed and the computed category counts again.
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    reason = models.TextField(blank=True, verbose_name=_("reason"))
    by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(default=timezone.now, verbose_name=_("at"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("override record")
        verbose_name_plural = _("override trail")

    def __str__(self):
        return f"{self.task}: {self.category or '—'}"
