"""Helpers every view uses.

One code path for "not yours": another founder's object answers 404, like a missing one.
"""

from decimal import Decimal
from typing import cast

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import money
from accounts.inputs import as_id
from tasks import buyback
from tasks.models import DELEGATE_KIND_CHOICES, ROUTE_CHOICES, Delegate, Task


def get_task_for_user(request, pk) -> Task:
    # Ids also come from query strings and forms (?task=…): anything but digits is no task.
    pk = as_id(pk)
    return get_object_or_404(
        Task.objects.select_related("category", "override_category", "delegate"),
        pk=pk,
        owner=request.user,
    )


def get_delegate_for_user(request, pk) -> Delegate:
    return get_object_or_404(Delegate, pk=as_id(pk), owner=request.user)


def warning_text(warning: buyback.DelegationWarning) -> str:
    """A delegation warning's code and values as a sentence in the active language."""
    values = dict(warning.values)
    if warning.code == buyback.NOT_FITTING:
        return _(
            "This task's route is %(route)s, but this delegate is a %(kind)s: they may not be "
            "the right person for it."
        ) % {
            "route": dict(ROUTE_CHOICES).get(str(values["route"]), values["route"]),
            "kind": dict(DELEGATE_KIND_CHOICES).get(str(values["kind"]), values["kind"]),
        }
    amounts = {
        # The other warnings carry amounts only.
        name: money.format_money(cast(Decimal, value), money.active(), get_language())
        for name, value in values.items()
    }
    if warning.code == buyback.ABOVE_BUYBACK_RATE:
        return (
            _(
                "%(rate)s per hour is above your buyback rate of %(limit)s "
                "(a quarter of your hourly value)."
            )
            % amounts
        )
    return (
        _(
            "With this delegation you would spend %(cost)s a month, "
            "beyond your budget of %(budget)s."
        )
        % amounts
    )
