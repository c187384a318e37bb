"""Benchmark (not a test): where one sender's time goes, step by step, per digest.

Runs the claim and the send of a seeded bench database's founders in this one process (no
Celery), chunk by chunk as a worker does, against an SMTP sink in another process, and
measures each step's CPU time (this thread's, time.thread_time) and wall time: what a digest
costs the sender and what it waits for. Run bench/digests.py first (it seeds the founders).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_digests \\
    .venv/bin/python bench/digest_steps.py [--founders 1000]
"""

import argparse
import os
import secrets
import smtplib
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
# DEBUG off, as in production: that needs a key (a child process inherits it).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.mail.backends.smtp import EmailBackend  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Profile  # noqa: E402
from digest import content, sending  # noqa: E402
from digest import services as digest  # noqa: E402
from digest.models import WeeklyDigest  # noqa: E402

CPU = defaultdict(float)
WALL = defaultdict(float)
STACK: list[list[float]] = []  # per running step: its children's CPU and wall time


def measure(name: str, owner, attribute: str) -> None:
    """Wrap owner.attribute so its own CPU and wall time (without the measured steps it
    calls) add up under `name`."""
    original = getattr(owner, attribute)

    def wrapper(*args, **kwargs):
        STACK.append([0.0, 0.0])
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
            children = STACK.pop()
            CPU[name] += cpu - children[0]
            WALL[name] += wall - children[1]
            if STACK:
                STACK[-1][0] += cpu
                STACK[-1][1] += wall

    setattr(owner, attribute, wrapper)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(founders: int) -> None:
    port = free_port()
    sink = subprocess.Popen(
        [sys.executable, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Sink"]
        + ["-l", f"127.0.0.1:{port}"]
    )
    time.sleep(1.5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    ids = list(Profile.objects.order_by("user_id").values_list("user_id", flat=True)[:founders])
    WeeklyDigest.objects.filter(founder_id__in=ids).delete()
    digest.slots_reset(founder_ids=ids)

    measure("1 claim (per chunk, divided)", digest, "digests_claim")
    measure("2 chunk reads (per chunk, divided)", content, "chunk_reads")
    measure("3 context", sending, "digest_context")
    measure("4 render (Jinja2) and the message object", sending, "make_message")
    measure("5 lease + previous outcome (one commit)", sending, "_lease")
    measure("7 SMTP client: MAIL, RCPT, DATA over loopback", smtplib.SMTP, "sendmail")
    measure("6 MIME: the message's bytes", EmailBackend, "_send")
    measure("8 last outcome of a chunk (own commit)", sending, "_record")

    now = timezone.now()
    sent = 0
    cpu, wall = time.thread_time(), time.perf_counter()
    for chunk in digest.chunks(ids):
        claimed = digest.digests_claim(founder_ids=chunk, now=now, force=True)
        sent += len(sending.digests_send(digest_ids=claimed, now=now).sent)
    cpu, wall = time.thread_time() - cpu, time.perf_counter() - wall
    sink.terminate()
    sink.wait()

    load = os.getloadavg()[0]
    print(f"{sent} digests sent in-process by one sender; load average {load:.1f}")
    print(f"{'step':52} {'CPU ms':>8} {'wall ms':>8}  (per digest)")
    for name in sorted(CPU):
        print(f"{name:52} {CPU[name] / sent * 1000:8.3f} {WALL[name] / sent * 1000:8.3f}")
    rest_cpu, rest_wall = cpu - sum(CPU.values()), wall - sum(WALL.values())
    print(f"{'9 the rest (loops, fetching the chunk, Django)':52} ", end="")
    print(f"{rest_cpu / sent * 1000:8.3f} {rest_wall / sent * 1000:8.3f}")
    print(f"{'total':52} {cpu / sent * 1000:8.3f} {wall / sent * 1000:8.3f}")
    print(f"one sender: {sent / wall:.0f} digests/s wall, {sent / cpu:.0f}/s if it never waited")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--founders", type=int, default=1000)
    run(parser.parse_args().founders)
