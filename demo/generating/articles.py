"""Realistic articles for load testing: ``python manage.py generate_articles N``.

What a run adds: ``count`` articles spread over the past (40 a day, at most 20 years
back; pk order is time order): most published, about 3% drafts, 1% in review, 2%
scheduled within two weeks, 0.5% withdrawn; every kind of work; 1-3 authors from a
pool of 60 and 2-5 topics from a pool of about 300 (some with aliases); a section
(the existing ones, plus those of SECTIONS created when missing); an update note on
about 10% and a correction on 2%; about 20% refer to one or two posts from a pool
of 300 archived posts (X, Bluesky, Mastodon, YouTube), by canonical URL as
embeds.body stores them, and are linked to them, so their pages show cards. Each
article has version 1 and its first revision, as ``create_article`` leaves it;
created_at and modified_at are the time of the run, as for an imported article.
Pools are found by slug or URL and created when missing, so runs share them.

The text is Dutch, from demo.generating.text, drawn by a generator with a fixed
seed: the same seed gives the same articles (times relative to now); a second run
adds them again under new slugs. Slugs are ``kop``, ``kop-2``..., never taken.

Rows are written with ``bulk_create`` (no ``save()``, no signals), one transaction
per batch, the pools with the first: a failure leaves whole batches only.
``finish()`` runs once after the last batch, or after a failure if any batch was
written.

``RARE_WORD`` is in the body of exactly every 100th article of a run (the 100th,
200th...) and in no other generated text: a search for it finds 1% of the articles
(of those a reader may see, the published ones). ``COMMON_WORD`` is likewise in
every 10th (the 5th, 15th...): a search for it finds 10%.
"""

import bisect
import math
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, reset_queries, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles.caching.targets import list_urls
from articles.caching.version import content_changed
from articles.models import (
    Article,
    ArticleNote,
)
from demo.generating.pools import AUTHOR_POOL, EMBED_POOL, Pools, ensure_pools
from demo.generating.text import (
    THEME_NAMES,
    Story,
    rare_paragraph,
    read_also,
    thousands,
)
from demo.generating.words import (
    COUNTRIES,
    KICKER_LABELS,
    MONTHS,
    THEMES,
)
from demo.generating.writing import Planned, write
from embeds.body import reference_paragraph
from embeds.models import Embed

__all__ = [
    "AUTHOR_POOL",
    "COMMON_EVERY",
    "COMMON_WORD",
    "EMBED_POOL",
    "DEFAULT_BATCH",
    "DEFAULT_SEED",
    "MAX_BATCH",
    "MAX_COUNT",
    "RARE_EVERY",
    "RARE_WORD",
    "Result",
    "finish",
    "generate_articles",
    "parse_positive",
]

# For search benchmarks: in the body of every RARE_EVERY-th article of a run, in no
# other generated text. A Dutch noun the word lists never use, nor any word holding it.
RARE_WORD = "zoutwinning"
RARE_EVERY = 100
# The same for a common word: in every COMMON_EVERY-th article (the 5th, 15th...).
COMMON_WORD = "dijkversterking"
COMMON_EVERY = 10
MAX_COUNT = 10_000_000
DEFAULT_BATCH = 1000
MAX_BATCH = 10_000
DEFAULT_SEED = 20250
ARTICLES_PER_DAY = 40
MAX_DAYS_BACK = 20 * 365
KIND_WEIGHTS = {
    Article.Kind.NEWS: 52,
    Article.Kind.EXPLAINER: 10,
    Article.Kind.ANALYSIS: 9,
    Article.Kind.OPINION: 8,
    Article.Kind.REPORTAGE: 7,
    Article.Kind.INTERVIEW: 6,
    Article.Kind.LIVE: 8,
}
# (status, scheduled?): per mille of the articles.
STATUS_WEIGHTS = {
    (Article.Status.PUBLISHED, False): 935,
    (Article.Status.PUBLISHED, True): 20,
    (Article.Status.DRAFT, False): 30,
    (Article.Status.REVIEW, False): 10,
    (Article.Status.UNPUBLISHED, False): 5,
}
NOTE_SHARES = {ArticleNote.Kind.UPDATE: 0.10, ArticleNote.Kind.CORRECTION: 0.02}


# --- One article ----------------------------------------------------------------------


@dataclass
class _Timeline:
    """When the n-th of ``count`` articles appears: spread evenly over the days back
    from ``now`` (ARTICLES_PER_DAY a day, at most MAX_DAYS_BACK), mostly by day."""

    now: datetime
    count: int

    @property
    def start(self) -> datetime:
        days = min(MAX_DAYS_BACK, max(1, math.ceil(self.count / ARTICLES_PER_DAY)))
        return self.now - timedelta(days=days)

    def moment(self, rng: random.Random, number: int) -> datetime:
        span = (self.now - self.start).total_seconds()
        share = (number - 1 + rng.random()) / self.count
        moment = self.start + timedelta(seconds=int(span * share))
        # Newsrooms sleep, mostly. The draw is made whatever the hour, so that a
        # seed gives the same run at any time of day.
        sleeps = rng.random() < 0.85
        if timezone.localtime(moment).hour < 6 and sleeps:
            moment += timedelta(hours=6)
        return min(moment, self.now - timedelta(minutes=1))


def _plan(
    rng: random.Random, pools: Pools, timeline: _Timeline, number: int, recent: deque
) -> Planned:
    """The ``number``-th article of the run; ``recent``: (slug, headline) of visible
    articles written before, to link to."""
    now, moment = timeline.now, timeline.moment(rng, number)
    theme_name = rng.choice(THEME_NAMES)
    local = timezone.localtime(moment)
    day = f"{local.day} {MONTHS[local.month - 1]}"
    theme, story = THEMES[theme_name], Story(rng, theme_name, day=day)
    kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
    status, scheduled = rng.choices(
        list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    )[0]

    embeds = _embeds(rng, pools, moment) if rng.random() < 0.2 else []
    extras = [str(reference_paragraph(embed.url)) for embed in embeds]
    if kind == Article.Kind.LIVE or rng.random() < 0.75:
        extras.append(story.quote())
    if rng.random() < 0.15:
        extras.append(story.bullet_list())
    if rng.random() < 0.6:
        extras.append(story.linked_paragraph())
    if number % RARE_EVERY == 0:
        extras.append(rare_paragraph(rng, RARE_WORD))
    if number % COMMON_EVERY == COMMON_EVERY // 2:
        extras.append(rare_paragraph(rng, COMMON_WORD))
    body = story.body(kind, extras)
    if recent and rng.random() < 0.25:
        slug, headline = rng.choice(recent)
        body += read_also(reverse("articles:article", args=[slug]), headline)

    section = pools.sections.get(theme["section"])
    draw = rng.random()
    if draw < 0.1 and "nieuws" in pools.sections:
        section = pools.sections["nieuws"]
    elif draw > 0.95 or section is None:
        section = rng.choice(list(pools.sections.values()))
    topics = _topic_names(rng, theme, story.place, pools)
    first = rng.choice(pools.authors_by_theme[theme_name] or pools.authors)
    others = rng.sample(pools.authors, rng.choices([0, 1, 2], [70, 24, 6])[0])

    article = Article(
        headline=story.headline(kind),
        kind=kind,
        lede=story.lede(),
        body=body,
        section=section,
        language="nl",
        status=status,
        version=1,
    )
    if rng.random() < 0.35:
        kicker = rng.choice([topics[0], story.place, rng.choice(KICKER_LABELS)])
        article.kicker = kicker[:60]
    if rng.random() < 0.1:
        article.seo_title = _shorten(article.headline, 70)
        article.seo_description = _shorten(article.lede, 160)

    notes = []
    if scheduled:
        article.publish_at = now + timedelta(minutes=rng.randint(60, 14 * 24 * 60))
    elif status in {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}:
        article.publish_at = moment
    if status == Article.Status.PUBLISHED and not scheduled:
        notes = _notes(rng, story, moment, now)
    # As prepare_for_save() and add_note() leave them.
    article.first_published_at = article.publish_at
    article.updated_at = max((note.at for note in notes), default=None)
    if not scheduled and article.publish_at is not None:
        article.alerted_at = now  # readers saw it before: no alert for the past
    return Planned(
        article=article,
        number=number,
        base_slug=slugify(article.headline, allow_unicode=True)[:188].strip("-")
        or "artikel",
        author_ids=list(dict.fromkeys([first.pk, *(a.pk for a in others)])),
        topic_ids=list(dict.fromkeys(pools.topics[name].pk for name in topics)),
        embeds=embeds,
        notes=notes,
    )


def _embeds(rng: random.Random, pools: Pools, moment: datetime) -> list[Embed]:
    """One or two posts from shortly before ``moment`` (the oldest, early on)."""
    index = bisect.bisect_right(pools.embed_times, moment)
    window = pools.embeds[max(0, index - 30) : index] or pools.embeds[:30]
    return rng.sample(window, min(len(window), rng.choice([1, 1, 2])))


def _topic_names(rng: random.Random, theme: dict, place: str, pools: Pools) -> list:
    """Two to five: the theme's, often the place or country, sometimes an
    organisation."""
    wanted = rng.sample(theme["topics"], rng.randint(1, 3))
    if theme.get("abroad"):
        wanted.append(rng.choice(COUNTRIES))
    elif place in pools.topics and rng.random() < 0.6:
        wanted.append(place)
    if theme["orgs"] and rng.random() < 0.3:
        wanted.append(rng.choice(theme["orgs"]))
    while len(set(wanted)) < 2:
        wanted.append(rng.choice(theme["topics"]))
    return list(dict.fromkeys(wanted))[:5]


def _notes(rng: random.Random, story: Story, moment: datetime, now: datetime) -> list:
    """Updates and corrections (NOTE_SHARES), within three days of publication."""
    notes = []
    room = min(3 * 24 * 3600, (now - moment).total_seconds() - 60)
    for kind, share in NOTE_SHARES.items():
        if rng.random() < share and room > 1800:
            at = moment + timedelta(seconds=int(rng.uniform(1800, room)))
            notes.append(ArticleNote(kind=kind, text=story.note(kind.value), at=at))
    return notes


def _shorten(text: str, length: int) -> str:
    """``text`` cut at a word boundary to at most ``length`` characters."""
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip(",.:;") + "…"


# --- The command's entry points -------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """What a run wrote: ``count`` articles in ``seconds``."""

    count: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0


def parse_positive(value, *, what: str, maximum: int, example: str) -> int:
    """``value`` (text or number) as a whole number from 1 to ``maximum``.

    Raises ValueError with a Dutch message saying what was wrong and what is allowed.
    """
    text = str(value).strip()
    if not text.isdigit() or not text.isascii() or int(text) < 1:
        raise ValueError(
            f"{what} moet een positief geheel getal zijn (alleen cijfers, zonder "
            f"punten), bijvoorbeeld {example}; niet “{value}”."
        )
    number = int(text)
    if number > maximum:
        raise ValueError(
            f"{what} mag hoogstens {thousands(maximum)} zijn; {thousands(number)} "
            "is te veel."
        )
    return number


def generate_articles(
    count: int,
    *,
    batch_size: int = DEFAULT_BATCH,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int, int], None] | None = None,
) -> Result:
    """Write ``count`` generated articles (see the module docstring), ``batch_size``
    per transaction; ``progress(done, count)`` after each batch. Then ``finish()``.

    Raises ValueError (before writing anything) for a count or batch size out of
    range; a database error stops the run after the last whole batch.
    """
    if not 1 <= count <= MAX_COUNT or not 1 <= batch_size <= MAX_BATCH:
        raise ValueError(f"count {count} or batch_size {batch_size} out of range")
    started = time.monotonic()
    timeline = _Timeline(now=timezone.now().replace(microsecond=0), count=count)
    rng = random.Random(seed)
    recent: deque[tuple[str, str]] = deque(maxlen=50)
    pools, written = None, 0
    try:
        while written < count:
            size = min(batch_size, count - written)
            with transaction.atomic():
                if pools is None:
                    pools = ensure_pools(seed, timeline.start, timeline.now)
                batch = [
                    _plan(rng, pools, timeline, written + offset + 1, recent)
                    for offset in range(size)
                ]
                write(batch, pools)
            written += size
            reset_queries()  # with DEBUG on, the log of big inserts would pile up
            recent.extend(
                (planned.article.slug, planned.article.headline)
                for planned in batch
                if planned.article.is_visible(at=timeline.now)
            )
            if progress is not None:
                progress(written, count)
    finally:
        if written:
            finish()
    return Result(count=written, seconds=time.monotonic() - started)


def finish() -> None:
    """The work after a run, once, when at least one batch was written (also after a
    failure). bulk_create() sends no signals and calls no save(): whatever keeps
    track of changes (caches, indexes) learns of the new articles here.
    """
    # Cached pages and article fragments, and the next scheduled publication.
    with transaction.atomic():
        content_changed(list_urls(), ["lists"], shared=True)
    # Fresh statistics: before autovacuum gets to it, PostgreSQL would still plan
    # for the tables as they were (and pick slow plans for the lists).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE articles_article, articles_taggedarticle, "
                "articles_article_authors, articles_article_embeds"
            )
