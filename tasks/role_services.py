"""A role handed to one delegate (Chris Ducker: hire for a role, not for a task): the role's
tasks move to them together, in one transaction, through the handover gate."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from tasks import buyback, money_reads
from tasks.models import Delegate, Task
from tasks.services import delegation_start


@dataclass
class RoleHandoff:
    """What moved, and what waits: a virtual assistant's task without a published work
    instruction stays with the founder and is named, never skipped in silence."""

    moved: list[Task] = field(default_factory=list)
    waiting: list[Task] = field(default_factory=list)


def role_tasks(*, owner_id: int, route: str, area: str):
    """A role's tasks: those the advice says to hand off, of one route and one area."""
    return money_reads.plan_tasks(owner_id).filter(way=route, area=area).order_by("title", "pk")


def role_fits(delegate: Delegate, *, route: str, area: str) -> bool:
    fit = buyback.delegate_fit(
        kind=delegate.kind, areas=delegate.areas or (), route=route, area=area
    )
    return fit != buyback.FIT_NONE


@transaction.atomic
def role_assign(
    *, owner: User, route: str, area: str, delegate: Delegate, start_date: date
) -> RoleHandoff:
    """Hand the role's tasks to one delegate of the right kind, at the delegate's rate; the
    tasks that must wait for their work instruction are listed. All or nothing: a task that
    fails on the way rolls the others back."""
    if delegate.owner_id != owner.pk:
        raise ValidationError({"delegate": _("Choose one of your own delegates.")})
    if not role_fits(delegate, route=route, area=area):
        raise ValidationError({"delegate": _("This delegate does not take this kind of work.")})
    result = RoleHandoff()
    for task in role_tasks(owner_id=owner.pk, route=route, area=area):
        if task.needs_instruction():
            result.waiting.append(task)
            continue
        result.moved.append(delegation_start(task=task, delegate=delegate, start_date=start_date))
    if not result.moved and not result.waiting:
        raise ValidationError(_("This role has no task left to hand off."))
    return result
