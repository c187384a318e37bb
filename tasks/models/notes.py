"""A consultant's note on a task: it belongs to the task (the task page and the digest read
it); consultants write it through consultants.consulting."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.versions import VersionedQuerySet


class TaskNote(models.Model):
    """A consultant's note on a client's task; the founder reads it on the task and in the
    weekly digest."""

    task = models.ForeignKey(
        "tasks.Task", on_delete=models.CASCADE, related_name="notes", verbose_name=_("task")
    )
    author = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("note"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consultant's note")
        verbose_name_plural = _("consultant's notes")

    def __str__(self):
        return self.text[:60]
