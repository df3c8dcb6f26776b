"""Writing a batch of planned articles: unique slugs, bulk inserts of the articles
and their rows in other tables, and each article's first revision."""

import random
from dataclasses import dataclass

from articles.models import (
    Article,
    ArticleNote,
    Revision,
    TaggedArticle,
)
from articles.services.revisions import snapshot_of
from demo.generating.pools import Pools
from embeds.models import Embed

__all__ = ["Planned", "write"]


@dataclass
class Planned:
    """An article before it is written, with its rows in other tables."""

    article: Article
    number: int  # 1-based, within the run
    base_slug: str
    author_ids: list[int]
    topic_ids: list[int]
    embeds: list[Embed]
    notes: list[ArticleNote]


def _slug_candidate(planned: Planned, attempt: int, rng: random.Random) -> str:
    """``kop``, then ``kop-2`` ... ``kop-20`` as unique_slug() would, then a random
    number (eight characters at most: base slugs are cut to 188)."""
    if attempt == 0:
        return planned.base_slug
    if attempt < 20:
        return f"{planned.base_slug}-{attempt + 1}"
    return f"{planned.base_slug}-{rng.randrange(10**6, 10**7)}"


def _assign_slugs(batch: list[Planned], redirects: set[str]) -> None:
    """Unique slugs, free in the database (and as old slugs), one query per round."""
    rng = random.Random(batch[0].number)
    pending, used, attempt = batch, set(), 0
    while pending:
        candidates = [_slug_candidate(p, attempt, rng) for p in pending]
        taken = set(
            Article.objects.filter(slug__in=set(candidates)).values_list(
                "slug", flat=True
            )
        )
        waiting = []
        for planned, slug in zip(pending, candidates, strict=True):
            if slug in taken or slug in used or slug in redirects:
                waiting.append(planned)
            else:
                planned.article.slug = slug
                used.add(slug)
        pending, attempt = waiting, attempt + 1


def _snapshot(planned: Planned, pools: Pools) -> dict:
    """What articles.services.revisions.snapshot() records for the new article."""
    names = pools.names

    def pairs(key, ids):
        return sorted(((pk, names[key][pk]) for pk in ids), key=lambda pair: pair[1])

    data = snapshot_of(
        planned.article,
        authors=pairs("authors", planned.author_ids),
        topics=pairs("topics", planned.topic_ids),
        related=[],
        embeds=sorted(embed.url for embed in planned.embeds),
    )
    data["updated_at"] = None  # the notes came later, as add_note() leaves it
    return data


def write(batch: list[Planned], pools: Pools) -> None:
    """The batch's articles and their rows in other tables, a bulk insert each."""
    _assign_slugs(batch, pools.redirects)
    Article.objects.bulk_create([planned.article for planned in batch])
    Authors, Embeds = Article.authors.through, Article.embeds.through
    Authors.objects.bulk_create(
        Authors(article_id=planned.article.pk, author_id=author_id)
        for planned in batch
        for author_id in planned.author_ids
    )
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object_id=planned.article.pk, tag_id=topic_id)
        for planned in batch
        for topic_id in planned.topic_ids
    )
    Embeds.objects.bulk_create(
        Embeds(article_id=planned.article.pk, embed_id=embed.pk)
        for planned in batch
        for embed in planned.embeds
    )
    notes = []
    for planned in batch:
        for note in planned.notes:
            note.article = planned.article
            notes.append(note)
    ArticleNote.objects.bulk_create(notes)
    Revision.objects.bulk_create(
        Revision(
            article=planned.article,
            version=planned.article.version,
            snapshot=_snapshot(planned, pools),
        )
        for planned in batch
    )
