"""Restoring a revision: its content put back on the article as a new version,
with a revision of its own."""

from django.db import transaction
from django.utils.translation import gettext as _

from articles import fields
from articles.models import Article, Author, Image, Revision, Section, Topic
from articles.policy import require
from articles.services.articles import save_article
from articles.services.topics import approve_topics_of

__all__ = ["RESTORED_FIELDS", "restore_revision"]

# What a restore writes back as it was: the text fields, less what stays as it is now.
RESTORED_FIELDS = tuple(
    name for name in fields.TEXT if name not in fields.KEPT_ON_RESTORE
)


def _existing(model, items: list[dict], what: str, notices: list[str]) -> list:
    """The records of ``items`` that still exist; a notice for each that does not."""
    found = model.objects.in_bulk([item["id"] for item in items])
    for item in items:
        if item["id"] not in found:
            notices.append(
                _("%(what)s “%(name)s” bestaat niet meer en is overgeslagen.")
                % {"what": what, "name": item.get("name", item["id"])}
            )
    return [found[item["id"]] for item in items if item["id"] in found]


@transaction.atomic
def restore_revision(
    revision: Revision, *, user, notices: list[str] | None = None
) -> Article:
    """Put ``revision``'s content back on its article, saved as a new version with
    a new revision. Status, publication times and slug are kept (``RESTORED_FIELDS``
    says what comes back). Sections, authors, topics and related articles that no
    longer exist are skipped; a notice for each is appended to ``notices``.
    """
    notices = [] if notices is None else notices
    data = revision.snapshot
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    require(user, "articles.change_article", article)
    for name in RESTORED_FIELDS:
        if name in data:
            setattr(article, name, data[name])
    if data.get("section"):
        sections = _existing(Section, [data["section"]], _("Sectie"), notices)
        if sections:
            article.section = sections[0]
    if data.get("hero"):
        # A picture missing from the old version leaves the current one in place.
        heroes = _existing(Image, [data["hero"]], _("Afbeelding"), notices)
        if heroes:
            article.hero = heroes[0]
    if "authors" in data:
        authors = _existing(Author, data["authors"], _("Auteur"), notices)
        # An article always has a byline: with none of the old authors left, the
        # current ones stay.
        if authors:
            article.authors.set(authors)
    if "topics" in data:
        article.topics.set(_existing(Topic, data["topics"], _("Onderwerp"), notices))
    if "related" in data:
        related = _existing(Article, data["related"], _("Artikel"), notices)
        article.related.set([other for other in related if other.pk != article.pk])
    notices += save_article(
        article,
        new_version=True,
        user=user,
        comment=_("Hersteld van versie %(version)s") % {"version": revision.version},
    )
    approve_topics_of(article)  # a published article's topics are public
    return article
