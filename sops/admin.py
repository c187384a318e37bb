"""Plain registrations; consultants add starter templates here. Scoping comes with tasks/admin."""

from django.contrib import admin

from sops.models import HandoverLink, Instruction, InstructionVersion, Run, Template


@admin.register(Template)
class TemplateAdmin(admin.ModelAdmin):
    list_display = ("title_en", "title_de", "area", "estimated_minutes")
    list_filter = ("area",)
    search_fields = ("title_en", "title_de")
    prepopulated_fields = {"slug": ("title_en",)}


@admin.register(Instruction)
class InstructionAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "task", "review_on")
    raw_id_fields = ("owner", "task")


admin.site.register(InstructionVersion)
admin.site.register(HandoverLink)
admin.site.register(Run)
