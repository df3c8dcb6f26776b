"""Run the project as production does, in child processes: manage.py and gunicorn.

Tests that measure what a reader's browser or a second app server sees (Lighthouse,
two servers sharing one database and one Redis) start the real thing: gunicorn with
DEBUG off, static files collected and served by WhiteNoise, on a free loopback port.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# What the test run itself was given must not leak into the child's settings.
_PRIVATE = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "HTTPS", "DATABASE_URL"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir: Path, database_url: str, **extra: str) -> dict:
    """Environment for a DEBUG-off project instance with its own static and media."""
    base = {k: v for k, v in os.environ.items() if k not in _PRIVATE}
    return {
        **base,
        "DEBUG": "off",
        "HTTPS": "off",
        "SECRET_KEY": "test-servers-" + "x" * 50,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "SERVE_MEDIA": "on",
        **extra,
    }


def manage(env: dict, *args: str, timeout: int = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


class Gunicorn:
    """gunicorn serving newsroom.wsgi on a free port until stopped."""

    def __init__(self, env: dict, workers: int = 2, log: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_file = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
            ],
            cwd=ROOT,
            env={**env, "SITE_URL": env.get("SITE_URL", self.url)},
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: see {self.log}")
            try:
                urllib.request.urlopen(self.url + "/robots.txt", timeout=2).close()
                return
            except urllib.error.HTTPError:
                return  # it answers, if not with 200 (a test of failures)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout} s")

    def get(self, path: str) -> tuple[int, str]:
        """Status and body of an anonymous GET; its headers in ``last_headers``."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                self.last_headers = response.headers
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            self.last_headers = error.headers
            return error.code, error.read().decode()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self._log_file is not subprocess.DEVNULL:
            self._log_file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
