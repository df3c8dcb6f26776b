"""The pools generated articles draw on: sections, authors, topics (some with
aliases) and archived posts, found by slug or URL and created when missing, so runs
share them."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from html import escape

from django.utils.text import slugify

from articles.models import (
    Author,
    Section,
    SlugRedirect,
    Topic,
    TopicAlias,
)
from demo.generating.text import (
    THEME_NAMES,
    Story,
    ascii_tag,
    author,
)
from demo.generating.words import (
    CITIES,
    COUNTRIES,
    MASTODON_INSTANCES,
    ORGANISATIONS,
    PLACE_ALIASES,
    PROVINCES,
    SECTIONS,
    THEMES,
)
from embeds.canonical import canonicalize
from embeds.models import Embed, EmbedMedia
from embeds.sanitize import sanitize_post_html

__all__ = ["AUTHOR_POOL", "EMBED_POOL", "Pools", "ensure_pools"]

AUTHOR_POOL = 60
EMBED_POOL = 300
_BASE32 = "234567abcdefghijklmnopqrstuvwxyz"
_YOUTUBE_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

AUTHOR_POOL = 60
EMBED_POOL = 300
_YOUTUBE_ID = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


# --- Pools: sections, authors, topics, archived posts ---------------------------------


@dataclass
class Pools:
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


def ensure_pools(seed: int, start: datetime, now: datetime) -> Pools:
    # A generator each: what one pool draws never depends on what another found.
    authors, by_theme = _ensure_authors(random.Random(f"{seed}-authors"))
    embeds = _ensure_embeds(random.Random(f"{seed}-embeds"), start, now)
    return Pools(
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
