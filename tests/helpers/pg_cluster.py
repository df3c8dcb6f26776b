"""A PostgreSQL cluster of a test's own, which the test may stop, start and restart
(Debian's postgresql-common: pg_createcluster and pg_ctlcluster), on a port from
5440-5449 that nothing else listens on. Dropped, data and all, when the test ends.

Only for tests that take the database away; everything else uses the one
PostgreSQL the suite runs on.
"""

import secrets
import shutil
import socket
import subprocess
import time

__all__ = ["PORTS", "Cluster", "cluster_tools_present"]

PORTS = range(5440, 5450)
VERSION = "15"


def cluster_tools_present() -> bool:
    return all(
        shutil.which(tool) for tool in ("pg_createcluster", "pg_ctlcluster", "psql")
    )


def _listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def _run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}")
    return result.stdout


class Cluster:
    """A new, running cluster (trust authentication, user postgres) with one
    database, ``newsroom``; ``url`` is its DATABASE_URL."""

    def __init__(self):
        self.port = next((p for p in PORTS if not _listening(p)), None)
        if self.port is None:
            raise RuntimeError(f"no free port in {PORTS} for a test's own cluster")
        self.name = f"test_{self.port}_{secrets.token_hex(3)}"
        _run(
            "pg_createcluster", VERSION, self.name, "-p", str(self.port), "--start",
            "--", "--auth=trust",
        )  # fmt: skip
        self._wait(up=True)
        self.psql("CREATE DATABASE newsroom")
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/newsroom"

    def psql(self, sql: str, database: str = "postgres") -> str:
        return _run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "-d", database, "-Atc", sql,
        )  # fmt: skip

    def stop(self) -> None:
        _run("pg_ctlcluster", VERSION, self.name, "stop", "-m", "fast")
        self._wait(up=False)

    def start(self) -> None:
        _run("pg_ctlcluster", VERSION, self.name, "start")
        self._wait(up=True)

    def restart(self) -> None:
        """What a database restart does to the app: every connection it kept is
        ended by the server."""
        _run("pg_ctlcluster", VERSION, self.name, "restart", "-m", "fast")
        self._wait(up=True)

    def drop(self) -> None:
        subprocess.run(
            ["pg_dropcluster", VERSION, self.name, "--stop"],
            capture_output=True,
            timeout=120,
        )

    def _wait(self, *, up: bool, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if _listening(self.port) == up:
                return
            time.sleep(0.1)
        raise RuntimeError(f"cluster {self.name} did not {'start' if up else 'stop'}")
