"""Benchmark (not a test): the delegate's handover page under gunicorn, driven by wrk.

Serves the app with gunicorn (2 sync workers, DEBUG off) on loopback and drives a handover
page (GET, no login: resolve the signed link, the published instruction, the form) with wrk,
then a static file through the very same stack (gunicorn, Django's middleware, WhiteNoise; no
view, no database) as the ceiling, and prints both rates and their ratio. Needs a bench
database with at least one handover link (bench/digests.py seeds demo founders with one).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_digests \\
    .venv/bin/python bench/handover.py [--seconds 10] [--connections 8]
"""

import argparse
import os
import platform
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
# DEBUG off, as in production: that needs a key (a child process inherits it).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from sops.models import HandoverLink  # noqa: E402

CEILING = "/static/favicon.svg"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url: str, seconds: int, connections: int) -> tuple[float, str]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p99 = re.search(r"99%\s+(\S+)", out)[1]
    if "Non-2xx" in out:
        sys.exit(f"wrk saw errors for {url}:\n{out}")
    return rate, p99


def run(seconds: int, connections: int) -> None:
    if "bench" not in str(settings.DATABASES["default"]["NAME"]):
        sys.exit("Use a bench database (DATABASE_URL=…/bench_…).")
    link = HandoverLink.objects.filter(revoked_at__isnull=True).order_by("pk").first()
    if link is None:
        sys.exit("No handover link: run bench/digests.py on this database first.")
    port = free_port()
    env = {**os.environ, "DEBUG": "false", "SECURE_COOKIES": "false", "LOG_LEVEL": "WARNING"}
    # Production's static files (hashed names, compressed copies) need collectstatic first.
    env["STATIC_ROOT"] = tempfile.mkdtemp(prefix="bench-static-")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "outsourcing.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"]
        + ["--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + CEILING, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        page = base + link.get_absolute_url()
        assert b"<form" in urllib.request.urlopen(page, timeout=10).read()
        load = os.getloadavg()[0]
        handover, handover_p99 = wrk(page, seconds, connections)
        ceiling, ceiling_p99 = wrk(base + CEILING, seconds, connections)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"machine: {platform.node()} · {os.cpu_count()} CPUs · load average {load:.1f}")
    print(f"gunicorn: 2 sync workers; wrk: 2 threads, {connections} connections, {seconds} s each")
    print(f"handover page: {handover:.0f} requests/s (p99 {handover_p99})")
    print(f"ceiling, a static file through the same stack: {ceiling:.0f}/s (p99 {ceiling_p99})")
    print(f"handover page vs the ceiling: {handover / ceiling:.0%}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    options = parser.parse_args()
    run(options.seconds, options.connections)
