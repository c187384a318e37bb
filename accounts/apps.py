from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Connects the per-address count of failed log-ins (user_login_failed).
        from accounts import (
            signed_in,
            throttle,  # noqa: F401
            versions,
        )
        from accounts.models import Profile, User

        # A write of a user's or profile's row: the signed-in copy is read afresh.
        signed_in.watch(User)
        signed_in.watch(Profile)

        # Every write of a founder's data raises their version (accounts/versions.py); the
        # visit markers and the mails' bookkeeping show on no cached page. (The digest's next
        # slot and the news email's hour are their apps' own rows, which no page caches.)
        versions.watch(
            Profile,
            "user_id",
            quiet=(
                "last_seen_at",
                "previous_visit_at",
                "confirmation_sent_at",
                "data_version",
            ),
        )
