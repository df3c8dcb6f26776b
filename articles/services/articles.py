"""Writes with side effects: the admin, commands and tests all call these.

Each function either completes or changes nothing (one transaction).
"""

import unicodedata
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles import fields
from articles.models import Article, Author, Section, SlugRedirect, Topic
from articles.sanitize import sanitize_body
from articles.services.revisions import create_revision
from articles.slugs import unique_slug
from embeds.body import reference_paragraph
from embeds.post import Post
from embeds.services import archive_post, embed_body

__all__ = [
    "create_article",
    "default_section",
    "house_author",
    "prepare_for_save",
    "save_article",
]


def default_section() -> Section:
    """The section imported articles land in when none is named."""
    conf = settings.NEWSROOM_DEFAULT_SECTION
    section, _ = Section.objects.get_or_create(
        slug=conf["slug"], defaults={"name": conf["name"]}
    )
    return section


def house_author() -> Author:
    """The house byline ("Redactie") for articles without a named author."""
    conf = settings.NEWSROOM_HOUSE_BYLINE
    author, _ = Author.objects.get_or_create(
        slug=conf["slug"], defaults={"name": conf["name"]}
    )
    return author


def prepare_for_save(article: Article) -> Article:
    """Sanitize the body, fill a unique slug and keep the publication times right.

    Called by the admin form and every service before an article is saved.
    """
    article.body = sanitize_body(article.body)
    # Composed (NFC): an accent typed as a combining mark (as macOS pastes it) is the
    # same letter for search and comparison as one typed composed.
    for name in fields.PLAIN_TEXT:
        setattr(article, name, unicodedata.normalize("NFC", getattr(article, name)))
    article.slug = unique_slug(
        Article, article.slug or article.headline, exclude_pk=article.pk
    )
    # Whole seconds: the times readers see (and <time datetime>) need no more.
    for name in ("publish_at", "updated_at"):
        if getattr(article, name) is not None:
            setattr(article, name, getattr(article, name).replace(microsecond=0))
    if article.status == Article.Status.PUBLISHED:
        if article.publish_at is None:
            article.publish_at = timezone.now().replace(microsecond=0)
        if article.first_published_at is None or (
            article.first_published_at > article.publish_at
        ):
            article.first_published_at = article.publish_at
    return article


@transaction.atomic
def save_article(
    article: Article,
    *,
    extra_posts: Iterable[Post] = (),
    new_version: bool = False,
    user=None,
    comment: str = "",
) -> list[str]:
    """Sanitize, archive the posts the body embeds (and ``extra_posts``, appended to
    the body), save, link the article to its posts and record the revision (by
    ``user``, with ``comment``). Returns notices for the editor (unknown sites,
    providers that did not answer); they never stop a save.
    """
    notices: list[str] = []
    prepare_for_save(article)
    body = article.body
    for post in extra_posts:
        body += reference_paragraph(archive_post(post, notices=notices).url)
    article.body, embeds, found = embed_body(body)
    notices += found
    if new_version:
        article.version += 1
    _keep_old_url(article)
    article.save()
    article.embeds.set(embeds)
    create_revision(article, user=user, comment=comment)
    return notices


def _keep_old_url(article: Article) -> None:
    """A changed slug leaves its old URL behind as a permanent redirect."""
    SlugRedirect.objects.filter(old_slug=article.slug).delete()  # the slug lives again
    if article.pk is None:
        return
    stored = article.stored()
    old = stored["slug"] if stored else None
    if old and old != article.slug:
        SlugRedirect.objects.update_or_create(
            old_slug=old, defaults={"article": article}
        )


@transaction.atomic
def create_article(
    *,
    headline: str,
    lede: str,
    body: str = "",
    section: Section | None = None,
    authors: Iterable[Author] = (),
    topics: Iterable[Topic | str] = (),
    status: str = Article.Status.DRAFT,
    publish_at: datetime | None = None,
    kind: str = Article.Kind.NEWS,
    extra_posts: Iterable[Post] = (),
    notices: list[str] | None = None,
    **fields,
) -> Article:
    """Create an article with its authors, topics and embedded posts, or nothing.

    Notices about embedded posts are appended to ``notices`` when given.
    """
    article = Article(
        headline=headline,
        lede=lede,
        body=body,
        section=section or default_section(),
        status=status,
        publish_at=publish_at,
        kind=kind,
        **fields,
    )
    prepare_for_save(article)
    article.full_clean(exclude=["slug"])
    found = save_article(article, extra_posts=extra_posts)
    if notices is not None:
        notices.extend(found)
    article.authors.set(list(authors) or [house_author()])
    if topics:
        article.topics.set(list(topics))
    # The first revision was taken before the authors and topics were set.
    create_revision(article, user=article.created_by)
    return article
