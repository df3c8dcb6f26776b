"""The bench's data: a fresh PostgreSQL database, an empty Redis, N articles.

Called by bench/run.py after django.setup() with bench.settings, which say where;
hence the models are imported where they are used.
"""

import sys

import psycopg
import redis
from django.conf import settings
from django.core.management import call_command
from psycopg import sql

__all__ = ["busiest_topic", "flush_redis", "grow_to", "reset_database", "say"]


def say(text: str) -> None:
    """Progress, on stderr: stdout is the results table."""
    print(text, file=sys.stderr, flush=True)


def reset_database() -> None:
    """Drop and create the bench's database (BENCH_DATABASE_URL)."""
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        raise SystemExit("BENCH_DATABASE_URL must be a postgres:// URL.")
    try:
        with psycopg.connect(
            dbname="postgres",
            user=db["USER"] or None,
            password=db["PASSWORD"] or None,
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            autocommit=True,
        ) as connection:
            name = sql.Identifier(db["NAME"])
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
            )
            connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"PostgreSQL is not reachable ({error}). Start it, or point "
            "BENCH_DATABASE_URL at a server where the user may create databases."
        ) from None


def flush_redis() -> None:
    try:
        redis.Redis.from_url(settings.BENCH_REDIS_URL).flushdb()
    except redis.ConnectionError as error:
        raise SystemExit(
            f"Redis is not reachable at {settings.BENCH_REDIS_URL} ({error}): "
            "start redis-server, or set BENCH_REDIS_URL."
        ) from None


def grow_to(size: int, *, seed: int) -> int:
    """Generate articles until there are ``size``; the count there is now."""
    from articles.models import Article

    missing = size - Article.objects.count()
    if missing > 0:
        say(f"Generating {missing} articles...")
        call_command("generate_articles", str(missing), f"--seed={seed}")
    return Article.objects.count()


def busiest_topic():
    """The topic with the most published articles (ties: the first slug)."""
    from django.db.models import Count

    from articles.models import Article, Topic

    return (
        Topic.objects.filter(articles__in=Article.objects.published())
        .annotate(count=Count("articles"))
        .order_by("-count", "slug")
        .first()
    )
