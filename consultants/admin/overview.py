"""The consultant's overview: every client in one table, neediest first.

The figures come from the same arithmetic as the founder's dashboard (tasks.buyback through
tasks.selectors), read in a fixed number of queries however many clients and tasks there are.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.models import Profile, User
from consultants.admin.scoping import clients_of
from digest import selectors as digest_selectors
from tasks import buyback, classifier, selectors
from tasks.models import Task

CAPACITY_RANK = {buyback.CAPACITY_OVER: 0, buyback.CAPACITY_NEAR: 1, buyback.CAPACITY_OK: 2}


@dataclass(frozen=True)
class ClientSummary:
    founder: User
    profile: Profile
    figures: buyback.Buyback
    waiting_for_instruction: int
    last_digest_sent: datetime | None = None

    @property
    def waiting_url(self) -> str:
        """The founder's tasks that wait for a work instruction, in the admin's task list."""
        params: dict[str, str | int] = {
            "owner__id__exact": self.founder.pk,
            "route": classifier.VIRTUAL_ASSISTANT,
            "status__exact": Task.INVENTORY,
        }
        query = urlencode(params)
        return f"{reverse('admin:tasks_task_changelist')}?{query}"

    @property
    def hours_over_capacity(self) -> Decimal:
        return self.figures.hours_kept - self.figures.weekly_capacity


def need_order(summary: ClientSummary) -> tuple:
    """Where help is needed most: over capacity first (most hours over), then near it; within
    that, the most reclaimable hours, then the most tasks waiting for an instruction."""
    return (
        CAPACITY_RANK[summary.figures.capacity_state],
        -summary.hours_over_capacity,
        -summary.figures.reclaimable_hours,
        -summary.waiting_for_instruction,
        summary.founder.email,
    )


def client_summaries(*, founders: QuerySet) -> list[ClientSummary]:
    """One summary per founder (with a profile), neediest first; three queries in all."""
    profiles = list(Profile.objects.filter(user__in=founders).select_related("user"))
    user_ids = [profile.user_id for profile in profiles]
    tasks = selectors.founders_task_figures(user_ids=user_ids)
    last_sent = digest_selectors.last_digests_sent(user_ids=user_ids)
    summaries = [
        ClientSummary(
            founder=profile.user,
            profile=profile,
            figures=buyback.compute(tasks.get(profile.user_id, []), profile.rates()),
            waiting_for_instruction=selectors.waiting_for_instruction(
                tasks.get(profile.user_id, [])
            ),
            last_digest_sent=last_sent.get(profile.user_id),
        )
        for profile in profiles
    ]
    return sorted(summaries, key=need_order)


def client_summary(*, founder: User) -> ClientSummary | None:
    found = client_summaries(founders=User.objects.filter(pk=founder.pk))
    return found[0] if found else None


def overview_founders(user: User) -> QuerySet:
    # A superuser's "clients" are all founders: the users who are not staff.
    founders = clients_of(user)
    return founders.filter(is_staff=False) if user.is_superuser else founders


def overview_view(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Your clients at a glance"),
        "summaries": client_summaries(founders=overview_founders(request.user)),
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/tasks/overview.html", context)
