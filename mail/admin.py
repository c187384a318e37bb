from django.contrib import admin

from mail.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Every email the app sent or will send: who caused it, to whom, why; read-only."""

    list_display = ("created_at", "kind", "to", "caused_by", "state", "attempts", "sent_at")
    list_filter = ("state", "kind")
    search_fields = ("to", "subject", "caused_by__email")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutgoingMail._meta.fields]

    def has_view_permission(self, request, obj=None):
        # Every founder's mail: superusers only (consultants see their clients elsewhere).
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
