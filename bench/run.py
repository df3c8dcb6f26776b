"""Throughput of the public pages, each as a ratio of a "floor" measured around it.

The project runs as in production: gunicorn (2 sync workers, DEBUG off, static files
by WhiteNoise) on PostgreSQL, with Redis as the cache, loaded by wrk. The floor is a
view in the same project (bench/urls.py) returning a constant 20 KB page through the
same middleware; it is measured just before and just after each target, so a ratio
says what our views, queries and templates cost, whatever the machine is doing. The
bare floor is the same page from a minimal Django project (bench/bare/) under the
same gunicorn, measured around each server's session: what Django and gunicorn cost
alone, so a ratio to it also counts our middleware.

Run: make bench (or python -m bench.run). Environment:
BENCH_SIZES (article counts, default 1000,100000), BENCH_SECONDS (per measurement,
default 10), BENCH_WARMUP (seconds of load before a URL's first measurement, default
2), BENCH_DATABASE_URL (dropped and created anew!), BENCH_REDIS_URL (emptied) and
BENCH_DIR (emptied), see bench/settings.py; BENCH_PORT and BENCH_BARE_PORT (the bare
floor's server) for ports of one's own. Writes bench/results.md, then
docs/performance.md from it (bench/docs.py).
"""

import os
import platform
import re
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import django
import gunicorn
import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils.html import escape

from bench.data import (
    busiest_author,
    busiest_section,
    busiest_topic,
    flush_redis,
    grow_to,
    live_blog,
    reset_database,
    say,
)
from bench.docs import RESULTS, write_performance_page
from bench.report import (
    ARTICLE_OFF,
    ARTICLE_ON,
    AUTHOR,
    HOME,
    LIVE_OFF,
    POLL_ON,
    SEARCH,
    SEARCH_COMMON,
    SECTION,
    TOPIC,
    Row,
    check_targets,
    mark,
    markdown_table,
    number,
    results_markdown,
)
from bench.server import Gunicorn, free_port, get
from bench.wrk import WrkResult, run_wrk, wrk_command

FLOOR_SIZE = 20 * 1024
FLOOR_PATH = f"/bench/constant/{FLOOR_SIZE}/"
SEARCH_COUNT = re.compile(r"(\d+) resultaten? voor")
# A page slower than this (one request, no load) fails the run: gunicorn.conf.py's
# timeout kills a worker busy with one request for 30 s.
SLOWEST = 20


@dataclass(frozen=True)
class Target:
    """A page to measure, texts its answer must contain to count as the page, and
    whether a second request must be a page cache hit (newsroom/pagecache.py)."""

    name: str
    path: str
    expect: tuple[str, ...] = ()
    cached: bool = False


@dataclass(frozen=True)
class Options:
    sizes: list[int]
    seconds: float
    warmup: float


def options_from(environ) -> Options:
    """The bench's options from environment variables, checked."""
    try:
        sizes = sorted(
            {int(n) for n in environ.get("BENCH_SIZES", "1000,100000").split(",")}
        )
        seconds = float(environ.get("BENCH_SECONDS", "10"))
        warmup = float(environ.get("BENCH_WARMUP", "2"))
    except ValueError as error:
        raise SystemExit(
            f"{error}: BENCH_SIZES is a comma-separated list of article counts "
            "(1000,100000), BENCH_SECONDS and BENCH_WARMUP are seconds."
        ) from None
    if not sizes or sizes[0] < 1 or seconds < 1:
        raise SystemExit("BENCH_SIZES needs counts ≥ 1 and BENCH_SECONDS ≥ 1.")
    return Options(sizes=sizes, seconds=seconds, warmup=warmup)


@dataclass(frozen=True)
class Lists:
    """The section, topic and author whose pages are measured: the busiest at the
    first size, the same at every size."""

    section: object
    topic: object
    author: object


def targets_for(lists: Lists) -> list[Target]:
    """The pages measured with the page cache off. (The project's modules are
    imported where they are used: after django.setup().)"""
    from articles.models import Article
    from demo.content import EXPLAINER_SLUG
    from demo.generating.articles import COMMON_WORD, RARE_WORD

    explainer = Article.objects.get(slug=EXPLAINER_SLUG)
    live = live_blog()
    card = '<article class="card'
    hit = '<article class="result"'  # a search result (includes/search_hit.html)
    return [
        Target(
            ARTICLE_OFF, explainer.get_absolute_url(), (escape(explainer.headline),)
        ),
        Target(LIVE_OFF, live.get_absolute_url(), ('class="live-entry', "Oudere")),
        Target(HOME, "/", (card,)),
        *(
            Target(name, owner.get_absolute_url(), (escape(owner.name), card))
            for name, owner in (
                (SECTION, lists.section),
                (TOPIC, lists.topic),
                (AUTHOR, lists.author),
            )
        ),
        Target(SEARCH, f"/zoeken/?q={quote(RARE_WORD)}", ('id="resultaten"', hit)),
        Target(
            SEARCH_COMMON, f"/zoeken/?q={quote(COMMON_WORD)}", ('id="resultaten"', hit)
        ),
    ]


def is_search(target: Target) -> bool:
    return target.name in (SEARCH, SEARCH_COMMON)


def check_page(server: Gunicorn, target: Target) -> str:
    """The target's page, if it answers 200 with what it should contain."""
    port = server.port
    try:
        status, _, body = get(port, target.path)
    except OSError as error:
        raise SystemExit(f"{target.name} ({target.path}): {error!r}") from None
    missing = [text for text in target.expect if text not in body]
    if status != 200 or missing:
        raise SystemExit(
            f"{target.name} ({target.path}) answered {status}"
            + (f" without {missing}" if missing else "")
            + f": fix the page before measuring it (gunicorn's log: {server.log})."
        )
    if target.cached and get(port, target.path)[1].get("X-Cache") != "hit":
        raise SystemExit(
            f"{target.name} ({target.path}) is not served from the page cache "
            "the second time (no X-Cache: hit)."
        )
    return body


def check_floor(server: Gunicorn) -> None:
    status, headers, body = get(server.port, FLOOR_PATH)
    if (status, len(body), headers.get("X-Cache")) != (200, FLOOR_SIZE, None):
        raise SystemExit(
            f"The floor {FLOOR_PATH} must answer 200 with {FLOOR_SIZE} bytes, not "
            f"from the page cache: it answered {status} with {len(body)} bytes, "
            f"X-Cache: {headers.get('X-Cache')}."
        )


def timed_check(server: Gunicorn, target: Target) -> float:
    """Seconds that ``check_page`` took: about one request's time, unloaded."""
    started = time.monotonic()
    check_page(server, target)
    took = time.monotonic() - started
    if took > SLOWEST:
        raise SystemExit(
            f"{target.name} ({target.path}) took {took:.0f} s for one request: too "
            f"slow to measure (more than {SLOWEST} s)."
        )
    return took


def measure(
    server: Gunicorn,
    targets: list[Target],
    *,
    articles: int,
    options: Options,
    bare: Gunicorn,
) -> list[Row]:
    """Floor, target, floor, target, ... floor: each target's floor is the mean of the
    floor runs just before and just after it.

    A page that takes seconds is loaded longer (five of its requests' time) with a
    longer request timeout, so it is measured rather than timed out; and the next
    run waits until the workers have finished what wrk left unanswered. The bare
    floor (``bare``) is measured before and after all of it."""
    check_floor(server)
    check_floor(bare)
    single = {target.path: timed_check(server, target) for target in targets}
    warmed = set()

    def load(path: str) -> WrkResult:
        once = single.get(path, 0.0)
        timeout = max(30, 4 * once)
        if path not in warmed and once < options.warmup:
            run_wrk(server.url + path, seconds=options.warmup, check=False)
            time.sleep(2 * once)
        warmed.add(path)
        result = run_wrk(
            server.url + path, seconds=max(options.seconds, 5 * once), timeout=timeout
        )
        time.sleep(2 * once)
        return result

    def load_bare() -> float:
        url = bare.url + FLOOR_PATH
        if "bare" not in warmed:
            run_wrk(url, seconds=options.warmup, check=False)
            warmed.add("bare")
        return run_wrk(url, seconds=options.seconds).requests_per_second

    measured = []
    bare_before = load_bare()
    before = load(FLOOR_PATH)
    for target in targets:
        result = load(target.path)
        after = load(FLOOR_PATH)
        floor = (before.requests_per_second + after.requests_per_second) / 2
        measured.append((target.name, result, floor))
        say(
            f"{target.name:<24} {articles:>7} articles: "
            f"{result.requests_per_second:8.1f} req/s, floor {floor:8.1f}, "
            f"ratio {result.requests_per_second / floor:.3f}"
        )
        before = after
    bare_floor = (bare_before + load_bare()) / 2
    say(f"bare floor {bare_floor:8.1f} req/s")
    return [
        Row(name, articles, result, floor, bare_floor)
        for name, result, floor in measured
    ]


def serve(page_cache: bool) -> Gunicorn:
    """gunicorn with the page cache on or off, and an empty cache."""
    connections.close_all()
    flush_redis()
    server = Gunicorn(
        {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "PAGE_CACHE": "on" if page_cache else "off",
            "ACCESS_LOG": "",
        },
        log=settings.BENCH_DIR / "gunicorn.log",
        # No worker recycling (gunicorn.conf.py's max_requests): a worker restarting
        # halfway through a fast page's run would count against that page only.
        options=["--max-requests=0"],
    )
    answers = [get(server.port, "/robots.txt")[:2] for _ in range(2)]
    (first, _), (second, headers) = answers
    if (first, second) != (200, 200) or (headers.get("X-Cache") == "hit") != page_cache:
        server.stop()
        raise SystemExit(
            f"PAGE_CACHE={'on' if page_cache else 'off'} did not take effect: "
            f"/robots.txt answered {first}, then {second} with X-Cache: "
            f"{headers.get('X-Cache')}; see {server.log}."
        )
    return server


def search_note(server: Gunicorn, target: Target, articles: int) -> str:
    """How many articles a search target finds (about 1% and 10%)."""
    found = SEARCH_COUNT.search(check_page(server, target))
    count = int(found[1]) if found else 0
    return (
        f"`{target.path}` finds {number(count)} of {number(articles)} articles "
        f"({count / articles:.1%})"
    )


def machine_facts(options: Options) -> list[str]:
    """Where and how this was measured, for results.md."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    redis_version = redis.Redis.from_url(settings.BENCH_REDIS_URL).info()[
        "redis_version"
    ]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    wrk = " ".join(
        Path(part).name if i == 0 else part
        for i, part in enumerate(wrk_command("URL", seconds=options.seconds))
    )
    system = f"{platform.system()} {platform.release()}"
    return [
        f"Machine: {os.cpu_count()} cores ({cpu}), {system}",
        f"Software: Python {platform.python_version()}, Django {django.get_version()}, "
        f"PostgreSQL {postgres}, Redis {redis_version}, "
        f"gunicorn {gunicorn.__version__} (gunicorn.conf.py with 2 sync workers and "
        "no worker recycling; DEBUG off, static files collected and served by "
        "WhiteNoise)",
        f"Load: `{wrk}`, after a {options.warmup:g} s warm-up of each URL; a page "
        "that takes seconds is loaded for five of its requests' time, with a "
        "timeout of four",
    ]


def bare_server() -> Gunicorn:
    """The bare floor's gunicorn (bench/bare/), on BENCH_BARE_PORT or a free port."""
    return Gunicorn(
        {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"},
        log=settings.BENCH_DIR / "gunicorn-bare.log",
        options=["--max-requests=0"],
        app="bench.bare.wsgi",
        port=int(os.environ.get("BENCH_BARE_PORT") or 0) or free_port(),
    )


def measure_sizes(options: Options, rows: list[Row], pages: list[str]) -> None:
    """Grow to each size and measure there, adding to ``rows`` and ``pages``."""
    lists = None
    with bare_server() as bare:
        for seed, size in enumerate(options.sizes, start=1):
            articles = grow_to(size, seed=seed)
            # The same section, topic and author at every size.
            lists = lists or Lists(busiest_section(), busiest_topic(), busiest_author())
            targets = targets_for(lists)
            if not pages:
                pages += [f"{target.name}: `{target.path}`" for target in targets]
            with serve(page_cache=False) as server:
                for target in filter(is_search, targets):
                    pages.append(search_note(server, target, articles))
                rows += measure(
                    server, targets, articles=articles, options=options, bare=bare
                )
            first = targets[0]
            cached = Target(ARTICLE_ON, first.path, first.expect, cached=True)
            with serve(page_cache=True) as server:
                poll = poll_target(server)
                if not any(page.startswith(POLL_ON) for page in pages):
                    pages.append(f"{poll.name}: `{poll.path}`")
                rows += measure(
                    server,
                    [cached, poll],
                    articles=articles,
                    options=options,
                    bare=bare,
                )


def poll_target(server: Gunicorn) -> Target:
    """The live blog's poll as an open page asks it: from its newest entry, which
    is what almost every reader's page asks (nothing new)."""
    from articles.live.paging import entry_cursor
    from articles.models import LiveEntry

    live = live_blog()
    newest = LiveEntry.objects.published().filter(article=live).latest("published_at")
    path = reverse("articles:live_poll", kwargs={"slug": live.slug})
    path += f"?na={quote(entry_cursor(newest).encode())}"
    return Target(POLL_ON, path, ('"count": 0',), cached=True)


def main() -> None:
    options = options_from(os.environ)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["PAGE_CACHE"] = "off"  # this process only writes
    django.setup()
    shutil.rmtree(settings.BENCH_DIR, ignore_errors=True)
    settings.BENCH_DIR.mkdir(parents=True)
    say(f"Fresh database {settings.DATABASES['default']['NAME']}, demo content...")
    reset_database()
    flush_redis()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)

    rows, pages, stopped = [], [], None
    try:
        measure_sizes(options, rows, pages)
    except (SystemExit, RuntimeError) as error:  # WrkError, gunicorn not starting
        # What was measured before the failure is still worth having.
        stopped = str(error)
    RESULTS.write_text(
        results_markdown(
            rows,
            date=datetime.now().astimezone(),
            facts=machine_facts(options),
            pages=pages,
            stopped=stopped,
        )
    )
    print(markdown_table(rows))
    print()
    for met, line in check_targets(rows):
        print(mark(met), line)
    say(f"Written to {RESULTS} and {write_performance_page()}")
    if stopped:
        raise SystemExit(f"The bench stopped early: {stopped}")


if __name__ == "__main__":
    main()
