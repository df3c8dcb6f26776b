"""The project's production settings plus the floor page (bench/urls.py).

Used by bench/run.py for itself and for the gunicorn it starts. The database, the
cache and the folders are the bench's own whatever the shell exports, because the
bench drops and recreates its database and empties its Redis database and folders:
BENCH_DATABASE_URL (PostgreSQL), BENCH_REDIS_URL and BENCH_DIR (a folder in the
temp dir).
PAGE_CACHE=on|off passes through to the project's settings.
"""

import os
import tempfile
from pathlib import Path

BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/redactie_bench"
)
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
# BENCH_DIR: a folder of one's own on a shared machine (it is emptied on every run).
BENCH_DIR = Path(
    os.environ.get("BENCH_DIR") or Path(tempfile.gettempdir()) / "redactie-bench"
)

os.environ.update(
    DEBUG="off",
    HTTPS="off",
    DATABASE_URL=BENCH_DATABASE_URL,
    REDIS_URL=BENCH_REDIS_URL,
    SERVE_MEDIA="off",
)
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)

from newsroom.settings import *  # noqa: E402, F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Collected by bench/run.py before gunicorn starts, served by WhiteNoise with the
# production storage (hashed names, compressed copies), as in production.
STATIC_ROOT = BENCH_DIR / "static"
MEDIA_ROOT = BENCH_DIR / "media"
# The floor is the cost of the stack without our views: never served from the page
# cache, so that it is the same yardstick with PAGE_CACHE on and off. (Stored, it
# would be a cache hit like the cached article, and their ratio always about 1.)
PAGE_CACHE_EXCLUDE = (*PAGE_CACHE_EXCLUDE, "/bench/")  # noqa: F405
