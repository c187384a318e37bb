"""Benchmark (not a test): the dashboard and the task list under load, at 20, 200 and 2,000 tasks.

Seeds three founders in their own PostgreSQL database, serves the app with gunicorn (2 workers,
DEBUG off), and drives each founder's dashboard, the task list's first page and the three lists
with wrk at 16 connections. The ceiling, in the same run, is **a bare Django view**
(`bench/bare_django.py`: no middleware, no apps, a one-line HttpResponse) served by gunicorn
with the same settings; the app's own /healthz and login form are printed for scale. Prints the
load average at the start, then requests/s, p50, p99 and errors for each case and its share of
the ceiling.

    .venv/bin/python bench/dashboard.py [--seconds 10] [--database bench_dashboard] [--workers 2]
        [--redis redis://127.0.0.1:6379/N]   # the cache on Redis, as in production

Targets (issue 26): the 200-task dashboard at >= 15 % of the bare view with p99 <= 50 ms and no
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
import tempfile
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
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn's, for the app and the bare view alike"
    )
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--redis",
        default=os.environ.get("REDIS_URL", ""),
        help="REDIS_URL for the app's cache (default: $REDIS_URL; none: local memory per worker)",
    )
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
    # Production's static files (hashed names, compressed copies) are collected first (main).
    "STATIC_ROOT": tempfile.mkdtemp(prefix="bench-static-"),
}
if ARGS.redis:
    ENV["REDIS_URL"] = ARGS.redis
else:
    os.environ.pop("REDIS_URL", None)
os.environ.update(ENV)
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


# The same gunicorn settings for the app and for the bare view (the Procfile's, 2 workers).
GUNICORN = [str(ROOT / ".venv/bin/gunicorn"), f"--workers={ARGS.workers}", "--log-level=warning"]


def start_server(port: int, app: list[str], probe: str) -> subprocess.Popen:
    command = [*GUNICORN, f"--bind=127.0.0.1:{port}", *app]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV})
    for _attempt in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"gunicorn did not come up: {app}")


def check(url: str, cookie: str | None, expect: str) -> str | None:
    """The case serves what it should (not a redirect to the login form, not an error).
    Returns the CSRF cookie the page sets: a browser sends it back with every later view."""
    request = urllib.request.Request(
        url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read().decode()
        if response.status != 200 or expect not in body:
            raise SystemExit(f"{url} did not serve the page ({response.status})")
        found = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie") or "")
        return found.group(1) if found else None


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def wrk(url: str, cookie: str | None, seconds: int, csrf: str | None = None) -> dict:
    cookies = [f"sessionid={cookie}"] if cookie else []
    cookies += [f"csrftoken={csrf}"] if csrf else []
    header = ["-H", f"Cookie: {'; '.join(cookies)}"] if cookies else []
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
    load = os.getloadavg()
    print(f"load average at the start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    sessions = {size: seed(size) for size in SIZES}
    port, bare_port = free_port(), free_port()
    server = start_server(port, ["outsourcing.wsgi"], "/accounts/login/")
    bare = start_server(bare_port, ["--chdir=bench", "bare_django:application"], "/")
    base = f"http://127.0.0.1:{port}"
    cases = [
        ("bare Django view", f"http://127.0.0.1:{bare_port}/", None, "ok"),
        ("/healthz", base + "/healthz", None, "status"),
        ("login form", base + "/accounts/login/", None, "password"),
    ]
    for size in SIZES:
        cases.append((f"dashboard, {size:,} tasks", base + "/", size, "Your next moves"))
    for size in SIZES:
        cases.append((f"task list, {size:,} tasks", base + "/tasks/", size, "All tasks"))
    lists = '<h1 class="h2">The three lists'
    cases.append(("three lists, 200 tasks", base + "/tasks/lists/", 200, lists))
    try:
        results = {}
        for name, url, size, expect in cases:
            cookie = sessions.get(size)
            # The founder's browser sends its session and CSRF cookies, as after its first page.
            csrf = check(url, cookie, expect) if cookie else None
            wrk(url, cookie, 2, csrf)  # warm up
            results[name] = wrk(url, cookie, ARGS.seconds, csrf)
        # The ceiling once more at the end: the machine is shared, its load moves.
        after = wrk(cases[0][1], None, ARGS.seconds)
    finally:
        for process in (server, bare):
            process.terminate()
            process.wait()
    report(results, after, load)


def report(results: dict, after: dict, load: tuple) -> None:
    ceiling = (results["bare Django view"]["rps"] + after["rps"]) / 2
    print(f"\n{platform.node()}: {os.cpu_count()} cores, {platform.platform()}")
    print(f"load average at the start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    per_case = f"wrk {CONNECTIONS} connections, {ARGS.seconds} s a case"
    cache = "Redis" if ARGS.redis else "local memory"
    print(f"gunicorn {ARGS.workers} workers, DEBUG off, PostgreSQL, cache: {cache}; {per_case}")
    print(f"ceiling: the bare Django view (mean of before and after: {ceiling:,.0f} req/s)\n")
    print(f"{'case':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ceiling':>9}{'errors':>8}")
    for name, row in [*results.items(), ("bare Django view (after)", after)]:
        share = row["rps"] / ceiling * 100
        errors = row["errors"] + (1 if row["socket_errors"] else 0)
        print(
            f"{name:<26}{row['rps']:>9,.0f}{row['p50']:>9.1f}{row['p99']:>9.1f}"
            f"{share:>8.1f}%{errors:>8}"
        )
    for page in ("dashboard", "task list"):
        small, large = results[f"{page}, 20 tasks"], results[f"{page}, 2,000 tasks"]
        ratio = large["p50"] / small["p50"] if small["p50"] else float("nan")
        print(f"{page}: 2,000 tasks take {ratio:.2f}x the 20-task p50")
    for page in ("dashboard", "task list", "three lists"):
        row = results[f"{page}, 200 tasks"]
        ok = (
            row["rps"] / ceiling >= 0.15
            and row["p99"] <= 50
            and row["errors"] == 0
            and not row["socket_errors"]
        )
        if page != "three lists":
            ok = (
                ok
                and results[f"{page}, 2,000 tasks"]["p50"]
                <= 3 * results[f"{page}, 20 tasks"]["p50"]
            )
        print(
            f"{page}, 200 tasks: >= 15 % of the bare view, p99 <= 50 ms, no errors"
            + ("" if page == "three lists" else ", 2,000 <= 3x 20")
            + (": met" if ok else ": NOT met")
        )


if __name__ == "__main__":
    main()
