"""When what readers see changes: the content version, the purge hook, fragment caches.

Every change a reader could see (publish, update, correction, unpublish, slug change,
a section, topic, author, image, embedded post, front page or newsroom page edited)
calls ``content_changed()`` inside the writing transaction. It moves
``ContentVersion.number`` on, so the page cache (newsroom/pagecache.py), whose keys
carry the number, never serves a page rendered before the change, in any process or
on any server; and, once the transaction commits, it hands the affected URLs and
surrogate keys to the purge hook (settings.PAGE_CACHE_PURGE) for a CDN.

Model signals (``connect_signals``, called from the app config) catch every save,
delete and many-to-many change made through the ORM, by the admin, a service or a
management command. Code that writes with ``QuerySet.update()`` calls
``content_changed()`` itself. Scheduled publications need no write at all:
``current()`` notices that the next one has passed.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Min, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from newsroom.cache import layered_get, layered_set

logger = logging.getLogger(__name__)

__all__ = [
    "State",
    "article_urls",
    "cached_fragment",
    "connect_signals",
    "content_changed",
    "current",
]


@dataclass(frozen=True)
class State:
    number: int
    changed_at: datetime
    next_change_at: datetime | None
    shared: int  # ContentVersion.shared_number


def _next_scheduled(now: datetime) -> datetime | None:
    """The next moment the site changes by itself: a scheduled publication, or the
    end of the front page's breaking-news banner."""
    from articles.models import Article, FrontPage

    moments = [
        Article.objects.filter(
            status=Article.Status.PUBLISHED, publish_at__gt=now
        ).aggregate(next=Min("publish_at"))["next"],
        FrontPage.objects.filter(banner_until__gt=now)
        .values_list("banner_until", flat=True)
        .first(),
    ]
    return min((moment for moment in moments if moment), default=None)


def current(*, now: datetime | None = None) -> State:
    """The content version now: one query, two when a scheduled article just went
    live (then the version moves on, once, whichever process sees it first)."""
    from articles.models import ContentVersion

    now = now or timezone.now()
    state = _read_version()
    if state is None:
        ContentVersion.objects.get_or_create(pk=1, defaults={"changed_at": now})
        state = _read_version()
    number, changed_at, next_change_at, shared = state
    if next_change_at is None or next_change_at > now:
        return State(number, changed_at, next_change_at, shared)
    # Only the process whose UPDATE matches the number it read moves it on.
    following = _next_scheduled(now)
    moved = ContentVersion.objects.filter(pk=1, number=number).update(
        number=_following(number, now),
        changed_at=next_change_at,
        next_change_at=following,
    )
    if moved:
        _purge_later(*_went_live(changed_at, now))
        return State(_following(number, now), next_change_at, following, shared)
    return State(*_read_version())


def _clock(now: datetime) -> int:
    """Microseconds since 1970. The version numbers move on to at least this, so a
    database restored from a backup (or a new one) never reuses a number that pages
    and fragments were cached under before: the next change jumps past them all."""
    return int(now.timestamp() * 1_000_000)


def _following(number: int, now: datetime) -> int:
    return max(number + 1, _clock(now))


def _read_version() -> tuple | None:
    """The version row, in plain SQL: every cached page is served after this query,
    so it skips the ORM's query building (a third of the time of a cache hit)."""
    from articles.models import ContentVersion

    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    sql = (
        "SELECT number, changed_at, next_change_at, shared_number "  # noqa: S608
        f"FROM {table} WHERE id = 1"
    )
    try:
        row = _fetch_one(sql)
    except (InterfaceError, OperationalError):
        # A kept connection the database has dropped (a restart, a failover): the
        # first query of a request finds out, so a new connection gets one more try.
        # Inside a transaction there is nothing to retry.
        if connection.in_atomic_block:
            raise
        connection.close()
        row = _fetch_one(sql)
    if row is None:
        return None
    number, changed_at, next_change_at, shared = row
    return number, _aware(changed_at), _aware(next_change_at), shared


def _fetch_one(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def _aware(value):
    """A datetime as the ORM would give it (SQLite hands back naive UTC text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def content_changed(
    urls=(), keys=(), *, shared: bool = False, now: datetime | None = None
) -> None:
    """Record a change readers may see: the version moves on in the current
    transaction (so it is seen exactly when the change is), the purge hook is
    called with ``urls`` and ``keys`` after the commit. ``shared``: the change is to
    something many articles show (an author, a topic, a post...), so the articles'
    cached fragments must go too."""
    from articles.models import ContentVersion

    now = now or timezone.now()
    following = _next_scheduled(now)
    moves = {
        "number": Greatest(F("number") + 1, Value(_clock(now))),
        "changed_at": now,
        "next_change_at": following,
    }
    if shared:
        moves["shared_number"] = Greatest(F("shared_number") + 1, Value(_clock(now)))
    updated = ContentVersion.objects.filter(pk=1).update(**moves)
    if not updated:
        ContentVersion.objects.get_or_create(
            pk=1, defaults={"changed_at": now, "next_change_at": following}
        )
    _purge_later(urls, keys)


# -- the purge hook ------------------------------------------------------------


def _purge_later(urls, keys) -> None:
    urls, keys = sorted(set(urls)), sorted(set(keys))
    if not (urls or keys):
        return
    transaction.on_commit(lambda: purge(urls, keys))


def purge(urls: list[str], keys: list[str]) -> None:
    """Call settings.PAGE_CACHE_PURGE; a failing CDN never fails the change."""
    hook = import_string(settings.PAGE_CACHE_PURGE)
    try:
        hook(urls, keys)
    except Exception:
        logger.exception("Purge hook %s failed for %s", settings.PAGE_CACHE_PURGE, urls)


def _language_variants(path: str) -> list[str]:
    """``path`` under every language prefix (Dutch has none)."""
    variants = [path]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            variants.append(f"/{code}{path}")
    return variants


LIST_URLS = ("/", "/feed/", "/feed/atom/")
SITEMAP_URLS = ("/sitemap.xml", "/sitemap-news.xml")
# The parts of the sitemap index (articles.sitemaps.SECTIONS); articles' has a page
# per month of publication, ?p=YYYY-MM.
SITEMAP_PARTS = ("artikelen", "secties", "onderwerpen", "auteurs")


def article_urls(article, *, old_slugs=()) -> tuple[list[str], list[str]]:
    """The pages and surrogate keys an article appears on: its own page (and old
    addresses), the home page, feeds, its section, topics and authors, sitemaps."""
    paths = [f"/artikel/{slug}/" for slug in (article.slug, *old_slugs) if slug]
    paths += LIST_URLS
    keys = [f"article-{article.pk}", "lists"]
    owners = []
    if article.section_id:
        owners.append(article.section)
        keys.append(f"section-{article.section_id}")
    if article.pk:
        topics, authors = list(article.topics.all()), list(article.authors.all())
        owners += topics + authors
        keys += [f"topic-{topic.pk}" for topic in topics]
        keys += [f"author-{author.pk}" for author in authors]
    for owner in owners:
        base = owner.get_absolute_url()
        paths += [base, f"{base}feed/", f"{base}feed/atom/"]
    urls = [url for path in paths for url in _language_variants(path)]
    urls += list(SITEMAP_URLS)
    urls += [f"/sitemap-{part}.xml" for part in SITEMAP_PARTS]
    if article.publish_at:
        month = timezone.localtime(article.publish_at).strftime("%Y-%m")
        urls.append(f"/sitemap-artikelen.xml?p={month}")
    return urls, keys


def _went_live(since: datetime, now: datetime) -> tuple[list[str], list[str]]:
    from articles.models import Article

    urls, keys = [], []
    went_live = (
        Article.objects.published(at=now)
        .filter(publish_at__gt=since)
        .select_related("section")
        .prefetch_related("topics", "authors")
    )
    for article in went_live[:100]:
        more_urls, more_keys = article_urls(article)
        urls += more_urls
        keys += more_keys
    return urls, keys


# -- signals ---------------------------------------------------------------------

_PUBLIC = {"published", "unpublished"}


def _remember_article(sender, instance, raw=False, **kwargs):
    """Before an article is saved: was it public, and under which slug?"""
    if raw or instance.pk is None:
        instance._cache_before = None
        return
    instance._cache_before = (
        sender.objects.filter(pk=instance.pk).values_list("status", "slug").first()
    )


def _article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_cache_before", None)
    was_public = bool(before) and before[0] in _PUBLIC
    if was_public or instance.status in _PUBLIC:
        old_slugs = [before[1]] if before and before[1] != instance.slug else []
        content_changed(*article_urls(instance, old_slugs=old_slugs))


def _article_deleted(sender, instance, **kwargs):
    if instance.status in _PUBLIC:
        content_changed([f"/artikel/{instance.slug}/", *LIST_URLS, *SITEMAP_URLS])


def _article_part_changed(sender, instance, **kwargs):
    """A note, topic link or other row belonging to an article."""
    if kwargs.get("raw"):
        return
    article = getattr(instance, "article", None) or getattr(
        instance, "content_object", None
    )
    if article is None or article.status in _PUBLIC:
        content_changed(*(article_urls(article) if article else ((), ())), shared=True)


def _article_relation_changed(sender, instance, action, **kwargs):
    if not action.startswith("post_"):
        return
    from articles.models import Article

    if not isinstance(instance, Article) or instance.status in _PUBLIC:
        content_changed(shared=True)


# Shown around articles, never inside one: their changes leave article fragments.
_SITE_ONLY: set = set()
# Bookkeeping that readers never see (an embedded post's last check).
_UNSEEN_FIELDS = frozenset({"last_checked_at", "check_error"})


def _anything_changed(sender, instance=None, raw=False, update_fields=None, **kwargs):
    """Sections, authors, topics, images, posts, front page, newsroom pages."""
    if raw or (update_fields and set(update_fields) <= _UNSEEN_FIELDS):
        return
    keys = [f"{sender._meta.model_name}-{instance.pk}"] if instance else []
    urls = []
    if hasattr(instance, "get_absolute_url"):
        try:
            urls = _language_variants(instance.get_absolute_url())
        except Exception:  # a model whose URL needs more than itself
            urls = []
    content_changed([*urls, *LIST_URLS], keys, shared=sender not in _SITE_ONLY)


def connect_signals() -> None:
    from django.contrib.flatpages.models import FlatPage
    from django.contrib.sites.models import Site

    from articles.models import (
        Article,
        ArticleNote,
        Author,
        FrontPage,
        FrontPageSlot,
        Image,
        Section,
        SlugRedirect,
        TaggedArticle,
        Topic,
        TopicAlias,
    )
    from embeds.models import Embed, EmbedMedia

    uid = "articles.caching"
    pre_save.connect(_remember_article, sender=Article, dispatch_uid=uid)
    post_save.connect(_article_saved, sender=Article, dispatch_uid=uid)
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=uid)
    for model in (ArticleNote, TaggedArticle, SlugRedirect):
        post_save.connect(_article_part_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_article_part_changed, sender=model, dispatch_uid=uid)
    for through in (
        Article.authors.through,
        Article.embeds.through,
        Article.related.through,
    ):
        m2m_changed.connect(_article_relation_changed, sender=through, dispatch_uid=uid)
    for model in (
        Section,
        Author,
        Topic,
        TopicAlias,
        Image,
        Embed,
        EmbedMedia,
        FrontPage,
        FrontPageSlot,
        FlatPage,
        Site,
    ):
        post_save.connect(_anything_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_anything_changed, sender=model, dispatch_uid=uid)
    _SITE_ONLY.update({FrontPage, FrontPageSlot, FlatPage, Site})
    m2m_changed.connect(
        _anything_changed, sender=FlatPage.sites.through, dispatch_uid=uid
    )


# -- fragments rendered once per version ------------------------------------------

# Raise when the way bodies or cards are rendered changes, so fragments cached by an
# earlier release are not reused (they also expire after FRAGMENT_SECONDS).
RENDER_VERSION = 1
FRAGMENT_SECONDS = 7 * 24 * 3600


def cached_fragment(name: str, parts, render) -> str:
    """``render()``, cached under ``name`` and ``parts`` (versions of what it shows)
    in the default cache and this process's memory, whatever PAGE_CACHE says."""
    digest = hashlib.sha256(
        repr((RENDER_VERSION, get_language(), *parts)).encode()
    ).hexdigest()[:32]
    key = f"fragment:{name}:{digest}"
    found = layered_get(key, FRAGMENT_SECONDS)
    if found is None:
        found = render()
        layered_set(key, found, FRAGMENT_SECONDS)
    return found
