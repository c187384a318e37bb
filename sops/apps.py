from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopsConfig(AppConfig):
    name = "sops"
    verbose_name = _("Work instructions")

    def ready(self):
        from sops import receivers  # noqa: F401 — connects to the tasks' delegation signals
