from django.contrib import admin

from privacy.models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    list_display = ("kind", "updated_at")
