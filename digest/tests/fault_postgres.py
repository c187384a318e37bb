"""A PostgreSQL server of the fault test's own, to be stopped and started mid-run (the shared
server on 5432 is never touched): initdb into a temporary folder with the newest
/usr/lib/postgresql/*/bin, a free port on loopback, trust auth. Run as the `postgres` OS user
when the test runs as root (PostgreSQL refuses root). Its database is a copy (pg_dump) of the
test database, taken once the test has written its founders."""

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.db import connection

from digest.tests.fault_support import free_port

DATABASE = "faults_own"


def postgres_bin() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    return found[-1].parent if found else None


class OwnPostgres:
    def __init__(self):
        bin_dir = postgres_bin()
        if bin_dir is None or (os.geteuid() == 0 and not shutil.which("runuser")):
            message = "the database-outage fault test needs /usr/lib/postgresql/*/bin (initdb)"
            if settings.REQUIRE_SERVICES:
                pytest.fail(f"REQUIRE_SERVICES is set but {message}")
            pytest.skip(message)
        self.bin = bin_dir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.data = self.folder / "data"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
        if done.returncode:
            raise AssertionError(f"{tool} failed: {done.stdout}{done.stderr}")

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")
        self.start()

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.folder} -c fsync=off"
        )
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self) -> None:
        """Fast shutdown: every connection is cut, new ones are refused until start()."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(AssertionError):  # not running
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def copy_test_database(self) -> None:
        """The test database as it is now (schema and rows) becomes ours."""
        db = connection.settings_dict
        env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
        source = [
            *("-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]),
        ]
        ours = ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres"]
        subprocess.run(
            [str(self.bin / "createdb"), *ours, DATABASE], check=True, env=env, timeout=30
        )
        dump = subprocess.run(
            [str(self.bin / "pg_dump"), *source, "--no-owner", "--no-privileges", db["NAME"]],
            capture_output=True,
            check=True,
            env=env,
            timeout=60,
        )
        subprocess.run(
            [str(self.bin / "psql"), *ours, "-q", "-v", "ON_ERROR_STOP=1", "-d", DATABASE],
            input=dump.stdout,
            capture_output=True,
            check=True,
            env=env,
            timeout=60,
        )

    def rows(self, sql: str, params=()) -> list[tuple]:
        with psycopg2.connect(self.url, connect_timeout=5) as conn, conn.cursor() as cursor:
            cursor.execute(sql, params)
            result = cursor.fetchall()
        conn.close()
        return result
