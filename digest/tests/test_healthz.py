"""GET /healthz: the database, Redis and the digest backlog, without login."""

from datetime import timedelta

from django.utils import timezone

from digest import services as digest
from digest.models import WeeklyDigest
from digest.tests.digest_support import MONDAY, plan


def test_it_answers_ok_without_login_and_counts_no_backlog(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert body["redis"] in ("ok", "not configured")
    assert body["digests"] == {
        "waiting": 0,
        "failing": 0,
        "failed": 0,
        "oldest_waiting_seconds": None,
    }


def test_failures_are_counted_and_an_hour_old_backlog_is_degraded(client, alice, charlie):
    plan(alice)
    plan(charlie)
    first, second = digest.digests_claim(founder_ids=[alice.pk, charlie.pk], now=MONDAY)
    WeeklyDigest.objects.filter(pk=first).update(last_error="SMTPDataError: (451, 'busy')")
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert (body["digests"]["waiting"], body["digests"]["failing"]) == (2, 1)
    WeeklyDigest.objects.filter(pk=second).update(state="failed")
    WeeklyDigest.objects.filter(pk=first).update(claimed_at=timezone.now() - timedelta(minutes=61))
    response = client.get("/healthz")
    body = response.json()
    # Mail is late but the site works: 200, so a load balancer keeps it; monitoring alerts.
    assert (response.status_code, body["status"]) == (200, "degraded")
    assert body["digests"]["failed"] == 1
    assert body["digests"]["oldest_waiting_seconds"] >= 61 * 60


def test_an_unreachable_redis_is_503(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down" and response.json()["redis"] == "error"


def test_it_takes_a_few_queries_and_no_post(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get("/healthz")
    assert client.post("/healthz").status_code == 405
