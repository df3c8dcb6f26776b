"""Load generation with wrk (Debian package), and reading what it prints.

``parse_wrk(output)`` is pure: wrk's report in, a ``WrkResult`` out. ``run_wrk``
runs wrk against one URL and raises ``WrkError`` when wrk failed, got an answer
other than 2xx or 3xx, or lost a connection: a benchmark of errors is no benchmark.
"""

import math
import re
import shutil
import subprocess
from dataclasses import dataclass

__all__ = ["WrkError", "WrkResult", "parse_duration", "parse_wrk", "run_wrk"]

# wrk's own units for times (src/units.c): us, ms, s, m, h.
_SECONDS_PER_UNIT = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_DURATION = re.compile(r"^([0-9.]+)(us|ms|s|m|h)$")
_RATE = re.compile(r"^Requests/sec:\s+([0-9.]+)\s*$", re.MULTILINE)
_PERCENTILE = re.compile(r"^\s+(50|99)%\s+(\S+)\s*$", re.MULTILINE)
_REQUESTS = re.compile(r"^\s+(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)


class WrkError(RuntimeError):
    """wrk could not measure, or what it measured includes errors."""


@dataclass(frozen=True)
class WrkResult:
    """One wrk run: throughput, latency percentiles (seconds) and error counts."""

    requests_per_second: float
    p50: float
    p99: float
    requests: int
    non_2xx_3xx: int = 0
    socket_errors: int = 0


def parse_duration(text: str) -> float:
    """Seconds in one of wrk's times: ``"701.00us"``, ``"1.34ms"``, ``"2.01s"``."""
    match = _DURATION.match(text.strip())
    if not match:
        raise ValueError(f"Not a wrk duration: {text!r} (expected e.g. 1.34ms).")
    return float(match[1]) * _SECONDS_PER_UNIT[match[2]]


def parse_wrk(output: str) -> WrkResult:
    """What wrk ``--latency`` printed, as numbers; ValueError if a part is missing."""
    rate = _RATE.search(output)
    percentiles = dict(_PERCENTILE.findall(output))
    requests = _REQUESTS.search(output)
    if not (rate and requests and {"50", "99"} <= percentiles.keys()):
        raise ValueError(
            "wrk's output lacks Requests/sec, the request count or the 50% and 99% "
            f"latencies (was it run with --latency?):\n{output}"
        )
    non_2xx = _NON_2XX.search(output)
    socket_errors = _SOCKET_ERRORS.search(output)
    return WrkResult(
        requests_per_second=float(rate[1]),
        p50=parse_duration(percentiles["50"]),
        p99=parse_duration(percentiles["99"]),
        requests=int(requests[1]),
        non_2xx_3xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=sum(map(int, socket_errors.groups())) if socket_errors else 0,
    )


def wrk_command(
    url: str, *, seconds: float, timeout: float = 30, connections: int = 4
) -> list[str]:
    """wrk's command line: one thread (on 2 cores, wrk needs a core of its own too),
    a few connections to keep both gunicorn workers busy, latency percentiles, and
    a request ``timeout`` long enough that a slow page is measured, not an error.
    """
    executable = shutil.which("wrk")
    if executable is None:
        raise WrkError("wrk is not installed: apt-get install wrk (make bench does).")
    return [
        executable,
        "--threads=1",
        f"--connections={connections}",
        f"--duration={max(1, math.ceil(seconds))}s",
        f"--timeout={max(1, math.ceil(timeout))}s",
        "--latency",
        url,
    ]


def run_wrk(
    url: str, *, seconds: float, timeout: float = 30, check: bool = True
) -> WrkResult:
    """Load ``url`` for ``seconds``. Unless ``check`` is off (a warm-up), WrkError
    when a request failed or none was completed."""
    command = wrk_command(url, seconds=seconds, timeout=timeout)
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise WrkError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    result = parse_wrk(done.stdout)
    if check and (result.non_2xx_3xx or result.socket_errors or not result.requests):
        raise WrkError(
            f"{url}: {result.non_2xx_3xx} answers other than 2xx/3xx and "
            f"{result.socket_errors} socket errors in {result.requests} requests:\n"
            f"{done.stdout}"
        )
    return result
