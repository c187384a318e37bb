"""Benchmark (not a test): the weekly digest's fan-out, end to end.

Seeds 10,000 founders × 20 tasks in PostgreSQL, starts an SMTP sink on loopback, runs the
beat's fan-out on two Celery worker processes over Redis, and prints digests per second,
SQL queries per digest, peak worker memory, the raw SMTP send rate of trivial messages, and the
ceiling for these very messages: the same rendered digests (identical bytes, both parts) sent
through the same sink by as many plain smtplib processes as there are workers, no database —
so the pipeline's share of what the machine can move reads in one run. In the same run, the
naive peer (bench/digest_naive.py: a loop of render_to_string + send_mail per founder, no claim,
no lease) sends the same founders' digests through the same sink, as many loops as workers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_digests \\
    REDIS_URL=redis://127.0.0.1:6379/4 .venv/bin/python bench/digests.py [--founders N]
"""

import argparse
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
# The bench runs with DEBUG off, as production does: that needs a key (its workers inherit it).
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

import django  # noqa: E402

django.setup()

import psutil  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts import schedule  # noqa: E402
from accounts.models import Profile  # noqa: E402
from digest import services as digest_services  # noqa: E402
from digest import tasks as digest_tasks  # noqa: E402
from digest.models import WeeklyDigest  # noqa: E402
from outsourcing.celery import app  # noqa: E402
from sops import demo as sops_demo  # noqa: E402

RAW_MESSAGES = 4000
KEPT_MESSAGES = 200  # rendered digests kept for the same-messages ceiling


class Sink:
    """Accepts everything and counts it; keeps the first rendered digests for the ceiling."""

    def __init__(self):
        self.count = 0
        self.kept: list[tuple[str, list[str], bytes]] = []
        self.keep = True

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        if self.keep and len(self.kept) < KEPT_MESSAGES:
            self.kept.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raw_rate(sink: Sink, port: int, processes: int) -> float:
    before = sink.count
    code = "import sys; sys.path.insert(0, %r); from bench.digests_raw import send; send(%d, %d)"
    started = time.perf_counter()
    senders = [
        subprocess.Popen([sys.executable, "-c", code % (str(ROOT), port, RAW_MESSAGES)])
        for _ in range(processes)
    ]
    for sender in senders:
        sender.wait()
    elapsed = time.perf_counter() - started
    assert sink.count - before == RAW_MESSAGES * processes, "the sink lost raw messages"
    return RAW_MESSAGES * processes / elapsed


def same_rate(sink: Sink, port: int, processes: int, total: int) -> float:
    """The ceiling: the rendered digests the sink received, resent as they are by `processes`
    plain smtplib senders (no Django, no database), `total` messages in all."""
    import pickle

    sink.keep = False
    with tempfile.NamedTemporaryFile(prefix="digest-messages-", delete=False) as saved:
        pickle.dump(sink.kept, saved)
    each = max(total // processes, 1)
    before = sink.count
    code = (
        "import sys; sys.path.insert(0, %r); from bench.digests_raw import send_same; "
        "send_same(%d, %d, %r)"
    )
    started = time.perf_counter()
    senders = [
        subprocess.Popen([sys.executable, "-c", code % (str(ROOT), port, each, saved.name)])
        for _ in range(processes)
    ]
    for sender in senders:
        sender.wait()
    elapsed = time.perf_counter() - started
    os.unlink(saved.name)
    assert sink.count - before == each * processes, "the sink lost messages"
    return each * processes / elapsed


def naive_rate(sink: Sink, port: int, processes: int, total: int) -> float:
    """The naive peer (bench/digest_naive.py) over the same founders and sink: `processes`
    plain loops of render_to_string + send_mail, each over its share of the sent digests."""
    before = sink.count
    code = "import sys; sys.path.insert(0, %r); from bench.digest_naive import send; send(%d, %d)"
    env = {**os.environ, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "DEBUG": "false"}
    env["LOG_LEVEL"] = "WARNING"
    loops = [
        subprocess.Popen(
            [sys.executable, "-c", code % (str(ROOT), n, processes)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    # From the first loop's start to the last one's end, each timed after its Django start-up.
    stamps = [
        [float(t) for t in loop.communicate()[0].split("naive loop:")[1].split()] for loop in loops
    ]
    elapsed = max(end for _s, end in stamps) - min(start for start, _e in stamps)
    assert sink.count - before == total, f"the naive loops sent {sink.count - before} of {total}"
    return total / elapsed


def cpu_split(workers: list[subprocess.Popen], sink: psutil.Process) -> dict[str, float]:
    """User + system CPU seconds of the workers and of this process (the sink). PostgreSQL's
    backends are shared with other users of the server, so they are left out."""
    return {
        "workers": sum(sum(psutil.Process(w.pid).cpu_times()[:2]) for w in workers),
        "sink": sum(sink.cpu_times()[:2]),
    }


def prepare(founders: int) -> None:
    # It wipes every digest and rewrites every profile: only ever in a bench database.
    name = settings.DATABASES["default"]["NAME"]
    if "bench" not in str(name):
        raise SystemExit(f"refusing to run on {name!r}: use a database named like *bench*")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    created = sops_demo.seed(founders=founders, tasks=20)
    print(f"seeded {created} new founders in {time.perf_counter() - started:.1f} s")
    # Everyone due now: today's weekday at local midnight (Berlin, the default zone).
    today = schedule.local_today(timezone.now(), "Europe/Berlin")
    WeeklyDigest.objects.all().delete()
    Profile.objects.update(
        digest_enabled=True,
        time_zone="Europe/Berlin",
        digest_weekday=today.weekday(),
        digest_hour=0,
    )
    digest_services.slots_reset(founder_ids=Profile.objects.values_list("user_id", flat=True))


def start_workers(
    count: int, port: int, query_log: str, threads: int = 1
) -> list[subprocess.Popen]:
    # More than one thread per worker overlaps one sender's waits (the commit, the SMTP reply)
    # with another's work; the per-digest lease keeps it exactly once.
    pool = ["--pool=solo"] if threads == 1 else ["--pool=threads", f"--concurrency={threads}"]
    env = {
        **os.environ,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "BENCH_QUERY_LOG": query_log,
        "LOG_LEVEL": "WARNING",
        # As in production: cached templates, no query log kept in memory.
        "DEBUG": "false",
    }
    return [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "bench.digest_worker",
                "worker",
                *pool,
                "--loglevel=WARNING",
                f"--hostname=bench{n}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
        )
        for n in range(1, count + 1)
    ]


def run(founders: int, workers: int, threads: int = 1) -> None:
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"] or not settings.REDIS_URL:
        sys.exit("Set DATABASE_URL to PostgreSQL and REDIS_URL to Redis.")
    prepare(founders)
    load_before = os.getloadavg()[0]
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    query_log = tempfile.NamedTemporaryFile(prefix="digest-queries-", delete=False).name
    app.control.purge()
    procs = start_workers(workers, port, query_log, threads)
    peak = {proc.pid: 0 for proc in procs}
    try:
        time.sleep(3)  # let the workers connect to Redis
        me = psutil.Process()
        cpu_before = cpu_split(procs, me)
        started = time.perf_counter()
        digest_tasks.digests_due.delay()
        while WeeklyDigest.objects.filter(state=WeeklyDigest.SENT).count() < founders:
            for proc in procs:
                rss = psutil.Process(proc.pid).memory_info().rss
                peak[proc.pid] = max(peak[proc.pid], rss)
            if time.perf_counter() - started > 3600:
                sys.exit("gave up after an hour")
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        cpu_after = cpu_split(procs, me)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            proc.wait(timeout=60)
    per_task = Counter()
    total_queries = 0
    for line in Path(query_log).read_text().splitlines():
        name, count = line.rsplit(" ", 1)
        per_task[name] += 1
        total_queries += int(count)
    os.unlink(query_log)
    states = Counter(WeeklyDigest.objects.values_list("state", flat=True))
    digests = sink.count
    raw_one = raw_rate(sink, port, 1)
    raw_two = raw_rate(sink, port, workers)
    size = sum(len(content) for _f, _t, content in sink.kept) / max(len(sink.kept), 1)
    sink.keep = False  # the ceiling resends the pipeline's own messages
    naive = naive_rate(sink, port, workers, digests)
    ceiling = same_rate(sink, port, workers, digests)
    senders = workers * threads
    if threads > 1:  # as many plain senders as the pipeline has, if that moves more
        ceiling, senders = max(
            (ceiling, workers), (same_rate(sink, port, senders, digests), senders)
        )
    controller.stop()
    rate = digests / elapsed

    memory = psutil.virtual_memory().total / 2**30
    print(
        f"machine: {platform.node()} · {platform.platform()} · {os.cpu_count()} CPUs · "
        f"{memory:.0f} GiB · load average {load_before:.1f} before the run, "
        f"{os.getloadavg()[0]:.1f} after"
    )
    pool = "solo pool" if threads == 1 else f"threads pool × {threads}"
    print(f"founders: {founders} × 20 tasks; workers: {workers} ({pool}, Redis broker)")
    print(f"digests delivered to the sink: {digests} ({dict(states)})")
    print(f"fan-out wall time: {elapsed:.1f} s → {rate:.0f} digests/second")
    print(f"tasks run: {dict(per_task)}")
    print(f"SQL queries: {total_queries} → {total_queries / max(digests, 1):.1f} per digest")
    for pid, rss in peak.items():
        print(f"peak worker memory (pid {pid}): {rss / 2**20:.0f} MiB")
    print(
        f"raw SMTP rate, trivial messages: {raw_one:.0f}/s (1 sender), {raw_two:.0f}/s ({workers})"
    )
    print(f"digests vs raw SMTP ({workers} senders): {rate / raw_two:.0%}")
    print(
        f"same-messages SMTP ceiling: {ceiling:.0f}/s ({senders} senders, the same rendered "
        f"digests, {size / 1024:.1f} KiB each, no database)"
    )
    print(f"digests vs the same-messages ceiling: {rate / ceiling:.0%}")
    print(
        f"naive peer (render_to_string + send_mail per founder, {workers} loops, no claim, "
        f"no lease): {naive:.0f}/s → ours {rate / naive:.0%} of it; the naive loop "
        f"{naive / ceiling:.0%} of the ceiling"
    )
    # Where the machine's time went, per digest (the sink is this process, polling included).
    spent = {name: (cpu_after[name] - cpu_before[name]) / max(digests, 1) for name in cpu_after}
    print(
        "CPU per digest: "
        + ", ".join(f"{name} {seconds * 1000:.2f} ms" for name, seconds in spent.items())
        + f"; wall per digest {elapsed / max(digests, 1) * 1000:.2f} ms on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--founders", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1: solo)")
    options = parser.parse_args()
    run(options.founders, options.workers, options.threads)
