"""Fault injection, round two (issue 28), the last two cases: the database unreachable for
longer than a lease (a PostgreSQL server of the test's own, stopped and started), and a
prefork pool whose children are SIGKILLed. As in test_digest_faults.py: a redis-server, an SMTP
server and Celery processes of the test's own; copies counted per founder at the SMTP server."""

import os
import signal
import time
from pathlib import Path

import pytest

from digest.models import WeeklyDigest
from digest.tests import fault_support
from digest.tests.fault_postgres import OwnPostgres
from digest.tests.fault_support import copies, due_founders, settle, states, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]
rig = fault_support.rig  # the fixture

FINAL = ("sent", "failed", "maybe_sent", "dropped", "cancelled")


@pytest.fixture
def own_postgres(rig):
    server = OwnPostgres()
    try:
        server.init()
        yield server
    finally:
        rig.stop_all()  # nobody is left talking to it
        server.destroy()


def error_lines(*processes) -> list[str]:
    lines = []
    for process in processes:
        text = Path(process.log_path).read_text()
        lines += [line for line in text.splitlines() if "ERROR" in line]
    return lines


def test_postgresql_unreachable_for_10_s_costs_at_most_one_duplicate_and_logs_it(rig, own_postgres):
    """Longer than the 8 s lease: a sender that has the server's 250 cannot record it; it
    keeps reconnecting for as long as its lease lasts, then says so at ERROR with the digest's
    id. Once the database is back, that digest's expired lease is taken over and sent again."""
    inbox = rig.smtp.inbox
    inbox.delay = 0.5
    founders = due_founders(8)
    own_postgres.copy_test_database()
    own = {"DATABASE_URL": own_postgres.url}
    beat = rig.beat(**own)
    worker = rig.worker(**own)
    wait_for(lambda: inbox.total() >= 2 and inbox.started > inbox.total(), what="a send")
    own_postgres.stop()  # mid-run, while a message is in flight
    time.sleep(10)
    own_postgres.start()

    def final() -> int:
        (count,) = own_postgres.rows(
            "SELECT count(*) FROM digest_weeklydigest WHERE state = ANY(%s)", [list(FINAL)]
        )[0]
        return count

    wait_for(lambda: final() == 8, seconds=120)
    settle()
    got = copies(inbox, founders)
    twice = [email for email, count in got.items() if count == 2]
    assert sorted(set(got.values()) | {1}) in ([1], [1, 2]) and len(twice) <= 1, got
    assert own_postgres.rows("SELECT state, count(*) FROM digest_weeklydigest GROUP BY 1") == [
        ("sent", 8)
    ]
    errors = error_lines(worker, beat)
    for email in twice:  # the founder in flight: their outcome could not be recorded
        ((pk,),) = own_postgres.rows(
            "SELECT d.id FROM digest_weeklydigest d JOIN accounts_user u ON u.id = d.founder_id"
            " WHERE u.email = %s",
            [email],
        )
        assert any(f"digest {pk}:" in line for line in errors), errors


def children(pid: int) -> list[int]:
    """The pool's child processes (their parent is the worker's main process)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_prefork_children_sigkilled_three_times_lose_nobody_and_log_each_duplicate(rig):
    """Each kill lands while the server holds a message without its reply: that founder may
    get one more copy (the takeover is the one resend, logged at ERROR), never a third."""
    inbox = rig.smtp.inbox
    inbox.data_delay = 0.6  # the kill lands after the data: a copy is out, unrecorded
    founders = due_founders(12)
    chunks = {"DIGEST_CHUNK_SIZE": "2"}  # six send tasks for two children
    beat = rig.beat(**chunks)
    worker = rig.worker("--pool=prefork", "--concurrency=2", **chunks)
    for kill in range(3):
        seen = inbox.total()
        wait_for(lambda s=seen: inbox.total() > s + 1, seconds=90, what=f"kill {kill + 1}")
        for pid in children(worker.pid):
            os.kill(pid, signal.SIGKILL)
    wait_for(lambda: states().get("sent", 0) + states().get("maybe_sent", 0) == 12, seconds=120)
    settle()
    got = copies(inbox, founders)
    assert min(got.values()) == 1 and max(got.values()) <= 2, got
    assert worker.poll() is None  # the pool replaced its children
    errors = error_lines(worker, beat)
    for founder in founders:
        if got[founder.email] == 2:
            pk = WeeklyDigest.objects.get(founder=founder).pk
            assert any(f"digest {pk}: its sender died past the fence" in e for e in errors), errors
