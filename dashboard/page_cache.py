"""A founder's page, rendered once per version of their data (accounts.versions).

The key holds everything the page is computed from besides the database: the founder, their
data's version (raised in the same transaction as every write of it), the language, the
founder's today (what waits and what is silent are counted in days), the start of their
previous visit, the address, what every page's frame shows (a consultant's link,
the address to confirm). A write of the founder's data therefore reaches the next page view;
nothing expires by time alone. Cache: Django's default (Redis in production, local memory in
the demo).

The page is stored with a placeholder for the CSRF token: each browser's token is its own, and
a masked token is put in at every serve (a replacement, not a render). It is stored as the
response's bytes: a serve neither encodes the page again nor decodes it from the cache
(the task list's first page is ~170 KB).
"""

import hashlib
import logging
from collections.abc import Callable
from datetime import date, datetime

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from accounts.context_processors import email_confirmation
from accounts.release import release

log = logging.getLogger(__name__)

CSRF_PLACEHOLDER = "csrf-token-placeholder-8c1f0e"
_PLACEHOLDER = CSRF_PLACEHOLDER.encode()
# Only a bounded address is cached (the dashboard's own parameters are short).
MAX_PATH = 200
# Rows not read for a day leave (Redis: memory; a founder's today is in the key anyway).
TIMEOUT = 24 * 3600


def page_key(request: HttpRequest, *, page: str, today: date, since: datetime | None) -> str:
    user = request.user
    frame = email_confirmation(request)
    parts = (
        release(),
        page,
        user.pk,
        user.profile.data_version,  # type: ignore[union-attr]  # loaded by the middleware
        translation.get_language(),
        today.isoformat(),
        since.isoformat() if since else "",
        request.get_full_path(),
        user.email,  # type: ignore[union-attr]
        frame["email_unconfirmed"],
        frame["works_in_admin"],
    )
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"page:{page}:{user.pk}:{digest}"


def cacheable(request: HttpRequest) -> bool:
    """A plain GET with nothing one-off on the page (a message after a redirect)."""
    return (
        request.method == "GET"
        and len(request.get_full_path()) <= MAX_PATH
        and not _has_messages(request)
    )


def cached_page(
    request: HttpRequest,
    *,
    page: str,
    today: date,
    since: datetime | None,
    render: Callable[[dict], HttpResponse],
    visit: tuple[str, Callable[[object], datetime | None]] | None = None,
) -> HttpResponse:
    """The page from the cache, or `render(extra_context)` stored for the next view.

    `visit`, when given: a cache key read together with the page (one round trip) and what
    to do with its value — the founder's visit, which returns the page's `since` (a new
    visit changes it, and the page is then looked up under its new key)."""
    if not cacheable(request):
        if visit is not None:
            visit[1](cache.get(visit[0]))
        return render({})
    key = page_key(request, page=page, today=today, since=since)
    if visit is None:
        html = cache.get(key)
    else:
        found = cache.get_many([key, visit[0]])
        now_since = visit[1](found.get(visit[0]))
        if now_since == since:
            html = found.get(key)
        else:
            key = page_key(request, page=page, today=today, since=now_since)
            html = cache.get(key)
    if html is None:
        response = render({"csrf_token": CSRF_PLACEHOLDER})
        html = response.content
        if response.status_code != 200 or _has_messages(request):
            # Drawn for this view alone (a refusal, a message said once): not stored.
            response.content = _with_token(html, request)
            return response
        cache.set(key, html, TIMEOUT)
    return HttpResponse(_with_token(html, request))


def _with_token(html: bytes, request: HttpRequest) -> bytes:
    return html.replace(_PLACEHOLDER, get_token(request).encode())


def _has_messages(request: HttpRequest) -> bool:
    messages = getattr(request, "_messages", None)
    return messages is not None and len(messages) > 0


def after_response(response: HttpResponse, calls: list[Callable[[], None]]) -> None:
    """Run `calls` once the response is sent: the WSGI server closes it then (gunicorn after
    the last byte), and Django runs its closers. A failure is logged, never the page's."""

    def run() -> None:
        for call in calls:
            try:
                call()
            except Exception:
                log.exception("a write after the response failed")

    if calls:
        # Django closes its resources with the response; this is one more.
        response._resource_closers.append(run)  # type: ignore[attr-defined]
