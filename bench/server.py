"""gunicorn serving the project as in production, and a plain GET.

The bench (bench.settings) and the tests that need real app servers (tests/servers.py:
Lighthouse, two servers, a database that is down) start it the same way.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["Gunicorn", "free_port", "get"]

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, http.client.HTTPMessage, str]:
    """Status, headers and body of GET ``path`` on 127.0.0.1:``port``."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


class Gunicorn:
    """``workers`` sync workers (gunicorn.conf.py) serving ``app`` on a free
    loopback port, in an environment of exactly ``env`` (SITE_URL defaults to the
    server's own address); ``options`` are added to gunicorn's command line."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        log: Path,
        workers: int = 2,
        options=(),
        app: str = "newsroom.wsgi",
        port: int | None = None,
    ):
        # BENCH_PORT: a port of one's own on a shared machine; else any free one.
        self.port = port or int(os.environ.get("BENCH_PORT") or 0) or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.last_headers = None
        self._log_file = open(log, "ab")  # noqa: SIM115 (closed in stop())
        command = [
            str(GUNICORN),
            app,
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            *options,
        ]
        self.process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env={"SITE_URL": self.url, **env},
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of an anonymous GET; its headers in ``last_headers``."""
        status, self.last_headers, body = get(self.port, path)
        return status, body

    def _wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.stop()
                last = self.log.read_text(errors="replace").splitlines()[-5:]
                raise RuntimeError(
                    f"gunicorn exited at start; the end of {self.log}:\n"
                    + "\n".join(last)
                )
            try:
                get(self.port, "/robots.txt")
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(
            f"gunicorn did not answer within {timeout} s: see {self.log}"
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log_file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
