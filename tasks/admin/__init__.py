"""The consultant's workspace in Django's admin: every ModelAdmin is scoped to the
consultant's clients (see scoping.py); superusers see everything."""

from tasks.admin import digests, founders, tasks  # noqa: F401  (registers the ModelAdmins)
