from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestConfig(AppConfig):
    name = "digest"
    verbose_name = _("Weekly digest")

    def ready(self):
        from accounts import versions
        from digest.models import WeeklyDigest

        # Saved or deleted one by one (the admin): raised here. The sender's bulk updates
        # (claim, lease, outcome) are not watched: a digest shows (the trend) once sent, and
        # digest.sending raises the version when it records one sent.
        versions.watch(WeeklyDigest, "founder_id")
