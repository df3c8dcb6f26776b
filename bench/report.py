"""The bench's results: one row per measured target, the table, the issue's targets,
and docs/performance.md built from bench/results.md.

Pure functions over ``Row``s and text; bench/run.py measures and writes the files.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from bench.wrk import WrkResult

__all__ = [
    "ARTICLE_OFF",
    "ARTICLE_ON",
    "AUTHOR",
    "HOME",
    "LIVE_OFF",
    "POLL_ON",
    "SCALING_TARGETS",
    "SEARCH",
    "SEARCH_COMMON",
    "SECTION",
    "TOPIC",
    "Row",
    "check_targets",
    "mark",
    "markdown_table",
    "number",
    "performance_markdown",
    "results_markdown",
]

ARTICLE_OFF = "article, page cache off"
ARTICLE_ON = "article, page cache on"
LIVE_OFF = "live page, page cache off"
POLL_ON = "live poll, page cache on"
HOME = "home"
SECTION = "section"
TOPIC = "topic"
AUTHOR = "author"
SEARCH = "search"
SEARCH_COMMON = "search, common word"
# The targets, as ratios to the project floor: the article pages and the
# poll at every size...
FLOOR_TARGETS = {ARTICLE_OFF: 0.15, ARTICLE_ON: 0.95, POLL_ON: 0.8}
# ...the lists (page cache off) and a search for a word in 10% of the articles at
# the largest size...
LARGEST_TARGETS = {
    HOME: 0.10,
    SECTION: 0.10,
    TOPIC: 0.10,
    AUTHOR: 0.10,
    SEARCH_COMMON: 0.05,
}
# ...and every list's ratio at the largest size against the smallest.
SCALING_TARGETS = (HOME, SECTION, TOPIC, AUTHOR, SEARCH, SEARCH_COMMON)
SCALING_MINIMUM = 0.5


@dataclass(frozen=True)
class Row:
    """A target measured at ``articles`` articles, the project floor measured around
    it (the mean requests per second of the floor runs just before and just after)
    and the bare floor (a minimal Django project, bench/bare/) measured around the
    server's whole session; None when it was not measured."""

    target: str
    articles: int
    result: WrkResult
    floor: float
    bare: float | None = None

    @property
    def ratio(self) -> float:
        return self.result.requests_per_second / self.floor

    @property
    def bare_ratio(self) -> float | None:
        return self.result.requests_per_second / self.bare if self.bare else None


def number(value: float) -> str:
    """``100000`` as ``100 000``: the Dutch thousands separator, a space."""
    return f"{value:,.0f}".replace(",", " ")


def show_ratio(value: float) -> str:
    """Two decimals, three below 0.1: 0.04 and 0.036 are not the same verdict."""
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def milliseconds(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:.2f} ms" if ms < 10 else f"{ms:,.0f} ms".replace(",", " ")


def goal_of(row: Row, largest: int) -> tuple[float, bool] | None:
    """The minimum ratio to the project floor the issue sets for ``row`` (at the
    largest size measured, ``largest``, for the lists) and whether it is met."""
    minimum = FLOOR_TARGETS.get(row.target)
    if minimum is None and row.articles == largest:
        minimum = LARGEST_TARGETS.get(row.target)
    return None if minimum is None else (minimum, row.ratio >= minimum)


def markdown_table(rows: Iterable[Row]) -> str:
    rows = list(rows)
    largest = max((row.articles for row in rows), default=0)
    lines = [
        "| target | articles | req/s | p50 | p99 | floor req/s | ratio | target "
        "| bare floor req/s | ratio to bare |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for row in rows:
        goal = goal_of(row, largest)
        cells = [
            row.target,
            number(row.articles),
            number(row.result.requests_per_second),
            milliseconds(row.result.p50),
            milliseconds(row.result.p99),
            number(row.floor),
            show_ratio(row.ratio),
            f"≥ {goal[0]:g} {'✓ pass' if goal[1] else '✗ miss'}" if goal else "",
            number(row.bare) if row.bare else "–",
            show_ratio(row.bare_ratio) if row.bare else "–",
        ]
        lines.append(f"| {' | '.join(cells)} |")
    return "\n".join(lines)


def check_targets(rows: list[Row]) -> list[tuple[bool | None, str]]:
    """Each of the issue's target lines: met (True), missed (False) or not measured
    (None), with the figures it was judged on."""
    by_key = {(row.target, row.articles): row for row in rows}
    sizes = sorted({row.articles for row in rows})
    lines: list[tuple[bool | None, str]] = []
    for target, minimum in FLOOR_TARGETS.items():
        measured = [by_key[target, n] for n in sizes if (target, n) in by_key]
        figures = ", ".join(
            f"{show_ratio(r.ratio)} at {number(r.articles)}" for r in measured
        )
        met = all(r.ratio >= minimum for r in measured) if measured else None
        lines.append((met, f"{target}: ≥ {minimum}× floor ({figures or 'not run'})"))
    for n in sizes:
        lines.append(_live_against_article(by_key, n))
    for target, minimum in LARGEST_TARGETS.items():
        row = by_key.get((target, sizes[-1])) if sizes else None
        goal = f"{target}, page cache off, at the largest size: ≥ {minimum}× floor"
        if row is None:
            lines.append((None, f"{goal} (not measured)"))
            continue
        figures = f"{show_ratio(row.ratio)} at {number(row.articles)}"
        lines.append((row.ratio >= minimum, f"{goal} ({figures})"))
    large, small = (
        (f"{number(sizes[-1])} articles", number(sizes[0]))
        if len(sizes) > 1
        else ("the largest size", "the smallest")
    )
    for target in SCALING_TARGETS:
        goal = (
            f"{target}, page cache off, at {large}: "
            f"≥ {SCALING_MINIMUM}× its figure at {small}"
        )
        before = by_key.get((target, sizes[0])) if sizes else None
        after = by_key.get((target, sizes[-1])) if sizes else None
        if len(sizes) < 2 or not (before and after):
            lines.append((None, f"{goal} (not measured at both sizes)"))
            continue
        scale = after.ratio / before.ratio
        figures = (
            f"ratio to floor {show_ratio(before.ratio)} → {show_ratio(after.ratio)}; "
            f"req/s {number(before.result.requests_per_second)} → "
            f"{number(after.result.requests_per_second)}"
        )
        lines.append((scale >= SCALING_MINIMUM, f"{goal}: {scale:.2f} ({figures})"))
    return lines


def _live_against_article(by_key: dict, size: int) -> tuple[bool | None, str]:
    """The live page (with its thousands of entries) no slower than the article
    page, at ``size`` articles: its ratio to the floor at least the article's."""
    goal = f"{LIVE_OFF} at {number(size)} articles: no slower than {ARTICLE_OFF}"
    live, article = by_key.get((LIVE_OFF, size)), by_key.get((ARTICLE_OFF, size))
    if not (live and article):
        return None, f"{goal} (not measured)"
    figures = (
        f"ratio to floor {show_ratio(live.ratio)} against {show_ratio(article.ratio)}"
    )
    return live.ratio >= article.ratio, f"{goal}: {figures}"


def mark(met: bool | None) -> str:
    return {True: "✓", False: "✗", None: "–"}[met]


def results_markdown(
    rows: list[Row],
    *,
    date: datetime,
    facts: list[str],
    pages: list[str],
    stopped: str | None = None,
) -> str:
    """bench/results.md: how it was measured, the table, the issue's targets, and
    why the run ``stopped`` early, if it did."""
    checks = "\n".join(f"- {mark(met)} {line}" for met, line in check_targets(rows))
    facts_list = "\n".join(f"- {fact}" for fact in facts)
    pages_list = "\n".join(f"- {page}" for page in pages)
    failure = (
        f"\n**The run stopped early**, after the rows below:\n\n```\n{stopped}\n```\n"
        if stopped
        else ""
    )
    return f"""# Benchmark results

Written by `make bench` (bench/run.py) on {date:%Y-%m-%d %H:%M %Z}.

{facts_list}
- Floor: `/bench/constant/20480/`, a constant 20 KB page through the same middleware,
  measured just before and just after each target; "floor req/s" is the mean of those
  two runs and "ratio" the target's requests per second divided by it. "target" is
  the issue's minimum for that ratio, met or missed.
- Bare floor: the same constant page from a minimal Django project (bench/bare/: no
  apps, no middleware, no database) under the same gunicorn, measured before and
  after each server's session of targets; "ratio to bare" is the target's requests
  per second divided by the mean of those two runs.

Pages:
{pages_list}
{failure}
{markdown_table(rows)}

## The issue's targets

{checks}

A page's figure at one size against another is its ratio to the floor, so that a
change in the machine's load between the two sizes does not count.
"""


def performance_markdown(intro: str, results: str) -> str:
    """docs/performance.md: the hand-written ``intro`` (bench/performance_intro.md),
    then ``results`` (bench/results.md) with each heading one level down, so that the
    intro's title stays the page's only top-level heading. (Lines inside a fenced
    block, such as the message of a run that stopped early, are left alone.)"""
    lines, fenced = [], False
    for line in results.strip().splitlines():
        fenced ^= line.startswith("```")
        lines.append("#" + line if line.startswith("#") and not fenced else line)
    return intro.rstrip() + "\n\n" + "\n".join(lines) + "\n"
