"""GET /healthz for load balancers and monitoring: no login, no template, a few cheap queries.

  200 {"status": "ok"}        the database answers, and Redis when REDIS_URL is set
  200 {"status": "degraded"}  both answer, but mail is late or stuck: a digest has waited
                              longer than DIGEST_BACKLOG_SECONDS, SMTP refuses the sender, or
                              the mail tables could not be read within a second (locked) —
                              keep the process in rotation, alert on the details
  503 {"status": "down"}      the database or Redis does not answer

Anyone gets the bare status. The details (the digest backlog: waiting, failing, failed,
maybe sent, SMTP refused the sender, dropped, the oldest waiting digest's age; the outbox's
counts) go to staff, or with HEALTHZ_TOKEN in the `X-Healthz-Token` header or `?token=`.
"""

import hmac

import redis
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from digest import recovery
from mail import outbox

REDIS_TIMEOUT = 1.0  # seconds: a hung Redis must not hang the probe
MAIL_READ_TIMEOUT_MS = 500  # a locked digest table must not hang the probe either


@never_cache
@require_GET
def healthz(request):
    now = timezone.now()
    body: dict[str, object] = {"database": _database(), "redis": _redis()}
    if "error" in body.values():
        return _answer(request, "down", body, code=503)
    try:
        mail, stuck = _mail(now)
    except DatabaseError:  # the transaction is rolled back; the connection stays usable
        body["mail"] = "locked or slow"
        return _answer(request, "degraded", body)
    return _answer(request, "degraded" if stuck else "ok", {**body, **mail})


def _answer(request, status: str, body: dict, *, code: int = 200) -> JsonResponse:
    details = body if _may_see_details(request) else {}
    return JsonResponse({"status": status, **details}, status=code)


def _may_see_details(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    token = settings.HEALTHZ_TOKEN
    given = request.headers.get("X-Healthz-Token") or request.GET.get("token", "")
    return bool(token) and hmac.compare_digest(given.encode(), token.encode())


def _mail(now) -> tuple[dict, bool]:
    """The digest backlog and the outbox, and whether mail is late or stuck."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET LOCAL statement_timeout = %s; SET LOCAL lock_timeout = %s",
                    [MAIL_READ_TIMEOUT_MS, MAIL_READ_TIMEOUT_MS],
                )
        backlog = recovery.backlog(now=now)
        mail = outbox.outbox_counts(now=now)
    oldest = int((now - backlog.oldest).total_seconds()) if backlog.oldest else None
    stuck = backlog.is_late(now=now) or bool(backlog.sender_refused or mail["sender_refused"])
    details = {
        "digests": {
            "waiting": backlog.waiting,
            "failing": backlog.failing,
            "failed": backlog.failed,
            "maybe_sent": backlog.maybe_sent,
            "sender_refused": backlog.sender_refused,
            "dropped": backlog.dropped,
            "oldest_waiting_seconds": oldest,
        },
        "outbox": mail,
    }
    return details, stuck


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        connection.close()  # the next request starts with a fresh connection
        return "error"
    return "ok"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
        )
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError):
        return "error"
    return "ok"
