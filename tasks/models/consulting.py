"""A consultant's invitation to a founder: the founder accepts (or declines) before the
consultant sees anything of them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tasks.models.accounts import User


class ConsultantInvite(models.Model):
    PENDING, ACCEPTED, DECLINED = "pending", "accepted", "declined"

    consultant = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invites_sent")
    email = models.EmailField(_("founder's email address"))
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    state = models.CharField(max_length=10, default=PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    founder = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, related_name="invites_received"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("consultant invitation")
        verbose_name_plural = _("consultant invitations")

    def __str__(self):
        return f"{self.consultant} → {self.email}"

    def is_open(self) -> bool:
        return self.state == self.PENDING and self.expires_at > timezone.now()
