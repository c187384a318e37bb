from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The founder's pages that compose tasks, instructions and the digest."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard"
