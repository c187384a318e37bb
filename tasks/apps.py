from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Delegation planning")

    def ready(self):
        from tasks import checks  # noqa: F401 - registers the deploy checks
