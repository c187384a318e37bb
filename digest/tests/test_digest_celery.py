"""The beat's fan-out through Celery: a real worker on a real Redis broker where REDIS_URL is
set, eager tasks otherwise. Transactional: the worker thread only sees committed rows."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import connections
from django.utils import timezone

from accounts import schedule
from accounts import services as account_services
from accounts.models import Profile
from digest import services as digest
from digest import tasks as digest_tasks
from digest.models import WeeklyDigest
from digest.tests.digest_support import parts
from outsourcing.celery import app
from tasks.tests.factories import make_task

# The root conftest adds serialized_rollback, so the data migrations' rows come back.
pytestmark = pytest.mark.django_db(transaction=True)


def _close_worker_connections(**_kwargs):
    # The worker thread's own database connection would otherwise outlive the test database.
    connections.close_all()


@pytest.fixture
def worker():
    """A real Celery worker (a thread, solo pool) when a broker is configured."""
    if not settings.REDIS_URL:
        if settings.REQUIRE_SERVICES:
            pytest.fail("REQUIRE_SERVICES is set but REDIS_URL is not")
        yield None  # CELERY_TASK_ALWAYS_EAGER: the tasks run in this thread
        return
    app.control.purge()
    task_postrun.connect(_close_worker_connections)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        task_postrun.disconnect(_close_worker_connections)


def _wait_for(predicate, *, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the worker did not finish in time")
        time.sleep(0.1)


def _due_founders(count: int, *, first: int = 0) -> list:
    """Founders whose slot this week has come: today, local midnight."""

    founders = []
    for number in range(first, first + count):
        user = account_services.founder_signup(
            email=f"f{number}@example.com", password="pw-123456789", email_confirmed=True
        )
        make_task(user, title=f"Inbox triage {number}")
        today = schedule.local_today(timezone.now(), "Europe/Berlin")
        Profile.objects.filter(user=user).update(digest_weekday=today.weekday(), digest_hour=0)
        digest.slots_reset(founder_ids=[user.pk])
        founders.append(user)
    return founders


def _all_sent() -> bool:
    return WeeklyDigest.objects.exclude(state=WeeklyDigest.SENT).count() == 0


def _sentinel_after(smtp_server, expected: int) -> None:
    """No result backend: to know the worker got through the tasks queued so far, queue one
    more digest behind them (one solo worker takes them in order) and wait for it."""
    [late] = _due_founders(1, first=100 + expected)
    digest_tasks.digests_claim.delay([late.pk], timezone.now().isoformat())
    _wait_for(lambda: len(smtp_server.messages) == expected + 1 and _all_sent())


def test_the_beat_fans_out_and_the_worker_sends_each_digest_once(worker, smtp_server):
    founders = _due_founders(3)
    digest_tasks.digests_due.delay()
    _wait_for(lambda: len(smtp_server.messages) == 3 and _all_sent())
    received = [m["to"][0] for m in smtp_server.messages]
    assert sorted(received) == sorted(f.email for f in founders)
    for message in smtp_server.messages:
        assert set(parts(message["message"])) == {"text/plain", "text/html"}
    # A second beat, and a redelivered send task, find nothing to do.
    digest_tasks.digests_due.delay()
    digest_tasks.digests_send.delay(list(WeeklyDigest.objects.values_list("pk", flat=True)))
    _sentinel_after(smtp_server, 3)
    assert [m["to"][0] for m in smtp_server.messages[:3]] == received
    assert WeeklyDigest.objects.count() == 4


def test_a_retried_send_task_delivers_once(worker, smtp_server):
    [founder] = _due_founders(1)
    digest_tasks.digests_claim.delay([founder.pk], timezone.now().isoformat())
    _wait_for(lambda: len(smtp_server.messages) == 1 and _all_sent())
    row = WeeklyDigest.objects.get()
    digest_tasks.digests_send.delay([row.pk])
    digest_tasks.digests_send.delay([row.pk])
    _sentinel_after(smtp_server, 1)
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("sent", 1)
    assert [m["to"][0] for m in smtp_server.messages].count(founder.email) == 1
