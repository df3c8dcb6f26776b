"""What random query strings cost the caches: `python -m bench.cache_memory`.

One gunicorn worker with the page cache on (bench.settings: PostgreSQL and Redis of
the bench's own), the demo content plus BENCH_ARTICLES generated articles (default
1000). Each page is asked for once, then REQUESTS times in turn (default 10 000) with
a random `?r=` and a random `utm_source`, as a cache-busting crawler would. Printed:
Redis's memory and key count and the worker's resident memory before and after, and
how many answers were cache hits. Canonical keys (articles/caching/keys.py) should
keep all three flat; docs/caching.md quotes a run.
"""

import os
import secrets
import shutil
import time
from pathlib import Path

import django
import redis
from django.conf import settings
from django.core.management import call_command

from bench.data import flush_redis, grow_to, reset_database, say
from bench.server import Gunicorn, get


def _rss_kib(master_pid: int) -> int:
    """The resident memory of the master's one worker, in KiB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text()
    worker = int(children.split()[0])
    for line in Path(f"/proc/{worker}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS for the worker")


def _redis_state(client) -> tuple[int, int]:
    return client.info("memory")["used_memory"], client.dbsize()


def _pages() -> list[str]:
    from articles.models import Article, Topic

    article = Article.objects.published().order_by("-publish_at").first()
    topic = Topic.objects.filter(articles__in=Article.objects.published()).first()
    return [
        "/",
        article.get_absolute_url(),
        "/feed/",
        f"/onderwerp/{topic.slug}/",
        "/sitemap.xml",
    ]


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["PAGE_CACHE"] = "off"  # this process only writes
    django.setup()
    requests = int(os.environ.get("REQUESTS", 10_000))
    shutil.rmtree(settings.BENCH_DIR, ignore_errors=True)
    settings.BENCH_DIR.mkdir(parents=True)
    reset_database()
    flush_redis()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", verbosity=0)
    grow_to(int(os.environ.get("BENCH_ARTICLES", 1000)), seed=1)
    pages = _pages()
    client = redis.Redis.from_url(settings.BENCH_REDIS_URL)
    server = Gunicorn(
        {**os.environ, "PAGE_CACHE": "on", "ACCESS_LOG": ""},
        log=settings.BENCH_DIR / "gunicorn.log",
        workers=1,
        options=["--max-requests=0"],
    )
    try:
        for path in pages:  # stored once, canonically
            get(server.port, path)
        memory, keys = _redis_state(client)
        rss = _rss_kib(server.process.pid)
        hits, started = 0, time.monotonic()
        for number in range(requests):
            path = pages[number % len(pages)]
            query = f"?r={secrets.token_hex(8)}&utm_source={secrets.token_hex(4)}"
            status, headers, _body = get(server.port, path + query)
            if status != 200:
                raise SystemExit(f"{path}{query} answered {status}")
            hits += headers.get("X-Cache") == "hit"
        seconds = time.monotonic() - started
        memory_after, keys_after = _redis_state(client)
        rss_after = _rss_kib(server.process.pid)
    finally:
        server.stop()
    say(f"{requests} requests over {len(pages)} pages in {seconds:.0f} s")
    print("| | before | after |")
    print("|---|---|---|")
    mb = 2**20
    print(f"| Redis used_memory | {memory / mb:.1f} MB | {memory_after / mb:.1f} MB |")
    print(f"| Redis keys | {keys} | {keys_after} |")
    print(
        f"| worker resident memory | {rss / 1024:.1f} MB | {rss_after / 1024:.1f} MB |"
    )
    print(f"| cache hits | | {hits} of {requests} |")


if __name__ == "__main__":
    main()
