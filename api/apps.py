from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API and calendar feed")

    def ready(self):
        from api import exports, schema  # noqa: F401  schema: the token's schema extension
        from privacy.exports import register

        register(*exports.KINDS)  # the tokens and the calendar feed in "download my data"
