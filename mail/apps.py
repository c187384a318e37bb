from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """The bottom layer for email: the message builder, the one SMTP conversation and the
    outbox. It imports Django and pure modules only, never another app of the project."""

    name = "mail"
    verbose_name = _("Outgoing mail")
