from django.apps import AppConfig


class PlanConfig(AppConfig):
    """The plan to hire by: Martell's DRIP matrix and replacement ladder, roles not tasks."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "plan"
