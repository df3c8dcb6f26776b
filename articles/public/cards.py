"""Cards, rendered once per version of what they show.

``body_with_cards``: a stored body as readers get it, its posts as cards, shared by
the article page and the live page's entries, rendered once per version of the body
and its posts.

``with_cards``: the article cards of the lists (home, sections, topics, authors),
each cached under its article's version and the shared number, so that a list
whose cards are cached costs the list's own query and no more. That query reads
only ``KEY_FIELDS`` (``listed``, rows as ``Listed``): the articles themselves are
loaded for the cards the cache does not hold.
"""

from django.db.models import QuerySet, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.caching import version
from articles.caching.fragments import cached_fragment, cached_fragments
from articles.models import Article
from articles.public.rendering import render_body
from embeds.rendering import render_card

__all__ = [
    "CARD_TEMPLATE",
    "KEY_FIELDS",
    "Listed",
    "article_version",
    "body_with_cards",
    "listed",
    "with_cards",
]

# An article in a list (with ``article``, ``lead`` and ``compact``, nothing else):
# the lead, a top story (neither flag), or a compact teaser (every other list).
CARD_TEMPLATE = "includes/card.html"


def article_version(article, shared: int) -> tuple:
    """What a fragment showing ``article`` alone depends on: its own times and
    status, and the ``shared`` number (version.current().shared), which moves when
    an author, topic, section, image, post or note changes."""
    return (
        article.pk,
        article.modified_at,
        article.updated_at,
        article.publish_at,
        article.status,
        shared,
    )


# What a card's key needs of its article (``article_version``), which is also
# what a list's cursor needs (publish_at, pk).
KEY_FIELDS = ("pk", "modified_at", "updated_at", "publish_at", "status")


class Listed:
    """An article in a list, as far as the list needs it: ``KEY_FIELDS`` as
    attributes (and a keyset page's own), and ``card_html`` after ``with_cards``."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


def listed(queryset: QuerySet) -> QuerySet:
    """``queryset`` of articles as a list reads it: ``KEY_FIELDS`` only, newest
    first, no join and no prefetch (rows as dicts; ``Listed`` makes them rows)."""
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .order_by("-publish_at", "-pk")
        .values(*KEY_FIELDS)
    )


def _loaded(articles: list) -> list:
    """``articles`` ready for their cards: ``Listed`` rows loaded as articles with
    what a card shows (at most three queries, however many), through
    ``published()`` like the list, None for one withdrawn or gone since; articles
    already loaded get their authors and topics."""
    wanted = [article.pk for article in articles if isinstance(article, Listed)]
    found = {}
    if wanted:
        # By id, unordered: the list's own query gave the order.
        rows = Article.objects.published().for_listing().prefetch_related(None)
        rows = rows.defer("body")
        rows = rows.order_by()
        found = {article.pk: article for article in rows.filter(pk__in=wanted)}
    ready = [
        found.get(article.pk) if isinstance(article, Listed) else article
        for article in articles
    ]
    prefetch_related_objects([a for a in ready if a is not None], "authors", "topics")
    return ready


class _LazyCard:
    """A card's HTML, read from the fragment cache when a template first shows it
    (``{{ article.card_html }}``). One small class for every card: Django's
    ``lazy()`` builds a new proxy class on each call, which cost more than the
    cached card itself."""

    __slots__ = ("index", "read")

    def __init__(self, read, index: int):
        self.read, self.index = read, index

    def __str__(self) -> SafeString:
        return self.read(self.index)

    __html__ = __str__


def with_cards(request, articles: list, *, lead=None, top_stories=()) -> list:
    """``articles`` (None left out), each with its card as HTML in ``card_html``;
    ``lead``, one of them, gets the lead's card, the ``top_stories`` a full card,
    every other one a compact teaser (``articles``: ``Listed`` rows or articles).
    Cached cards cost no query; those missing are loaded and rendered in at most
    three queries, however many.
    The page's navigation is then cached by the shared number too."""
    articles = [article for article in articles if article is not None]
    shared = version.current().shared  # no query: this process knows it
    request.shared_number = shared  # the navigation's sections (context processor)

    top = {id(article) for article in top_stories}

    def style(article) -> str:
        return "lead" if article is lead else "top" if id(article) in top else "compact"

    def render_missing(indexes):
        missing = [articles[i] for i in indexes]
        return [
            render_to_string(
                CARD_TEMPLATE,
                {
                    "article": article,
                    "lead": style(shown) == "lead",
                    "compact": style(shown) == "compact",
                },
            )
            if article is not None
            else ""  # unpublished or deleted since the list was read
            for shown, article in zip(missing, _loaded(missing), strict=True)
        ]

    parts = [
        (*article_version(article, shared), style(article)) for article in articles
    ]
    done = []

    def card(index: int) -> SafeString:
        if not done:  # the first card shown reads (and renders) them all
            done.append(cached_fragments("card", parts, render_missing))
        # Rendered from our template (autoescaped), kept as rendered.
        return mark_safe(done[0][index])  # noqa: S308

    # Read when the page's template shows them: the cards render inside it, after
    # the page's own context (what the test client's response.context reads first).
    for index, article in enumerate(articles):
        article.card_html = _LazyCard(card, index)
    return articles


def body_with_cards(body: str, embeds: list) -> SafeString:
    """``body`` with its posts (``embeds``, their ``media`` prefetched) as cards.

    The cache key holds the body itself and the state of every post and its media,
    so an edited body or a post gone missing renders afresh.
    """
    versions = [
        (
            embed.pk,
            embed.state,
            embed.updated_at,
            [(m.pk, m.image.name, m.alt, m.width, m.height) for m in embed.media.all()],
        )
        for embed in embeds
    ]

    def render():
        cards = {embed.url: render_card(embed) for embed in embeds}
        return str(render_body(body, cards=cards))

    # render_body's own output (sanitized body, cards built with format_html).
    html = cached_fragment("body", (body, versions), render)
    return mark_safe(html)  # noqa: S308
