from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopsConfig(AppConfig):
    name = "sops"
    verbose_name = _("Work instructions")

    def ready(self):
        from mail.outbox import mail_state
        from sops.mail import link_mail_state

        mail_state.connect(link_mail_state, dispatch_uid="sops.link_mail_state")

        from sops import receivers  # noqa: F401 — connects to the tasks' delegation signals
