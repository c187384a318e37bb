from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultantsConfig(AppConfig):
    name = "consultants"
    verbose_name = _("Consultant workspace")

    def ready(self):
        from accounts import versions
        from consultants.models import ChangeRecord, ConsultantInvite

        versions.watch(ChangeRecord, "founder_id")
        versions.watch(ConsultantInvite, "founder_id")
