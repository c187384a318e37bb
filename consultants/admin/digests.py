"""The weekly digest ledger in the admin: what went out to whom, what failed and why, and the
week's snapshot. Read-only: the ledger is what makes the digest exactly once."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from consultants.admin.scoping import ConsultantScoped, register_scope
from digest import services as digest
from digest import tasks as celery_tasks
from digest.models import WeeklyDigest

register_scope(WeeklyDigest, "founder")


@admin.register(WeeklyDigest)
class WeeklyDigestAdmin(ConsultantScoped, admin.ModelAdmin):
    # What failed and why stays visible without scrolling: the state column says it.
    list_display = ("founder", "status", "week", "sent_at")
    list_filter = ("state", "iso_year", "iso_week", "founder")
    list_select_related = ("founder__profile",)
    search_fields = ("founder__email",)

    @admin.display(description=gettext_lazy("ISO week"), ordering="iso_week")
    def week(self, obj):
        return obj.week_name()

    @admin.display(description=gettext_lazy("state"), ordering="state")
    def status(self, obj):
        """The state, and for a digest that met an error: the attempts, the next one, why."""
        if not obj.last_error:
            return obj.get_state_display()
        details = ngettext("%(count)d attempt", "%(count)d attempts", obj.attempts) % {
            "count": obj.attempts
        }
        if obj.state == WeeklyDigest.CLAIMED and obj.retry_at:
            details += ", " + _("next at %(time)s") % {
                "time": date_format(timezone.localtime(obj.retry_at), "SHORT_DATETIME_FORMAT")
            }
        return format_html(
            "{}<br><small>{} · {}</small>",
            obj.get_state_display(),
            details,
            Truncator(obj.last_error).chars(90),
        )

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
