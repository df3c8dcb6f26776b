"""Writes with side effects: the admin, commands and tests all call these.

Each function either completes or changes nothing (one transaction).
"""

import unicodedata
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import fields
from articles.alerts.claims import claim_article
from articles.dates import start_of
from articles.models import Article, Author, Section, SlugRedirect, Topic
from articles.sanitize import sanitize_body
from articles.services.revisions import create_revision
from articles.services.topics import approve_topics_of
from articles.slugs import unique_slug
from embeds.body import reference_paragraph
from embeds.post import Post
from embeds.services import archive_post, embed_body

__all__ = [
    "article_slug",
    "create_article",
    "default_section",
    "house_author",
    "prepare_for_save",
    "redirected_elsewhere",
    "save_article",
    "slug_redirect_message",
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
    article.slug = article_slug(article, article.slug)
    # Whole seconds: the times readers see (and <time datetime>) need no more.
    for name in ("publish_at", "updated_at"):
        if getattr(article, name) is not None:
            setattr(article, name, getattr(article, name).replace(microsecond=0))
    if article.status == Article.Status.PUBLISHED and article.publish_at is None:
        article.publish_at = timezone.now().replace(microsecond=0)
    # Known only to the day or the month: the start of it (visible from then).
    article.publish_at = start_of(article.publish_at, article.publish_precision)
    if article.status == Article.Status.PUBLISHED and (
        article.first_published_at is None
        or article.first_published_at > article.publish_at
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
    ``user``, with ``comment``), and claim the article's alert when it is visible
    now (``articles/alerts``). Returns notices for the editor (unknown sites,
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
    # Visible now (published now, by any path): the alert goes on commit, once.
    claim_article(article)
    return notices


def _keep_old_url(article: Article) -> None:
    """A published article's changed slug leaves its old URL behind as a permanent
    redirect. Taking back one of its own old slugs ends that redirect; another
    article's old address is refused (its readers' links would break for good)."""
    held = SlugRedirect.objects.filter(old_slug=article.slug).first()
    if held is not None and held.article_id != article.pk:
        raise ValidationError({"slug": slug_redirect_message(held)})
    if held is not None:
        held.delete()  # its own old address lives again
    stored = article.stored()
    if not stored or stored["status"] != Article.Status.PUBLISHED:
        return  # only a published article's address is worth keeping
    if stored["slug"] != article.slug:
        SlugRedirect.objects.update_or_create(
            old_slug=stored["slug"], defaults={"article": article}
        )


def redirected_elsewhere(slug: str, article: Article) -> SlugRedirect | None:
    """The old address ``slug`` when it redirects to another article than
    ``article`` (which therefore may not take it)."""
    others = SlugRedirect.objects.select_related("article").filter(old_slug=slug)
    return (
        others.exclude(article_id=article.pk).first() if article.pk else others.first()
    )


def slug_redirect_message(held: SlugRedirect) -> str:
    return _(
        "Het webadres “%(slug)s” is het oude adres van het artikel “%(headline)s” "
        "en verwijst lezers daarheen. Kies een ander webadres, of laat het veld "
        "leeg voor een adres uit de kop."
    ) % {"slug": held.old_slug, "headline": held.article.headline}


def article_slug(article: Article, given: str, *, headline: str | None = None) -> str:
    """The address ``article`` gets: ``given`` (the slug typed) as it is or with a
    number when another article has it; with nothing given, one made from the
    headline (``article.headline`` unless given) that is neither another article's
    slug nor another article's old address. One query."""
    if given:
        return unique_slug(Article, given, exclude_pk=article.pk)
    others = SlugRedirect.objects.exclude(article_id=article.pk)
    return unique_slug(
        Article,
        article.headline if headline is None else headline,
        exclude_pk=article.pk,
        reserved=lambda prefix: others.filter(old_slug__startswith=prefix).values_list(
            "old_slug", flat=True
        ),
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
        approve_topics_of(article)  # created published: its topics are public
    # The first revision was taken before the authors and topics were set.
    create_revision(article, user=article.created_by)
    return article
