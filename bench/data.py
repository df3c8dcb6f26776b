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

__all__ = [
    "LIVE_ENTRIES",
    "LIVE_SLUG",
    "busiest_author",
    "busiest_section",
    "busiest_topic",
    "flush_redis",
    "grow_to",
    "live_blog",
    "reset_database",
    "say",
]

LIVE_SLUG = "bench-live"
LIVE_ENTRIES = 2000


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


def busiest_section():
    """The section with the most published articles (ties: the first slug)."""
    from django.db.models import Count

    from articles.models import Article, Section

    return (
        Section.objects.filter(articles__in=Article.objects.published())
        .annotate(count=Count("articles"))
        .order_by("-count", "slug")
        .first()
    )


def busiest_author():
    """The author with the most published articles (ties: the first slug)."""
    from django.db.models import Count

    from articles.models import Article, Author

    return (
        Author.objects.filter(articles__in=Article.objects.published())
        .annotate(count=Count("articles"))
        .order_by("-count", "slug")
        .first()
    )


def live_blog(entries: int = LIVE_ENTRIES):
    """A published live article with ``entries`` entries a minute apart (the newest
    a minute ago): a pinned summary, a key moment every hundred, two authors each,
    an update on every tenth. Made once; the live article."""
    from datetime import timedelta

    from django.utils import timezone

    from articles.caching.targets import article_urls
    from articles.caching.version import content_changed
    from articles.models import Article, Author, LiveEntry, LiveEntryNote
    from articles.services.articles import create_article

    found = Article.objects.filter(slug=LIVE_SLUG).first()
    if found:
        return found
    say(f"A live blog with {entries} entries...")
    now = timezone.now()
    authors = list(Author.objects.order_by("pk")[:2])
    article = create_article(
        slug=LIVE_SLUG,
        headline="Live: de evacuatie uit Kabul",
        lede="Alle berichten over de evacuatie, van minuut tot minuut.",
        body="<p>Dit verslag wordt bijgewerkt zodra er nieuws is.</p>",
        kind=Article.Kind.LIVE,
        status=Article.Status.PUBLISHED,
        publish_at=now - timedelta(minutes=entries + 1),
        authors=authors,
    )
    made = LiveEntry.objects.bulk_create(
        LiveEntry(
            article=article,
            status=LiveEntry.Status.PUBLISHED,
            published_at=now - timedelta(minutes=entries - n),
            title=f"Bericht {n}" if n % 3 == 0 else "",
            body=f"<p>Bericht nummer {n}. Wat we nu weten, in een paar zinnen.</p>"
            "<p>Een tweede alinea met wat er verder bekend is.</p>",
            pinned=n == 0,
            key_moment=n % 100 == 50,
        )
        for n in range(entries)
    )
    through = LiveEntry.authors.through
    through.objects.bulk_create(
        through(liveentry=entry, author=author) for entry in made for author in authors
    )
    LiveEntryNote.objects.bulk_create(
        LiveEntryNote(entry=entry, kind="update", text="Bijgewerkt.")
        for entry in made[::10]
    )
    content_changed(*article_urls(article))
    return article
