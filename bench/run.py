"""Throughput of each public page as a ratio of a constant page of the same size.

Both go through the same Django stack (middleware, URL resolving) in this process,
measured in the same run, so the ratio says what our views, queries and templates
cost, independent of the machine. Run: make bench (or python bench/run.py).
Database: a fresh SQLite file with the demo content, unless DATABASE_URL is set.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from articles.demo import EXPLAINER_SLUG  # noqa: E402

PAGES = {
    "home": "/",
    "article": f"/artikel/{EXPLAINER_SLUG}/",
    "section": "/sectie/buitenland/",
    "topic": "/onderwerp/iskp/",
    "author": "/auteur/eva-mulder/",
}
SECONDS_PER_PAGE = float(os.environ.get("BENCH_SECONDS", "2"))


def rate(client: Client, url: str) -> tuple[float, int]:
    """Requests per second over about SECONDS_PER_PAGE, and the page's size."""
    size = len(client.get(url).content)  # warm-up
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < SECONDS_PER_PAGE:
        response = client.get(url)
        assert response.status_code == 200, url
        count += 1
    return count / elapsed, size


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    print(f"{'page':<10}{'bytes':>8}{'req/s':>10}{'baseline':>10}{'ratio':>8}")
    for name, url in PAGES.items():
        page_rate, size = rate(client, url)
        base_rate, _ = rate(client, f"/bench/constant/{size}/")
        print(
            f"{name:<10}{size:>8}{page_rate:>10.0f}{base_rate:>10.0f}"
            f"{page_rate / base_rate:>8.2f}"
        )


if __name__ == "__main__":
    main()
