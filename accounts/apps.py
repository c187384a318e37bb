from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Connects the per-address count of failed log-ins (user_login_failed).
        from accounts import throttle  # noqa: F401
