"""GET /healthz: the database, Redis and the digest backlog, without login."""

import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from digest import services as digest
from digest.models import WeeklyDigest
from digest.tests.digest_support import MONDAY, plan

TOKEN = "health-token-for-tests"


@pytest.fixture(autouse=True)
def _token(settings):
    settings.HEALTHZ_TOKEN = TOKEN


def details(client, **kwargs):
    return client.get("/healthz", HTTP_X_HEALTHZ_TOKEN=TOKEN, **kwargs)


def test_it_answers_ok_without_login_and_counts_no_backlog(client, db):
    response = details(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert body["redis"] in ("ok", "not configured")
    assert body["digests"] == {
        "waiting": 0,
        "failing": 0,
        "failed": 0,
        "maybe_sent": 0,
        "sender_refused": 0,
        "dropped": 0,
        "oldest_waiting_seconds": None,
    }
    assert body["outbox"] == {"waiting": 0, "failed": 0, "maybe_sent": 0, "sender_refused": 0}


def test_the_load_balancer_gets_a_bare_status_and_staff_or_the_token_the_details(
    client, db, django_user_model
):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/healthz", HTTP_X_HEALTHZ_TOKEN="wrong").json() == {"status": "ok"}
    assert "digests" in client.get(f"/healthz?token={TOKEN}").json()
    staff = django_user_model.objects.create_user(
        email="ops@example.com", password="ops-pw-123456", is_staff=True
    )
    client.force_login(staff)
    assert "digests" in client.get("/healthz").json()


def test_failures_are_counted_and_an_hour_old_backlog_is_degraded(client, alice, charlie):
    plan(alice)
    plan(charlie)
    first, second = digest.digests_claim(founder_ids=[alice.pk, charlie.pk], now=MONDAY)
    WeeklyDigest.objects.filter(pk=first).update(last_error="SMTPDataError: (451, 'busy')")
    body = details(client).json()
    assert body["status"] == "ok"
    assert (body["digests"]["waiting"], body["digests"]["failing"]) == (2, 1)
    WeeklyDigest.objects.filter(pk=second).update(state="failed")
    WeeklyDigest.objects.filter(pk=first).update(claimed_at=timezone.now() - timedelta(minutes=61))
    response = details(client)
    body = response.json()
    # Mail is late but the site works: 200, so a load balancer keeps it; monitoring alerts.
    assert (response.status_code, body["status"]) == (200, "degraded")
    assert body["digests"]["failed"] == 1
    assert body["digests"]["oldest_waiting_seconds"] >= 61 * 60


def test_an_unreachable_redis_is_503(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = details(client)
    assert response.status_code == 503
    assert response.json()["status"] == "down" and response.json()["redis"] == "error"


def test_it_takes_a_few_queries_and_no_post(client, db, django_assert_max_num_queries):
    # SELECT 1, the digest backlog, the outbox (and the savepoint and, on PostgreSQL, the
    # timeouts that bound their time).
    with django_assert_max_num_queries(6):
        details(client)
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_answers_within_a_second_while_the_digest_table_is_locked(client, settings):
    if connection.vendor != "postgresql":
        if settings.REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES is set but this test needs PostgreSQL")
        pytest.skip("a table lock needs PostgreSQL")
    other = connections.create_connection("default")  # a second session holds the lock
    try:
        with other.cursor() as cursor:
            other.set_autocommit(False)
            cursor.execute("LOCK TABLE digest_weeklydigest IN ACCESS EXCLUSIVE MODE")
            started = time.monotonic()
            response = details(client)
            elapsed = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert elapsed < 1.0
    assert (response.status_code, response.json()["status"]) == (200, "degraded")
    assert response.json()["mail"] == "locked or slow"
    assert details(client).json()["status"] == "ok"  # the lock is gone, so is the fault
