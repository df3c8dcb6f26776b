"""bench/: reading wrk's report, and judging the issue's targets from the rows."""

import pytest

from bench.report import (
    ARTICLE_OFF,
    ARTICLE_ON,
    HOME,
    LIVE_OFF,
    POLL_ON,
    Row,
    check_targets,
    markdown_table,
)
from bench.wrk import WrkResult, parse_duration, parse_wrk

# Real reports of wrk 4.1.0 (Debian) against the bench's gunicorn.
FLOOR = """\
Running 3s test @ http://127.0.0.1:18765/bench/constant/20480/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   779.81us    0.98ms  25.37ms   99.29%
    Req/Sec     5.25k   232.02     5.57k    74.19%
  Latency Distribution
     50%  701.00us
     75%  789.00us
     90%    0.90ms
     99%    1.34ms
  16172 requests in 3.10s, 326.12MB read
Requests/sec:   5217.19
Transfer/sec:    105.21MB
"""

NOT_FOUND = """\
Running 1s test @ http://127.0.0.1:18765/bestaat-niet/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.91ms  796.60us  14.75ms   95.85%
    Req/Sec     1.37k    57.43     1.42k    90.00%
  Latency Distribution
     50%    2.85ms
     75%    2.97ms
     90%    3.13ms
     99%    5.82ms
  1360 requests in 1.00s, 3.50MB read
  Non-2xx or 3xx responses: 1360
Requests/sec:   1356.08
Transfer/sec:      3.49MB
"""

# The server was stopped halfway through.
SERVER_STOPPED = """\
Running 2s test @ http://127.0.0.1:18766/bench/constant/20480/
  1 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.00ms    2.17ms  36.45ms   98.28%
    Req/Sec     4.38k     1.46k    5.16k    90.91%
  Latency Distribution
     50%  739.00us
     75%    0.85ms
     90%    0.96ms
     99%   11.26ms
  4796 requests in 2.00s, 96.71MB read
  Socket errors: connect 0, read 4, write 4975, timeout 0
Requests/sec:   2395.46
Transfer/sec:     48.31MB
"""


def test_reads_rate_and_percentiles():
    """Requests/sec, the 50% and 99% latencies (us and ms) and the request count."""
    result = parse_wrk(FLOOR)
    assert result == WrkResult(
        requests_per_second=5217.19,
        p50=pytest.approx(701.00e-6),
        p99=pytest.approx(1.34e-3),
        requests=16172,
    )


def test_counts_errors():
    """Answers other than 2xx/3xx and socket errors are counted, not missed."""
    assert parse_wrk(NOT_FOUND).non_2xx_3xx == 1360
    stopped = parse_wrk(SERVER_STOPPED)
    assert (stopped.socket_errors, stopped.p99) == (4979, pytest.approx(11.26e-3))


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("701.00us", 701e-6), ("0.90ms", 0.9e-3), ("2.01s", 2.01), ("1.50m", 90.0)],
)
def test_durations_in_wrk_units(text, seconds):
    """Every unit wrk prints a time in becomes seconds."""
    assert parse_duration(text) == pytest.approx(seconds)


def test_output_without_latency_is_refused():
    """A report without --latency's distribution is an error, not zeros."""
    without = "\n".join(line for line in FLOOR.splitlines() if "%  " not in line)
    with pytest.raises(ValueError, match="--latency"):
        parse_wrk(without)


def _row(target, articles, rate, floor=1000.0):
    return Row(target, articles, WrkResult(rate, 0.01, 0.02, 100), floor)


def test_targets_judged_on_ratios_to_the_floor():
    """Article pages against the floor at every size; lists at 100k against 1k."""
    rows = [
        _row(ARTICLE_OFF, 1000, 200),
        _row(ARTICLE_ON, 1000, 950),
        _row(HOME, 1000, 100),
        _row(ARTICLE_OFF, 100_000, 140),
        _row(ARTICLE_ON, 100_000, 950),
        # Fewer requests per second, but the floor fell as much: the page held up.
        _row(HOME, 100_000, 40, floor=500.0),
    ]
    met = [ok for ok, _ in check_targets(rows)]
    # Article off, on, live poll; live page against the article at 1k and 100k;
    # home, section, topic, author, common search at 100k against the floor;
    # home, section, topic, author, search, common search at 100k against 1k.
    assert (
        met
        == [False, True, None, None, None] + [False] + [None] * 4 + [True] + [None] * 5
    )
    assert (
        "home, page cache off, at the largest size: ≥ 0.1× floor (0.080 at 100 000)"
        in (check_targets(rows)[5][1])
    )
    assert (
        "0.80 (ratio to floor 0.10 → 0.080; req/s 100 → 40)"
        in check_targets(rows)[10][1]
    )


def test_table_shows_each_target_met_or_missed_and_the_bare_floor():
    """Beside each figure its target with pass or miss; every ratio also against
    the bare floor."""
    rows = [
        Row(ARTICLE_ON, 1000, WrkResult(960, 0.01, 0.02, 100), 1000.0, 2000.0),
        Row(HOME, 1000, WrkResult(50, 0.01, 0.02, 100), 1000.0, 2000.0),
        Row(HOME, 100_000, WrkResult(90, 0.01, 0.02, 100), 1000.0, None),
    ]
    lines = markdown_table(rows).splitlines()[2:]
    assert lines[0].endswith("| 0.96 | ≥ 0.95 ✓ pass | 2 000 | 0.48 |")
    # Home's target is for the largest size only.
    assert lines[1].endswith("| 0.050 |  | 2 000 | 0.025 |")
    assert lines[2].endswith("| 0.090 | ≥ 0.1 ✗ miss | – | – |")


def test_live_targets_poll_against_floor_and_live_page_against_article():
    """The poll ≥ 0.8 × floor; the live page's ratio at least the article's."""
    rows = [
        _row(ARTICLE_OFF, 1000, 200),
        _row(LIVE_OFF, 1000, 210),
        _row(POLL_ON, 1000, 850),
        _row(ARTICLE_OFF, 100_000, 200),
        _row(LIVE_OFF, 100_000, 150),
        _row(POLL_ON, 100_000, 700),
    ]
    checks = dict(
        zip(
            ("off", "on", "poll", "live 1k", "live 100k"),
            check_targets(rows),
            strict=False,
        )
    )
    assert checks["poll"][0] is False  # 0.70 at 100k
    assert (checks["live 1k"][0], checks["live 100k"][0]) == (True, False)
    assert "0.21 against 0.20" in checks["live 1k"][1]
