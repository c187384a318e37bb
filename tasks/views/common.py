"""Helpers every view uses.

One code path for "not yours": another founder's object answers 404, like a missing one.
"""

import re

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from tasks.models import Delegate, Task

# An id as a URL, query string or form gives it: plain ASCII digits, and no more than a
# bigint holds. "²" passes str.isdigit() but not int(); 20 digits overflow PostgreSQL.
ID = re.compile(r"[0-9]{1,18}", re.ASCII)


def as_id(value) -> int:
    """The id in a request value, or Http404 (a junk id is a missing object)."""
    if not ID.fullmatch(str(value)):
        raise Http404("no such object")
    return int(value)


def get_task_for_user(request, pk) -> Task:
    # Ids also come from query strings and forms (?task=…): anything but digits is no task.
    pk = as_id(pk)
    return get_object_or_404(
        Task.objects.select_related("category", "override_category", "delegate"),
        pk=pk,
        owner=request.user,
    )


def get_delegate_for_user(request, pk) -> Delegate:
    return get_object_or_404(Delegate, pk=pk, owner=request.user)


def add_service_errors(form, err: ValidationError) -> None:
    """Show a service's ValidationError on the form, at the field where it names one."""
    if hasattr(err, "error_dict"):
        for field, errors in err.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, err)
