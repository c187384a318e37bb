"""The fault tests' services, all of the test's own: an SMTP server on loopback that can be
told to delay, refuse or answer 4xx/5xx and counts deliveries per recipient; a redis-server on
another port (the shared one is never touched); Celery workers, beats and commands as real
processes on the test database, with seconds-scale lease, retries and recovery."""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts import schedule
from accounts import services as account_services
from accounts.models import Profile
from digest import services as digest_services
from digest.models import WeeklyDigest
from tasks.tests.factories import make_task

BASE_DIR = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent
APP_NAME = "digest-fault-test"  # the application_name of the processes' connections
# Seconds, not minutes: a lease well above one SMTP exchange here (its socket timeout is a
# fifth of it), retries after 1 then 2 seconds, the beat every second.
TIMINGS = {
    "DIGEST_LEASE_SECONDS": "8",
    "DIGEST_RETRY_DELAYS": "1,2",
    "DIGEST_RECOVERY_SECONDS": "1",
    # A "maybe sent" digest is resent after 3 s; the final reply is awaited up to 20 s.
    "MAIL_MAYBE_SENT_RESEND_SECONDS": "3",
    "MAIL_DATA_REPLY_SECONDS": "20",
    # The outbox: the same lease and beat.
    "MAIL_LEASE_SECONDS": "8",
    "MAIL_RETRY_DELAYS": "1,2",
    "MAIL_RECOVERY_SECONDS": "1",
}
HEALTH_TOKEN = "fault-test-health-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, seconds: float = 60.0, what: str = "the digests") -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def require_services() -> None:
    """Skip (fail under REQUIRE_SERVICES) without PostgreSQL or redis-server: the worker
    processes need a database they can share with the test."""
    missing = []
    if connection.vendor != "postgresql":
        missing.append("PostgreSQL (DATABASE_URL)")
    if not shutil.which("redis-server"):
        missing.append("redis-server")
    if missing:
        message = f"the fault tests need {' and '.join(missing)}"
        if settings.REQUIRE_SERVICES:
            pytest.fail(f"REQUIRE_SERVICES is set but {message}")
        pytest.skip(message)


# --- SMTP ----------------------------------------------------------------------------------


class FaultyInbox:
    """An SMTP handler: `delay` holds each session after MAIL FROM (before any message data,
    so a sender killed meanwhile delivers nothing); `mail_reply` answers MAIL FROM (a relay's
    554); `refuse` answers DATA for a recipient with a fixed reply; `replies` are answered to
    the next DATA commands, then 250. After the data: `drop_after_data` takes the message and
    closes the connection without a reply, `data_delay` waits before the 250."""

    def __init__(self):
        self.delay = 0.0
        self.mail_reply = ""
        self.refuse: dict[str, str] = {}
        self.replies: list[str] = []
        self.drop_after_data = False
        self.data_delay = 0.0
        self.started = 0
        self.delivered: Counter[str] = Counter()
        self.message_ids: dict[str, set[str]] = {}

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.started += 1
        if self.mail_reply:
            return self.mail_reply
        if self.delay:
            await asyncio.sleep(self.delay)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            if rcpt in self.refuse:
                return self.refuse[rcpt]
        if self.replies:
            return self.replies.pop(0)
        message_id = _message_id(envelope.content)
        for rcpt in envelope.rcpt_tos:
            self.delivered[rcpt] += 1
            self.message_ids.setdefault(rcpt, set()).add(message_id)
        if self.drop_after_data:
            server.transport.close()
            return "250 never heard"
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        return "250 Message accepted for delivery"

    def total(self) -> int:
        return sum(self.delivered.values())


def _message_id(content: bytes) -> str:
    for line in content.decode(errors="replace").splitlines():
        if line.lower().startswith("message-id:"):
            return line.split(":", 1)[1].strip()
    return ""


class FaultySmtp:
    def __init__(self):
        self.port = free_port()
        self.inbox = FaultyInbox()
        self.controller = None

    def up(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def down(self):
        """Stop listening: senders get "connection refused"."""
        if self.controller:
            self.controller.stop()
            self.controller = None


# --- processes -----------------------------------------------------------------------------


class Redis:
    """A redis-server of the test's own, without persistence (a restart comes back empty)."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, seconds=10, what="redis-server")

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self):
        if self.process:
            self.process.kill()
            self.process.wait()
            self.process = None


class Processes:
    """Workers, beats, commands and gunicorn on the test database, our Redis and our SMTP."""

    def __init__(self, workdir: Path, redis: Redis, smtp: FaultySmtp):
        self.workdir, self.redis, self.smtp = workdir, redis, smtp
        self.running: list[subprocess.Popen] = []
        self.count = 0

    def env(self, **extra) -> dict:
        db = connection.settings_dict
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        env = {
            **os.environ,
            **TIMINGS,
            "DJANGO_SETTINGS_MODULE": "outsourcing.settings",
            "DATABASE_URL": f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/"
            f"{db['NAME']}?application_name={APP_NAME}",
            "REDIS_URL": self.redis.url,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp.port),
            "LOG_LEVEL": "ERROR",
            "DEBUG": "false",
            "PYTHONUNBUFFERED": "1",
        }
        env.update(extra)
        return env

    def start(self, *args: str, **env) -> subprocess.Popen:
        self.count += 1
        name = "-".join(Path(arg).name for arg in args[:4] if not arg.startswith("-"))
        log = open(self.workdir / f"{self.count}-{name}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            list(args), cwd=BASE_DIR, env=self.env(**env), stdout=log, stderr=subprocess.STDOUT
        )
        process.log_path = log.name
        self.running.append(process)
        return process

    def worker(self, *pool: str, **env) -> subprocess.Popen:
        """`pool`: the worker's pool options, one process (solo) unless told."""
        celery = str(VENV_BIN / "celery")
        return self.start(
            *(celery, "-A", "outsourcing", "worker", *(pool or ("--pool=solo",))),
            *("-n", f"w{self.count}@%h"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "ERROR"),
            **env,
        )

    def beat(self, **env) -> subprocess.Popen:
        schedule_file = self.workdir / f"beat-{self.count}"
        celery = str(VENV_BIN / "celery")
        return self.start(
            *(celery, "-A", "outsourcing", "beat", "-s", str(schedule_file)),
            *("--max-interval", "1", "-l", "ERROR"),
            **env,
        )

    def command(self, *args: str, **env) -> subprocess.Popen:
        return self.start(sys.executable, "manage.py", *args, **env)

    def stop_all(self):
        for process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
            process.wait()
        self.running.clear()


def skewed_clock(workdir: Path, seconds: int) -> dict:
    """Env for a process whose clock runs `seconds` ahead: a sitecustomize on its PYTHONPATH
    shifts django.utils.timezone.now (the only clock the app reads) in that process alone."""
    folder = workdir / f"skew{seconds}"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "_real = timezone.now\n"
        f"timezone.now = lambda: _real() + timedelta(seconds={seconds})\n"
    )
    return {"PYTHONPATH": str(folder)}


def terminate_our_backends() -> int:
    """pg_terminate_backend on the connections of the processes this test started, and only
    those (their application_name, on the test database)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = %s AND datname = current_database() "
            "AND pid <> pg_backend_pid()",
            [APP_NAME],
        )
        return cursor.fetchone()[0]


# --- founders and what they got ------------------------------------------------------------


def due_founders(count: int, *, first: int = 0) -> list:
    """Founders whose slot this week has come (today, local midnight), one task each."""
    founders = []
    today = schedule.local_today(timezone.now(), "Europe/Berlin")
    for number in range(first, first + count):
        user = account_services.founder_signup(
            email=f"f{number}@example.com", password="pw-123456789", email_confirmed=True
        )
        make_task(user, title=f"Inbox triage {number}")
        founders.append(user)
    Profile.objects.filter(user__in=founders).update(
        time_zone="Europe/Berlin",
        digest_weekday=today.weekday(),
        digest_hour=0,
    )
    digest_services.slots_reset(founder_ids=[user.pk for user in founders])
    return founders


def states() -> Counter:
    return Counter(WeeklyDigest.objects.values_list("state", flat=True))


def all_done(count: int) -> bool:
    done = WeeklyDigest.objects.filter(state__in=(WeeklyDigest.SENT, WeeklyDigest.FAILED))
    return done.count() == count


@pytest.fixture
def rig(tmp_path, settings):
    require_services()
    # This process claims too (the admin action): the same seconds-scale timings.
    settings.DIGEST_LEASE_SECONDS = int(TIMINGS["DIGEST_LEASE_SECONDS"])
    settings.DIGEST_RETRY_DELAYS = [int(s) for s in TIMINGS["DIGEST_RETRY_DELAYS"].split(",")]
    settings.HEALTHZ_TOKEN = HEALTH_TOKEN
    smtp, redis = FaultySmtp(), Redis(tmp_path)
    smtp.up()
    redis.start()
    processes = Processes(tmp_path, redis, smtp)
    try:
        yield processes
    finally:
        processes.stop_all()
        redis.kill()
        smtp.down()


def copies(inbox, founders) -> dict[str, int]:
    """Deliveries per founder at the SMTP server."""
    return {f.email: inbox.delivered[f.email] for f in founders}


def settle() -> None:
    """A few beats more: whatever would still send a duplicate has its chance to."""
    time.sleep(2.5)
