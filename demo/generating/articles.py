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
(of those a reader may see, the published ones).
"""

import bisect
import math
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from html import escape

from django.db import connection, reset_queries, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from articles.models import (
    Article,
    ArticleNote,
    Author,
    Revision,
    Section,
    SlugRedirect,
    TaggedArticle,
    Topic,
    TopicAlias,
)
from articles.services.revisions import TEXT_FIELDS, TIME_FIELDS
from demo.generating.text import (
    THEME_NAMES,
    Story,
    ascii_tag,
    author,
    rare_paragraph,
    read_also,
    thousands,
)
from demo.generating.words import (
    CITIES,
    COUNTRIES,
    KICKER_LABELS,
    MASTODON_INSTANCES,
    MONTHS,
    ORGANISATIONS,
    PLACE_ALIASES,
    PROVINCES,
    SECTIONS,
    THEMES,
)
from embeds.body import reference_paragraph
from embeds.canonical import canonicalize
from embeds.models import Embed, EmbedMedia
from embeds.sanitize import sanitize_post_html

__all__ = [
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
MAX_COUNT = 10_000_000
DEFAULT_BATCH = 1000
MAX_BATCH = 10_000
DEFAULT_SEED = 20250
ARTICLES_PER_DAY = 40
MAX_DAYS_BACK = 20 * 365
AUTHOR_POOL = 60
EMBED_POOL = 300
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
_BASE32 = "234567abcdefghijklmnopqrstuvwxyz"
_YOUTUBE_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


# --- Pools: sections, authors, topics, archived posts ---------------------------------


@dataclass
class _Pools:
    sections: dict[str, Section]  # by slug
    authors: list[Author]
    authors_by_theme: dict[str, list[Author]]
    topics: dict[str, Topic]  # by the name in our lists
    embeds: list[Embed]  # oldest first
    embed_times: list[datetime] = field(default_factory=list)
    redirects: set[str] = field(default_factory=set)  # old slugs: not to be reused

    @cached_property
    def names(self) -> dict[str, dict[int, str]]:
        """Names of authors and topics by pk, for revision snapshots."""
        return {
            "authors": {author.pk: author.name for author in self.authors},
            "topics": {topic.pk: topic.name for topic in self.topics.values()},
        }


def _ensure_pools(seed: int, start: datetime, now: datetime) -> _Pools:
    # A generator each: what one pool draws never depends on what another found.
    authors, by_theme = _ensure_authors(random.Random(f"{seed}-authors"))
    embeds = _ensure_embeds(random.Random(f"{seed}-embeds"), start, now)
    return _Pools(
        sections=_ensure_sections(),
        authors=authors,
        authors_by_theme=by_theme,
        topics=_ensure_topics(),
        embeds=embeds,
        embed_times=[embed.published_at for embed in embeds],
        redirects=set(SlugRedirect.objects.values_list("old_slug", flat=True)),
    )


def _ensure_sections() -> dict[str, Section]:
    existing = list(Section.objects.all())
    names = {section.name for section in existing}
    slugs = {section.slug for section in existing}
    position = max((section.position for section in existing), default=0)
    Section.objects.bulk_create(
        Section(slug=slug, name=name, position=position + index + 1)
        for index, (slug, name) in enumerate(SECTIONS)
        if slug not in slugs and name not in names
    )
    return {section.slug: section for section in Section.objects.all()}


def _ensure_authors(rng: random.Random) -> tuple[list[Author], dict[str, list]]:
    """The pool of authors (by slug), and the authors of each theme."""
    specs: dict[str, Author] = {}
    beats: dict[str, list[str]] = {}
    while len(specs) < AUTHOR_POOL:
        name, chosen, bio = author(rng)
        slug = slugify(name, allow_unicode=True)
        if slug not in specs:
            specs[slug], beats[slug] = Author(slug=slug, name=name, bio=bio), chosen
    existing = Author.objects.in_bulk(list(specs), field_name="slug")
    Author.objects.bulk_create(a for slug, a in specs.items() if slug not in existing)
    by_slug = Author.objects.in_bulk(list(specs), field_name="slug")
    by_theme: dict[str, list[Author]] = {name: [] for name in THEME_NAMES}
    for slug, chosen in beats.items():
        for beat in chosen:
            by_theme[beat].append(by_slug[slug])
    return [by_slug[slug] for slug in specs], by_theme


def _topic_specs() -> dict[str, tuple[str, list[str]]]:
    """Name: (description, aliases) of every topic in our lists."""
    specs: dict[str, tuple[str, list[str]]] = {}
    for theme in THEMES.values():
        for name in theme["topics"]:
            specs[name] = (f"Nieuws, achtergronden en analyses over {name}.", [])
    for name in CITIES + PROVINCES:
        specs[name] = (f"Nieuws uit {name}.", PLACE_ALIASES.get(name, []))
    for name in COUNTRIES:
        specs[name] = ("", PLACE_ALIASES.get(name, []))
    for name, aliases in ORGANISATIONS.items():
        specs[name] = ("", aliases)
    return specs


def _ensure_topics() -> dict[str, Topic]:
    """The pool of topics, by name; a topic with the same name or slug is reused.
    Aliases are added where neither their name nor their slug is in use."""
    specs = _topic_specs()
    slugs = {name: slugify(name, allow_unicode=True) for name in specs}

    def found():
        return list(
            Topic.objects.filter(slug__in=slugs.values())
            | Topic.objects.filter(name__in=list(specs))
        )

    taken = {key for topic in found() for key in (topic.slug, topic.name)}
    Topic.objects.bulk_create(
        Topic(name=name, slug=slugs[name], description=description)
        for name, (description, _aliases) in specs.items()
        if name not in taken and slugs[name] not in taken
    )
    by_key = {key: topic for topic in found() for key in (topic.slug, topic.name)}
    topics = {name: by_key.get(name) or by_key[slugs[name]] for name in specs}

    aliases = {alias: topics[name] for name, (_d, names) in specs.items()
               for alias in names}  # fmt: skip
    alias_slugs = {alias: slugify(alias, allow_unicode=True) for alias in aliases}
    in_use = set(
        TopicAlias.objects.filter(slug__in=alias_slugs.values()).values_list(
            "slug", flat=True
        )
    )
    in_use |= set(
        TopicAlias.objects.filter(name__in=list(aliases)).values_list("name", flat=True)
    )
    in_use |= set(
        Topic.objects.filter(slug__in=alias_slugs.values()).values_list(
            "slug", flat=True
        )
    )
    TopicAlias.objects.bulk_create(
        TopicAlias(topic=topic, name=alias, slug=alias_slugs[alias])
        for alias, topic in aliases.items()
        if alias not in in_use and alias_slugs[alias] not in in_use
    )
    return topics


def _ensure_embeds(rng: random.Random, start: datetime, now: datetime) -> list[Embed]:
    """The pool of archived posts (by URL), oldest first."""
    span = (now - start).total_seconds()
    specs = {}
    for _ in range(EMBED_POOL):
        moment = start + timedelta(seconds=int(rng.uniform(0, span)))
        spec = _embed_spec(rng, moment, now)
        specs[spec["url"]] = spec
    existing = Embed.objects.in_bulk(list(specs), field_name="url")
    created = Embed.objects.bulk_create(
        Embed(**spec) for url, spec in specs.items() if url not in existing
    )
    # What archive_post(fetch=False) keeps of a video: its page, no copied still.
    EmbedMedia.objects.bulk_create(
        EmbedMedia(embed=embed, kind=EmbedMedia.Kind.VIDEO, source_url=embed.url)
        for embed in created
        if embed.provider == "youtube"
    )
    embeds = list(existing.values()) + created
    return sorted(embeds, key=lambda embed: (embed.published_at, embed.url))


def _embed_spec(rng: random.Random, moment: datetime, now: datetime) -> dict:
    """The fields of one archived post, as ``archive_post`` would store them. The
    URL comes from the seed alone, so that a second run finds the same posts."""
    story = Story(rng, rng.choice(THEME_NAMES))
    post = story.post()
    provider = rng.choices(["x", "bluesky", "mastodon", "youtube"], [40, 20, 15, 25])[0]
    account = post["handle"]
    fields = {
        "author_name": post["name"],
        "text": post["text"],
        "text_html": sanitize_post_html(f"<p>{escape(post['text'], quote=False)}</p>"),
    }
    if provider == "youtube":
        post_id = "".join(rng.choice(_YOUTUBE_ID) for _ in range(11))
        url = f"https://www.youtube.com/watch?v={post_id}"
        fields = {
            "author_name": post["channel"],
            "author_url": f"https://www.youtube.com/@{ascii_tag(post['channel'])}",
            "title": post["title"],
        }
    elif provider == "x":
        post_id = str(rng.randrange(10**18, 2 * 10**18))  # nineteen digits
        url = f"https://x.com/{account}/status/{post_id}"
        fields |= {"author_handle": "@" + account}
        fields["author_url"] = f"https://x.com/{account}"
    elif provider == "bluesky":
        handle = f"{account.replace('_', '')}.bsky.social"
        post_id = "3" + "".join(rng.choice(_BASE32) for _ in range(12))
        did = "did:plc:" + "".join(rng.choice(_BASE32) for _ in range(24))
        url = f"https://bsky.app/profile/{handle}/post/{post_id}"
        fields |= {"author_handle": handle}
        fields["author_url"] = f"https://bsky.app/profile/{handle}"
        fields["platform_ref"] = f"at://{did}/app.bsky.feed.post/{post_id}"
    else:
        instance = rng.choice(MASTODON_INSTANCES)
        post_id = str(rng.randrange(10**17, 10**18))
        url = f"https://{instance}/@{account}/{post_id}"
        fields |= {"author_handle": f"@{account}@{instance}"}
        fields["author_url"] = f"https://{instance}/@{account}"
    # As embeds.canonical spells it.
    assert canonicalize(url) == (provider, url, post_id), url
    state = rng.choices(list(Embed.State), [92, 3, 5])[0]
    checked = min(now, moment + timedelta(days=rng.uniform(1, 400)))
    return {
        "url": url,
        "provider": provider,
        "post_id": post_id,
        "language": "nl",
        "published_at": moment,
        "published_has_time": True,
        "source": rng.choice([Embed.Source.OEMBED, Embed.Source.URL]),
        "state": state,
        "last_checked_at": checked,
        # A missing post was last seen some time before the check that missed it.
        "last_seen_at": checked if state == Embed.State.LIVE else moment,
        **fields,
    }


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
        if timezone.localtime(moment).hour < 6 and rng.random() < 0.85:
            # Newsrooms sleep, mostly.
            moment += timedelta(hours=6)
        return min(moment, self.now - timedelta(minutes=1))


@dataclass
class _Planned:
    """An article before it is written, with its rows in other tables."""

    article: Article
    number: int  # 1-based, within the run
    base_slug: str
    author_ids: list[int]
    topic_ids: list[int]
    embeds: list[Embed]
    notes: list[ArticleNote]


def _plan(
    rng: random.Random, pools: _Pools, timeline: _Timeline, number: int, recent: deque
) -> _Planned:
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
    return _Planned(
        article=article,
        number=number,
        base_slug=slugify(article.headline, allow_unicode=True)[:188].strip("-")
        or "artikel",
        author_ids=list(dict.fromkeys([first.pk, *(a.pk for a in others)])),
        topic_ids=list(dict.fromkeys(pools.topics[name].pk for name in topics)),
        embeds=embeds,
        notes=notes,
    )


def _embeds(rng: random.Random, pools: _Pools, moment: datetime) -> list[Embed]:
    """One or two posts from shortly before ``moment`` (the oldest, early on)."""
    index = bisect.bisect_right(pools.embed_times, moment)
    window = pools.embeds[max(0, index - 30) : index] or pools.embeds[:30]
    return rng.sample(window, min(len(window), rng.choice([1, 1, 2])))


def _topic_names(rng: random.Random, theme: dict, place: str, pools: _Pools) -> list:
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


# --- Writing a batch ----------------------------------------------------------------


def _slug_candidate(planned: _Planned, attempt: int, rng: random.Random) -> str:
    """``kop``, then ``kop-2`` ... ``kop-20`` as unique_slug() would, then a random
    number (eight characters at most: base slugs are cut to 188)."""
    if attempt == 0:
        return planned.base_slug
    if attempt < 20:
        return f"{planned.base_slug}-{attempt + 1}"
    return f"{planned.base_slug}-{rng.randrange(10**6, 10**7)}"


def _assign_slugs(batch: list[_Planned], redirects: set[str]) -> None:
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


def _snapshot(planned: _Planned, pools: _Pools) -> dict:
    """What articles.services.revisions.snapshot() records for the new article."""
    article = planned.article
    data = {name: getattr(article, name) for name in TEXT_FIELDS}
    for name in TIME_FIELDS:
        value = getattr(article, name)
        data[name] = value.isoformat() if value else None
    data["updated_at"] = None  # the notes came later, as add_note() leaves it
    data["version"] = article.version
    data["section"] = {"id": article.section_id, "name": article.section.name}
    for key, ids in (("authors", planned.author_ids), ("topics", planned.topic_ids)):
        data[key] = sorted(
            ({"id": pk, "name": pools.names[key][pk]} for pk in ids),
            key=lambda item: item["name"],
        )
    data["related"] = []
    data["embeds"] = sorted(embed.url for embed in planned.embeds)
    return data


def _write(batch: list[_Planned], pools: _Pools) -> None:
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
                    pools = _ensure_pools(seed, timeline.start, timeline.now)
                batch = [
                    _plan(rng, pools, timeline, written + offset + 1, recent)
                    for offset in range(size)
                ]
                _write(batch, pools)
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
    from articles.caching.version import content_changed

    # Cached pages and article fragments, and the next scheduled publication.
    with transaction.atomic():
        content_changed(["/"], ["lists"], shared=True)
    # Fresh statistics: before autovacuum gets to it, PostgreSQL would still plan
    # for the tables as they were (and pick slow plans for the lists).
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE articles_article, articles_taggedarticle, "
                "articles_article_authors, articles_article_embeds"
            )
