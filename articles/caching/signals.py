"""Model signals that tell the content version about every change readers may see.

Connected once from the app config (``connect_signals``): every save, delete and
many-to-many change made through the ORM, by the admin, a service or a management
command, moves the version on (``version.content_changed``) with the URLs and keys
it touches (``targets.py``). The handlers only decide *what* changed; they write
nothing but the version.
"""

from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from articles.caching.targets import (
    article_urls,
    deleted_article_urls,
    in_every_language,
    list_urls,
    owner_urls,
)
from articles.caching.version import content_changed
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
from embeds.enrichment.completing import post_enriched
from embeds.models import Embed, EmbedMedia

__all__ = ["connect_signals"]


_PUBLIC = {"published", "unpublished"}


def _remember_article(sender, instance, raw=False, **kwargs):
    """Before an article is saved: was it public, and under which slug?"""
    if raw or instance.pk is None:
        instance._cache_before = None
        return
    stored = instance.stored()
    instance._cache_before = (stored["status"], stored["slug"]) if stored else None


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
        content_changed(deleted_article_urls(instance.slug))


def _article_part_changed(sender, instance, **kwargs):
    """A note, topic link or other row belonging to an article."""
    if kwargs.get("raw"):
        return
    article = getattr(instance, "article", None) or getattr(
        instance, "content_object", None
    )
    if article is None or article.status in _PUBLIC:
        urls, keys = article_urls(article) if article else ([], [])
        if sender is TaggedArticle:
            # A topic taken off may have lost its last published article (and its
            # page with it): the article's topics no longer name it.
            urls = [*urls, *owner_urls("topic", instance.tag.slug)]
        content_changed(urls, keys, shared=True)


def _article_relation_changed(sender, instance, action, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if not isinstance(instance, Article) or instance.status in _PUBLIC:
        urls = []
        if sender is Article.authors.through and isinstance(instance, Article):
            # A byline added or taken off: that author's page may just have
            # appeared or gone (it exists only with a published article).
            slugs = Author.objects.filter(pk__in=pk_set or ()).values_list("slug")
            urls = [url for (slug,) in slugs for url in owner_urls("author", slug)]
        content_changed(urls, shared=True)


# Shown around articles, never inside one: their changes leave article fragments.
_SITE_ONLY = frozenset({FrontPage, FrontPageSlot, FlatPage, Site})
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
            urls = in_every_language(instance.get_absolute_url)
        except Exception:  # a model whose URL needs more than itself
            urls = []
    content_changed([*urls, *list_urls()], keys, shared=sender not in _SITE_ONLY)


def _post_enriched(sender, embed, **kwargs):
    """A post completed in the background: the pages of the articles showing it
    (the record's own save already moved the version on; this names their URLs
    and keys for the CDN)."""
    urls, keys = [], []
    for article in (
        embed.articles.filter(status__in=_PUBLIC)
        .select_related("section")
        .prefetch_related("topics", "authors")
    ):
        more_urls, more_keys = article_urls(article)
        urls += more_urls
        keys += more_keys
    content_changed(urls, [*keys, f"embed-{embed.pk}"], shared=True)


def connect_signals() -> None:
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
    m2m_changed.connect(
        _anything_changed, sender=FlatPage.sites.through, dispatch_uid=uid
    )
    post_enriched.connect(_post_enriched, dispatch_uid=uid)
