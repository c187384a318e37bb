"""Benchmark (not a test): the dashboard and the task list under load, at 20, 200 and 2,000 tasks.

Seeds three founders in their own PostgreSQL database, serves the app with gunicorn (2 workers,
DEBUG off), and drives each founder's dashboard and the task list's first page with wrk at 16
connections. In the same run it drives a trivial page of the same app (the login form, or
/healthz when the app has it) as the ceiling, and prints requests/s, p50 and p99 for each case
and the ratio to the ceiling.

    .venv/bin/python bench/dashboard.py [--seconds 10] [--database bench_dashboard]

Targets (issue 11): the 200-task dashboard at >= 15 % of the ceiling with p99 <= 50 ms and no
errors; the 2,000-task dashboard at most 3x the 20-task one (p50).
"""

import argparse
import os
import platform
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (20, 200, 2000)
CONNECTIONS = 16


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="per case (default 10)")
    parser.add_argument("--database", default="bench_dashboard")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    return parser.parse_args()


ARGS = parse_args()
# The server and this process share these: sessions made here must be valid there.
ENV = {
    "DATABASE_URL": f"{ARGS.pg}/{ARGS.database}",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(40),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_COOKIES": "false",
    "SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "ERROR",
}
os.environ.update(ENV)
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
sys.path.insert(0, str(ROOT))


def recreate_database():
    import psycopg2

    conn = psycopg2.connect(f"{ARGS.pg}/postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{ARGS.database}"')
        cursor.execute(f'CREATE DATABASE "{ARGS.database}"')
    conn.close()


recreate_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts import services as account_services  # noqa: E402
from tasks import services  # noqa: E402
from tasks.classifier import AREAS, TaskInput  # noqa: E402
from tasks.models import Delegate, Task  # noqa: E402


def seed(size: int) -> str:
    """A founder with `size` tasks of every kind, a tenth of them delegated; their session."""
    founder = account_services.founder_signup(
        email=f"founder{size}@example.com", password="bench-pass-1"
    )
    rows = [
        TaskInput(
            title=f"Task {i:04} {AREAS[i % len(AREAS)]}",
            area=AREAS[i % len(AREAS)],
            hours_per_week=Decimal(i % 9) / 2 + Decimal("0.25"),
            recurring=bool(i % 3),
            skill=1 + i % 5,
            enjoyment=1 + (i * 2) % 5,
            core=i % 10 == 0,
        )
        for i in range(size)
    ]
    services.tasks_import(owner=founder, rows=rows)
    studio = Delegate.objects.create(
        owner=founder, name="Studio", kind="specialist", hourly_rate=Decimal("70")
    )
    handed = Task.objects.filter(owner=founder).exclude(route__in=("virtual_assistant", "keep"))
    ids = list(handed.values_list("pk", flat=True)[: max(1, size // 10)])
    Task.objects.filter(pk__in=ids).update(
        status=Task.DELEGATED,
        delegate=studio,
        delegated_on=timezone.localdate(),
        delegate_rate=Decimal("70"),
    )
    client = Client()
    client.force_login(founder)
    return client.cookies["sessionid"].value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "outsourcing.wsgi",
        "--workers=2",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV})
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not come up")


def check(url: str, cookie: str | None, expect: str) -> None:
    request = urllib.request.Request(
        url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read().decode()
        if response.status != 200 or expect not in body:
            raise SystemExit(f"{url} did not serve the page ({response.status})")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(url: str, cookie: str | None, seconds: int) -> dict:
    header = ["-H", f"Cookie: sessionid={cookie}"] if cookie else []
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout=10s", "--latency"]
    command += [*header, url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if not re.search(r"^\s+99%", output, re.M):
        raise SystemExit(f"wrk gave no latencies for {url}:\n{output}")
    latency = {
        share: float(value) * UNITS[unit]
        for share, value, unit in re.findall(
            r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M
        )
    }
    if len(latency) != 2:
        raise SystemExit(f"wrk's latencies for {url} did not parse:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": latency["50"],
        "p99": latency["99"],
        "errors": errors,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def main():
    call_command("migrate", verbosity=0)
    sessions = {size: seed(size) for size in SIZES}
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    ceiling_path = "/healthz" if _has_healthz(base) else "/accounts/login/"
    cases = [("ceiling", ceiling_path, None, None)]
    for size in SIZES:
        cases.append((f"dashboard, {size:,} tasks", "/", size, "Your next moves"))
        cases.append((f"task list, {size:,} tasks", "/tasks/", size, "All tasks"))
    try:
        results = {}
        for name, path, size, expect in cases:
            cookie = sessions.get(size)
            if expect:
                check(base + path, cookie, expect)
            wrk(base + path, cookie, 2)  # warm up
            results[name] = wrk(base + path, cookie, ARGS.seconds)
        # The ceiling once more at the end: the machine is shared, its load moves.
        after = wrk(base + ceiling_path, None, ARGS.seconds)
    finally:
        server.terminate()
        server.wait()
    report(results, after, ceiling_path)


def _has_healthz(base: str) -> bool:
    try:
        urllib.request.urlopen(f"{base}/healthz", timeout=2)
        return True
    except OSError:
        return False


def report(results: dict, after: dict, ceiling_path: str) -> None:
    ceiling = (results["ceiling"]["rps"] + after["rps"]) / 2
    print(f"\n{platform.node()}: {os.cpu_count()} cores, {platform.platform()}")
    load = f"wrk {CONNECTIONS} connections, {ARGS.seconds} s a case"
    print(f"gunicorn 2 workers, DEBUG off, PostgreSQL; {load}")
    print(f"ceiling: GET {ceiling_path} (mean of before and after: {ceiling:,.0f} req/s)\n")
    print(f"{'case':<24}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ceiling':>9}{'errors':>8}")
    for name, row in [*results.items(), ("ceiling (after)", after)]:
        share = row["rps"] / ceiling * 100
        errors = row["errors"] + (1 if row["socket_errors"] else 0)
        print(
            f"{name:<24}{row['rps']:>9,.0f}{row['p50']:>9.1f}{row['p99']:>9.1f}"
            f"{share:>8.1f}%{errors:>8}"
        )
    for page in ("dashboard", "task list"):
        small, large = results[f"{page}, 20 tasks"], results[f"{page}, 2,000 tasks"]
        ratio = large["p50"] / small["p50"] if small["p50"] else float("nan")
        print(f"{page}: 2,000 tasks take {ratio:.2f}x the 20-task p50")
    mid = results["dashboard, 200 tasks"]
    ok = (
        mid["rps"] / ceiling >= 0.15
        and mid["p99"] <= 50
        and mid["errors"] == 0
        and not mid["socket_errors"]
        and results["dashboard, 2,000 tasks"]["p50"] <= 3 * results["dashboard, 20 tasks"]["p50"]
    )
    print(
        "targets (200-task dashboard >= 15 % of ceiling, p99 <= 50 ms, no errors; 2,000 <= 3x 20):"
    )
    print("  met" if ok else "  NOT met")


if __name__ == "__main__":
    main()
