"""The weekly digest ledger in the admin: what went out to whom, what failed and why, and the
week's snapshot. Read-only: the ledger is what makes the digest exactly once."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy, ngettext

from consultants.admin.scoping import ConsultantScoped, register_scope
from digest import services as digest
from digest import tasks as celery_tasks
from digest.models import WeeklyDigest

register_scope(WeeklyDigest, "founder")


@admin.register(WeeklyDigest)
class WeeklyDigestAdmin(ConsultantScoped, admin.ModelAdmin):
    list_display = ("founder", "iso_year", "iso_week", "state", "attempts", "sent_at")
    list_filter = ("state", "iso_year", "iso_week", "founder")
    list_select_related = ("founder",)
    search_fields = ("founder__email",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# It writes ledger rows and sends mail: a change, not a look.
@admin.action(description=gettext_lazy("Queue this week's digest now"), permissions=["change"])
def queue_digest(modeladmin, request, queryset):
    """Claim this week's digest for the selected founders now, whatever their chosen hour, and
    send it after the commit. The claim is the digest's own: nobody gets a second copy."""
    founder_ids = list(queryset.values_list("pk", flat=True))
    claimed = digest.digests_claim(founder_ids=founder_ids, now=timezone.now(), force=True)
    if claimed:
        celery_tasks.digests_send.delay_on_commit(claimed)
    skipped = len(founder_ids) - len(claimed)
    modeladmin.message_user(
        request,
        ngettext(
            "Queued this week's digest for %(count)d founder.",
            "Queued this week's digest for %(count)d founders.",
            len(claimed),
        )
        % {"count": len(claimed)},
        messages.SUCCESS,
    )
    if skipped:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d founder already had this week's digest or turned it off.",
                "%(count)d founders already had this week's digest or turned it off.",
                skipped,
            )
            % {"count": skipped},
            messages.WARNING,
        )
