from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Connects the per-address count of failed log-ins (user_login_failed).
        from accounts import (
            throttle,  # noqa: F401
            versions,
        )
        from accounts.models import Profile

        # Every write of a founder's data raises their version (accounts/versions.py); the
        # visit markers, the digest's schedule and the mails' bookkeeping show on no cached page.
        versions.watch(
            Profile,
            "user_id",
            quiet=(
                "last_seen_at",
                "previous_visit_at",
                "next_digest_at",
                "notified_at",
                "confirmation_sent_at",
                "data_version",
            ),
        )
