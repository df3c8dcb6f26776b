"""Worker recycling under load: p99 latency over a run that crosses the recycling
point, with every worker restarting together (max_requests_jitter 0) and staggered
as gunicorn.conf.py does (limits spread over max_requests .. 1.5 x max_requests).

    .venv/bin/python -m bench.recycling [--max-requests 1000] [--seconds 30]

gunicorn (3 sync workers, DEBUG off, page cache on) on a SQLite database of its own
with a few generated articles; wrk loads the cached home page. A restarting worker
imports Django and starts with empty caches, so requests queued behind it wait: the
p99 shows it. Prints one line per mode: requests, restarts seen, p50, p99, errors.
Not part of ``make bench`` (docs/scaling.md quotes its figures).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.server import ROOT, Gunicorn
from bench.wrk import parse_wrk, wrk_command

WORKERS = 3


def _env(workdir: Path, max_requests: int) -> dict:
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    return {
        **base,
        "DEBUG": "off",
        "HTTPS": "off",
        "SECRET_KEY": "recycling-" + "x" * 50,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "PAGE_CACHE": "on",
        "TASKS_BACKEND": "immediate",
        "MAX_REQUESTS": str(max_requests),
    }


def _manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def run(env: dict, workdir: Path, *, together: bool, seconds: int) -> str:
    mode = "together" if together else "staggered"
    log = workdir / f"gunicorn-{mode}.log"
    options = ["--max-requests-jitter=0"] if together else []
    with Gunicorn(env, log=log, workers=WORKERS, options=options) as server:
        for _ in range(20):  # every worker has the page in its own memory
            server.get("/")
        command = wrk_command(
            server.url + "/", seconds=seconds, timeout=10, connections=6
        )
        done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    result = parse_wrk(done.stdout)
    restarts = log.read_text(errors="replace").count("Autorestarting worker")
    return (
        f"{mode:>9}: {result.requests} requests, {restarts} restarts, "
        f"p50 {result.p50 * 1000:.1f} ms, p99 {result.p99 * 1000:.1f} ms, "
        f"{result.requests_per_second:.0f} req/s, "
        f"{result.non_2xx_3xx + result.socket_errors} errors"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-requests", type=int, default=1000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="recycling-") as folder:
        workdir = Path(folder)
        env = _env(workdir, args.max_requests)
        _manage(env, "migrate", "--noinput")
        _manage(env, "collectstatic", "--noinput")
        _manage(env, "generate_articles", "30", "--seed", "18")
        print(f"max_requests {args.max_requests}, {WORKERS} workers, {args.seconds} s")
        for _ in range(args.rounds):
            for together in (True, False):
                print(run(env, workdir, together=together, seconds=args.seconds))


if __name__ == "__main__":
    main()
