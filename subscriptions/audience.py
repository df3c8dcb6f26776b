"""Who gets what: the named queries behind alerts and digests."""

from datetime import datetime

from django.db.models import Q, QuerySet

from articles.models import Article, LiveEntry
from subscriptions.models import Following, SendLog, Subscriber

__all__ = ["article_followers", "day_articles", "digest_readers", "live_followers"]


def _readers(followings: QuerySet) -> QuerySet:
    """Reachable subscribers with one of ``followings``, each once, by id."""
    return (
        Subscriber.objects.reachable()
        .filter(pk__in=followings.values("subscriber"))
        .order_by("pk")
    )


def article_followers(article: Article) -> QuerySet:
    """Instant followers of any of the article's topics or authors, each once
    (a reader following a topic and an author of it gets one mail)."""
    topics = article.topics.values("pk")
    authors = article.authors.values("pk")
    return _readers(
        Following.objects.filter(mode=Following.Mode.INSTANT).filter(
            Q(kind="topic", topic__in=topics) | Q(kind="author", author__in=authors)
        )
    )


def live_followers(entry: LiveEntry) -> QuerySet:
    """Followers of the live article the key moment belongs to."""
    return _readers(
        Following.objects.filter(
            kind="live", article_id=entry.article_id, mode=Following.Mode.INSTANT
        )
    )


def digest_readers() -> QuerySet:
    """Readers with something in daily mode (the daily update included)."""
    return _readers(Following.objects.filter(mode=Following.Mode.DAILY))


def day_articles(start: datetime, end: datetime) -> list[Article]:
    """The articles that became visible between ``start`` and ``end`` with alerts
    on (each has its send log from that moment) and are visible still, newest first,
    with their topics and authors."""
    logged = SendLog.objects.filter(
        entry=None, created_at__gte=start, created_at__lt=end
    ).values("article")
    return list(Article.objects.published().filter(pk__in=logged).for_listing())


def digest_for(subscriber: Subscriber, articles: list[Article]) -> list[Article]:
    """Of the day's ``articles``, those ``subscriber``'s daily followings ask for
    (its followings prefetched)."""
    followings = [f for f in subscriber.followings.all() if f.mode == "daily"]
    if any(f.kind == "daily" for f in followings):
        return articles
    topics = {f.topic_id for f in followings if f.kind == "topic"}
    authors = {f.author_id for f in followings if f.kind == "author"}
    return [
        article
        for article in articles
        if topics & {t.pk for t in article.topics.all()}
        or authors & {a.pk for a in article.authors.all()}
    ]
