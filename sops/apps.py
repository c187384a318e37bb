from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SopsConfig(AppConfig):
    name = "sops"
    verbose_name = _("Work instructions")

    def ready(self):
        from mail.outbox import mail_state
        from sops.mail import link_mail_state

        mail_state.connect(link_mail_state, dispatch_uid="sops.link_mail_state")

        from accounts import versions
        from sops import (
            models,
            receivers,  # noqa: F401 — connects to the tasks' delegation signals
        )

        versions.watch(models.Instruction, "owner_id")
        versions.watch(models.Step, "instruction__owner_id")
        versions.watch(models.InstructionVersion, "instruction__owner_id")
        versions.watch(
            models.HandoverLink, "instruction__owner_id", quiet=("mail_state", "mailed_at")
        )
        versions.watch(models.Run, "instruction__owner_id")
        versions.watch(models.Question, "link__instruction__owner_id")
        versions.watch(models.HandoverEvent, "founder_id", quiet=("notified_at",))
