"""What a request hands us as an id, a number or a "next" address, read one way everywhere.

Only plain ASCII digits count: "²" passes str.isdigit() but not int(), "٣" is even read as 3
by int(), "1_0" as 10 and "1e1" as a float, and 20 digits overflow a PostgreSQL bigint.
The same strict format as the CSV import (tasks/csv_rows.py).
"""

import re

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

ID = re.compile(r"[0-9]{1,18}", re.ASCII)
PLAIN_INTEGER = re.compile(r"[+-]?[0-9]{1,18}", re.ASCII)
PLAIN_DECIMAL = re.compile(r"[+-]?([0-9]{1,30}(\.[0-9]{0,30})?|\.[0-9]{1,30})", re.ASCII)


def parse_id(value: object) -> int | None:
    """The id in a request value, or None for anything but 1–18 ASCII digits."""
    text = str(value)
    return int(text) if ID.fullmatch(text) else None


def as_id(value: object) -> int:
    """The id in a request value, or Http404 (a junk id is a missing object)."""
    pk = parse_id(value)
    if pk is None:
        raise Http404("no such object")
    return pk


def safe_next(request, target: str | None, *, default: str) -> HttpResponseRedirect:
    """Back to `target` if it is a path on this site, else to the view named `default`.

    Never redirect(target): a bare word ("abc") would be reversed as a view name and fail."""
    target = target or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(resolve_url(default))
