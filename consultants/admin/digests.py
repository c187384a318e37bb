"""The weekly digest ledger in the admin: what went out to whom, what failed and why, and the
week's snapshot. Read-only: the ledger is what makes the digest exactly once."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy, ngettext

from consultants.admin.scoping import ConsultantScoped, register_scope
from digest import services as digest
from digest import tasks as celery_tasks
from digest.models import WeeklyDigest

register_scope(WeeklyDigest, "founder")


@admin.register(WeeklyDigest)
class WeeklyDigestAdmin(ConsultantScoped, admin.ModelAdmin):
    list_display = (
        "founder",
        "iso_year",
        "iso_week",
        "state",
        "attempts",
        "sent_at",
        "retry_at",
        "last_error_short",
    )
    list_filter = ("state", "iso_year", "iso_week", "founder")
    list_select_related = ("founder",)
    search_fields = ("founder__email",)

    @admin.display(description=gettext_lazy("last error"))
    def last_error_short(self, obj):
        return Truncator(obj.last_error).chars(80)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# It writes ledger rows and sends mail: a change, not a look.
@admin.action(description=gettext_lazy("Queue this week's digest now"), permissions=["change"])
def queue_digest(modeladmin, request, queryset):
    """Claim this week's digest for the selected founders now, whatever their chosen hour, and
    queue the send after the commit. The claim is the digest's own: nobody gets a second copy.
    With the queue unreachable the claim stays and the beat sends it once the queue is back."""
    founder_ids = list(queryset.values_list("pk", flat=True))
    claimed = digest.digests_claim(founder_ids=founder_ids, now=timezone.now(), force=True)
    skipped = len(founder_ids) - len(claimed)

    def report(queued: bool) -> None:
        if queued:
            message = ngettext(
                "Queued this week's digest for %(count)d founder.",
                "Queued this week's digest for %(count)d founders.",
                len(claimed),
            )
        else:
            message = ngettext(
                "The task queue cannot be reached right now. This week's digest for %(count)d "
                "founder is saved and goes out automatically once the queue is back.",
                "The task queue cannot be reached right now. This week's digest for %(count)d "
                "founders is saved and goes out automatically once the queue is back.",
                len(claimed),
            )
        level = messages.SUCCESS if queued else messages.WARNING
        modeladmin.message_user(request, message % {"count": len(claimed)}, level)

    if claimed:
        transaction.on_commit(lambda: report(celery_tasks.send_soon(claimed)))
    else:
        report(True)
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
