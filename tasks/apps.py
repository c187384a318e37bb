from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Delegation planning")

    def ready(self):
        from accounts.text import clean_before_save
        from tasks import checks  # noqa: F401 - registers the deploy checks

        # Every model of ours, saved from a form, the admin or a service: no control or
        # bidi characters in its texts (bulk_create calls clean_model_text itself).
        pre_save.connect(clean_before_save, dispatch_uid="strip_controls")

        from accounts import versions
        from tasks.models import Category, Delegate, OverrideRecord, Task, TaskNote

        versions.watch(Task, "owner_id")
        versions.watch(Delegate, "owner_id")
        versions.watch(OverrideRecord, "task__owner_id")
        versions.watch(TaskNote, "task__owner_id")
        versions.watch(Category, "")  # the catalogue's names: everyone's pages
