"""gunicorn's settings for Redactie, read from the project folder automatically.

Production: `gunicorn newsroom.wsgi` (see docs/operations.md, "Production").
Command-line options win over these (make demo and the benchmarks pass their own
--bind and --workers).
"""

import multiprocessing
import os

# Behind a TLS-terminating proxy on the same host; BIND=0.0.0.0:8000 to listen wider.
bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: pages are short CPU work plus a few quick queries; cached pages
# need one query. Two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so none grows without bound, staggered so they never
# restart together (a restarting worker imports Django and starts with empty caches:
# all at once, and every reader waits). The workers that start together get limits
# spread evenly over max_requests .. max_requests + max_requests_jitter (post_fork
# below); their replacements a random one in that range, as gunicorn does.
# docs/scaling.md, "Worker recycling", has the measurement (bench/recycling.py).
max_requests = int(os.environ.get("MAX_REQUESTS") or 5000)
max_requests_jitter = max_requests // 2


def post_fork(server, worker):
    """The first ``workers`` workers (ages 1..n) get evenly spread limits."""
    cfg = server.cfg
    count, jitter = cfg.workers, cfg.max_requests_jitter
    if cfg.max_requests and jitter and count > 1 and worker.age <= count:
        share = jitter * (worker.age - 1) // (count - 1)
        worker.max_requests = cfg.max_requests + share


# X-Forwarded-Proto is trusted from the proxy's address only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Requests are logged by the proxy in front; ACCESS_LOG=- logs them here too.
accesslog = os.environ.get("ACCESS_LOG") or None
