"""The consultant's workspace in Django's admin: every ModelAdmin is scoped to the
consultant's clients (see scoping.py); superusers see everything."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consultants.admin import digests, founders, instructions, tasks  # noqa: F401  (registers)

admin.site.site_header = _("Buy back your time — consultant workspace")
admin.site.site_title = _("Consultant workspace")
admin.site.index_title = _("Your clients' delegation")
