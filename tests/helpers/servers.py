"""Run the project as production does, in child processes: manage.py and gunicorn.

Tests that measure what a reader's browser or a second app server sees (Lighthouse,
two servers sharing one database and one Redis) start the real thing: gunicorn with
DEBUG off, static files collected and served by WhiteNoise, on a free loopback port
(bench/server.py, which the benchmark uses too).
"""

import os
import subprocess
import sys
from pathlib import Path

from bench.server import Gunicorn, free_port
from tests.helpers.parts import ROOT

__all__ = ["Gunicorn", "free_port", "manage", "production_env"]

# What the test run itself was given must not leak into the child's settings.
_PRIVATE = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "HTTPS", "DATABASE_URL"}


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
