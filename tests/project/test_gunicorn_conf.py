"""gunicorn.conf.py: workers are recycled staggered, never together."""

import runpy
from types import SimpleNamespace

from tests.helpers.parts import ROOT


def _limits(workers: int, *, jitter: int | None = None) -> list[int]:
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    cfg = SimpleNamespace(
        workers=workers,
        max_requests=conf["max_requests"],
        max_requests_jitter=conf["max_requests_jitter"] if jitter is None else jitter,
    )
    limits = []
    for age in range(1, workers + 1):
        worker = SimpleNamespace(age=age, max_requests=-1)
        conf["post_fork"](SimpleNamespace(cfg=cfg), worker)
        limits.append(worker.max_requests)
    return limits


def test_the_first_workers_limits_are_spread_over_half_of_max_requests():
    """Five workers started together restart 625 requests (each) apart, from 5000
    to 7500: never together."""
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert conf["max_requests_jitter"] >= conf["max_requests"] // 2
    assert _limits(5) == [5000, 5625, 6250, 6875, 7500]


def test_no_jitter_leaves_gunicorns_own_limit():
    """--max-requests-jitter=0 (the measurement's "together") changes nothing."""
    assert _limits(3, jitter=0) == [-1, -1, -1]
