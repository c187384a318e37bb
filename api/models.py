"""A founder's personal access tokens for the REST API, and their secret calendar feed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class AccessToken(models.Model):
    """Shown once when created; only its SHA-256 is kept (api.tokens)."""

    READ, READ_WRITE = "read", "read_write"
    SCOPE_CHOICES = [(READ, _("Read only")), (READ_WRITE, _("Read and write"))]

    founder = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_tokens")
    name = models.CharField(_("name"), max_length=80)
    scope = models.CharField(_("scope"), max_length=10, choices=SCOPE_CHOICES, default=READ)
    # The first characters, so the founder can tell their tokens apart; not enough to use one.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def can_write(self) -> bool:
        return self.scope == self.READ_WRITE


class CalendarFeed(models.Model):
    """The founder's secret iCal URL. Revoking deletes the row; a new one gets a new token."""

    founder = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.founder} calendar"
