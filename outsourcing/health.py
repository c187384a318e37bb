"""GET /healthz for load balancers and monitoring: no login, no template, a few cheap queries.

  200 {"status": "ok", ...}        the database answers, and Redis when REDIS_URL is set
  200 {"status": "degraded", ...}  both answer, but a digest has waited longer than
                                   DIGEST_BACKLOG_SECONDS (an hour): mail is late, the site is
                                   fine — keep the process in rotation, alert on the field
  503 {"status": "down", ...}      the database or Redis does not answer

"digests" counts the backlog: waiting (claimed or sending), failing (waiting after a failed
attempt), failed (for good, last 7 days), and the oldest waiting digest's age in seconds.
"""

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from digest import sending as digest_send

REDIS_TIMEOUT = 1.0  # seconds: a hung Redis must not hang the probe


@never_cache
@require_GET
def healthz(request):
    now = timezone.now()
    body: dict[str, object] = {"database": _database(), "redis": _redis()}
    if "error" in body.values():
        return JsonResponse({"status": "down", **body}, status=503)
    backlog = digest_send.backlog(now=now)
    oldest = int((now - backlog.oldest).total_seconds()) if backlog.oldest else None
    body["digests"] = {
        "waiting": backlog.waiting,
        "failing": backlog.failing,
        "failed": backlog.failed,
        "oldest_waiting_seconds": oldest,
    }
    status = "degraded" if backlog.is_late(now=now) else "ok"
    return JsonResponse({"status": status, **body})


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
