"""Search over what readers may see: PostgreSQL full-text search, a plain fallback.

``search_articles(query)`` returns the matching articles best first, always drawn
from ``Article.objects.published()``. On PostgreSQL the text is searched with Dutch
stemming and web-search syntax (``"zin"``, ``-woord``, ``or``), the headline weighs
most, then the lede, then the body. On SQLite every word must occur somewhere
(``-woord`` excludes), and headline hits come first. Either way, a query that names a
topic or one of its aliases ("IS-K") also finds that topic's articles, ranked first.

On PostgreSQL the weighted vector is stored in ``Article.search_vector`` (a trigger
keeps it, migration 0009_scale) and found through its GIN index; matches and topic
hits are one list of ids, so neither side reads every article. Only the newest
``CANDIDATES`` of the visible matches are ranked (a word in every tenth of 100 000
articles would otherwise rank 10 000 vectors per request): the newest matches of
the words and of the topics are read through the indexes and limited there, and
only those are ranked, in the same query, which also reads each one's cache key.
They are the results, counted and ordered (best or newest first) without another
query. A page's hits are rendered once per query and article version
(``SearchResults.rendered``): only the hits not cached load their articles,
highlighted by ``ts_headline``. The vectors are kept in the articles' rows
(migration 0019_search_vector_inline), so testing one reads no TOAST table.
"""

import html
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Left, Right
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.caching import version
from articles.caching.fragments import cached_fragment, cached_fragments
from articles.models import Article, TaggedArticle, Topic
from articles.public.cards import Listed, article_version
from articles.public.highlight import (
    ELLIPSIS,
    mark_terms,
    passage,
    plain_text,
    render,
    split_marked,
)

__all__ = [
    "CANDIDATES",
    "MAX_QUERY_LENGTH",
    "Hit",
    "SearchResults",
    "mark_terms",
    "normalise_query",
    "search_articles",
]

MAX_QUERY_LENGTH = 200
# One result in the list (with ``hit`` and ``article``).
HIT_TEMPLATE = "includes/search_hit.html"
CONFIG = "dutch"
# On PostgreSQL, the most matches that are ranked and shown: the newest ones (ten
# pages of results).
CANDIDATES = 200
# A hit is kept per query as well as per article version: queries have a long tail
# of ones asked once, so a hit is kept a day, not a week like a card.
HIT_SECONDS = 24 * 3600
# Added to the text rank of an article whose topic the query names: such articles
# answer the query best; the text rank is scaled to stay below 1.
TOPIC_BONUS = 1.0
# Control characters (C0, DEL, C1), lone surrogates and explicit direction changes,
# which could turn the page's text around the echoed query; right-to-left letters stay.
_DROPPED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_QUOTES = "\"'“”„‘’«»"
_SPACES = re.compile(r"\s+")
# What a hit's cache key needs of its article (``article_version``: its times and
# status) as one text made by PostgreSQL, and its publishing time in seconds.
_STAMP = Func(
    Value("%s|%s|%s|%s"),
    F("modified_at"),
    F("updated_at"),
    F("publish_at"),
    F("status"),
    function="format",
    output_field=CharField(),
)
_SECONDS = Func(
    F("publish_at"),
    template="extract(epoch FROM %(expressions)s)::float8",
    output_field=FloatField(),
)
# The stored body without its tags, for ts_headline's passage.
_BODY_TEXT = Func(
    F("body"), Value("<[^>]*>"), Value(" "), Value("g"), function="regexp_replace"
)
# How much of the body's text, at either end, tells whether a passage starts or
# ends it (and so needs no ellipsis there).
_EDGE = 200


@dataclass(frozen=True)
class Hit:
    """One found article with its headline and lede as HTML, the matches in <mark>;
    ``passage``: the lede if it matches, else the body's passage around a match,
    else the lede (articles/public/highlight.py)."""

    article: Article
    headline: SafeString
    lede: SafeString
    passage: SafeString


@dataclass(frozen=True)
class SearchResults:
    """``articles`` best first (``newest``: newest first): paginate them, then
    ``hits()`` the page. Either is a queryset or a ``Ranked`` sequence, which
    loads the articles of a slice when it is taken.

    ``query`` is the normalised query; when it is empty no search ran and
    ``articles`` is empty. ``count`` is how many ``articles`` holds when it is
    known already (None: count it). ``capped``: there were more matches than the
    ``CANDIDATES`` ranked, so ``articles`` are the newest of them.
    """

    query: str
    articles: "QuerySet | Ranked"
    highlight: Callable[[Article], Hit]
    count: int | None = None
    capped: bool = False
    newest: "QuerySet | Ranked | None" = None
    # What rendering a page's hits needs of its items: the articles, with what
    # ``highlight`` reads (None for one gone); the items themselves by default.
    complete: Callable[[list], list] = list
    # An item's version, for its hit's cache key: (item, shared number) -> tuple.
    key: Callable[[object, int], tuple] = article_version

    def hits(self, articles: Iterable[Article]) -> list[Hit]:
        return [self.highlight(article) for article in articles]

    def rendered(self, items: Iterable) -> list[SafeString]:
        """The page's hits as HTML, each cached under the query and its article's
        version (``key``), so a query asked again renders and loads only the hits
        of articles changed since."""
        items = list(items)
        shared = version.current().shared
        parts = [(self.query, *self.key(item, shared)) for item in items]

        def render_missing(indexes):
            found = self.complete([items[i] for i in indexes])
            return [
                "" if article is None else _render_hit(self.highlight(article))
                for article in found
            ]

        # Rendered from our template (autoescaped), kept as rendered.
        found = cached_fragments("hit", parts, render_missing, seconds=HIT_SECONDS)
        return [mark_safe(html) for html in found]  # noqa: S308

    def newest_first(self) -> "QuerySet | Ranked":
        if self.newest is not None:
            return self.newest
        return self.articles.order_by("-publish_at", "-pk")


class Ranked(Sequence):
    """Found articles in a fixed order, known by their ids: a slice (a page of
    results) loads its articles in one query, through ``load(ids)``."""

    def __init__(self, ids: list[int], load: Callable[[list[int]], list]):
        self.ids, self.load = ids, load

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.load(self.ids[index])
        return self.load([self.ids[index]])[0]

    def __iter__(self):
        return iter(self.load(self.ids))


def _render_hit(hit: Hit) -> str:
    return render_to_string(HIT_TEMPLATE, {"hit": hit, "article": hit.article})


def normalise_query(raw: str) -> str:
    """``raw`` without control characters, whitespace collapsed, at most 200 long;
    composed (NFC) like the stored text, so "é" typed either way finds "é"."""
    words = _DROPPED.sub("", " ".join(unicodedata.normalize("NFC", raw).split()))
    words = words.split()
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()


def search_articles(query: str) -> SearchResults:
    """The published articles matching ``query``, best first, newest first on a tie."""
    query = normalise_query(query)
    if not query:
        return SearchResults("", Article.objects.none(), _plain)
    # The articles of the topics the query names, as a list PostgreSQL reads once
    # and hashes (a correlated EXISTS would run again for every candidate). Most
    # queries name no topic: then there is no topic side at all.
    topics = _named_topics(query)
    in_topic = None
    if topics:
        in_topic = TaggedArticle.objects.filter(tag_id__in=topics).values(
            "content_object_id"
        )
    articles = Article.objects.published().for_listing()
    # PostgreSQL's parser keeps letters and digits only: a query of emoji or other
    # symbols alone would find nothing, so it is matched as text instead.
    if connection.vendor == "postgresql" and any(ch.isalnum() for ch in query):
        # The passage is cut from the body in the database (ts_headline), so the
        # body itself is not loaded; the fallback cuts it here and loads it.
        return _full_text(query, articles.defer("body"), in_topic)
    return _fallback(query, articles, in_topic)


def _named_topics(query: str) -> list[int]:
    """The ids of the approved topics ``query`` names (a name, slug or approved
    alias), looked up once per query and shared number (which moves when a topic
    or alias changes)."""
    return cached_fragment(
        "search-topics",
        (query.casefold(), version.current().shared),
        lambda: list(Topic.objects.matching(query).values_list("pk", flat=True)),
    )


def _full_text(
    query: str, articles: QuerySet, in_topic: QuerySet | None
) -> SearchResults:
    search_query = SearchQuery(query, config=CONFIG, search_type="websearch")
    # The stored vector: headline A, lede B, body C (as stored: PostgreSQL's parser
    # skips HTML tags), kept by the trigger of migration 0009_scale.
    # The candidates: the newest visible matches of each side (the words, the
    # topics), each read from one table through its indexes and limited there,
    # and only those are ranked, in the same query (the subquery's limit comes
    # first, so no other match is ranked).
    visible = Article.objects.published()
    newest = visible.order_by("-publish_at", "-pk").values("pk")
    sides = newest.filter(search_vector=search_query)[:CANDIDATES]
    # Normalisation 32 scales the text rank to rank / (rank + 1): below 1.
    rank = SearchRank(F("search_vector"), search_query, normalization=32)
    if in_topic is not None:  # a topic named: the newest of both sides
        sides = sides.union(newest.filter(pk__in=in_topic)[:CANDIDATES], all=True)
        rank += Case(
            When(pk__in=in_topic, then=Value(TOPIC_BONUS)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    # Each row also carries what its hit's cache key needs, as one text, and its
    # time as a number: nothing to parse for 200 rows when 12 are shown.
    rows = (
        visible.filter(pk__in=sides)
        .order_by()
        .annotate(when=_SECONDS, stamp=_STAMP, rank=rank)
        .values_list("pk", "when", "stamp", "rank")
    )
    # Both sides may have their 200: the newest 200 of them.
    found = sorted(rows, key=lambda row: (row[1], row[0]), reverse=True)[:CANDIDATES]
    keys = {pk: Listed({"pk": pk, "stamp": stamp}) for pk, _, stamp, _ in found}
    # Either side at its limit: there may be more (exactly 200 reads the same).
    capped = len(found) >= CANDIDATES
    # Best first: by rank, then newest first (the rows are that already).
    best = sorted(found, key=lambda row: row[3], reverse=True)
    # A random marker cannot occur in an article, so after escaping the text it
    # shows exactly where PostgreSQL put the matches.
    start, stop = f"S{secrets.token_hex(8)}S", f"E{secrets.token_hex(8)}E"

    def marked(field, **options):
        return SearchHeadline(
            field,
            search_query,
            config=CONFIG,
            start_sel=start,
            stop_sel=stop,
            **(options or {"highlight_all": True}),
        )

    def load(ids: list[int]) -> list[Listed]:
        """A page of results as their hits' keys (no query)."""
        return [keys[pk] for pk in ids]

    def complete(found: list) -> list[Article | None]:
        """The articles of ``found`` (keys) with their marked texts, in one query
        and one for their authors; None for one gone since."""
        ids = [row.pk for row in found]
        rows = (
            articles.filter(pk__in=ids)
            .prefetch_related(None)
            .prefetch_related("authors")  # a hit shows its authors, not its topics
            .annotate(
                marked_headline=marked("headline"),
                marked_lede=marked("lede"),
                # The body's text (tags out, so nothing is marked inside one): a
                # passage of about 30 words around the best match.
                marked_body=marked(_BODY_TEXT, max_words=30, min_words=15),
                body_start=Left(_BODY_TEXT, _EDGE),
                body_end=Right(_BODY_TEXT, _EDGE),
            )
        )
        by_pk = {article.pk: article for article in rows}
        return [by_pk.get(pk) for pk in ids]

    def highlight(article: Article) -> Hit:
        lede = split_marked(article.marked_lede, start, stop)
        body = split_marked(article.marked_body, start, stop)
        # The body's text is HTML text: its entities (&amp;) become characters.
        body = [(_SPACES.sub(" ", html.unescape(p)), m) for p, m in body]
        body = _with_ellipses(body, article.body_start, article.body_end)
        return Hit(
            article,
            render(split_marked(article.marked_headline, start, stop)),
            render(lede),
            render(lede if _any_match(lede) else body if _any_match(body) else lede),
        )

    return SearchResults(
        query,
        Ranked([row[0] for row in best], load),
        highlight,
        count=len(found),
        capped=capped,
        newest=Ranked([row[0] for row in found], load),
        complete=complete,
        key=_stamped,
    )


def _with_ellipses(parts: list, body_start: str, body_end: str) -> list:
    """A passage of the body's text, (text, is match) pairs, with an ellipsis where
    the body goes on before or after it: not where it begins or ends the body
    (``body_start``, ``body_end``: the body's text at either end, as stored)."""
    text = _collapsed("".join(part for part, _ in parts))
    if not text:
        return parts
    head, tail = text[: _EDGE // 2], text[-_EDGE // 2 :]
    starts = _collapsed(html.unescape(body_start)).startswith(head)
    ends = _collapsed(html.unescape(body_end)).endswith(tail)
    # No space of the body's own at either end of the passage.
    parts = [(parts[0][0].lstrip(), parts[0][1]), *parts[1:]]
    parts = [*parts[:-1], (parts[-1][0].rstrip(), parts[-1][1])]
    return [
        *([] if starts else [(ELLIPSIS + " ", False)]),
        *parts,
        *([] if ends else [(" " + ELLIPSIS, False)]),
    ]


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _stamped(row: Listed, shared: int) -> tuple:
    """A full-text hit's version: its article's stamp (``_STAMP``)."""
    return (row.pk, row.stamp, shared)


def _fallback(
    query: str, articles: QuerySet, in_topic: QuerySet | None
) -> SearchResults:
    terms, excluded = _terms(query)
    # Nothing left to look for (only quotes): only a topic can still match.
    matches = Q() if terms or excluded else Q(pk__in=[])
    for term in terms:
        matches &= _contains(term)
    for term in excluded:
        matches &= ~_contains(term)
    headline_hits = sum(
        (Case(When(headline__icontains=term, then=1), default=0) for term in terms),
        Value(0),
    )
    # Without a topic named, no topic side (PostgreSQL refuses a constant to sort by).
    order = ["-headline_hits", "-publish_at", "-pk"]
    if in_topic is not None:  # the named topics' articles first
        articles = articles.alias(
            topic_hit=Case(
                When(pk__in=in_topic, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        matches |= Q(topic_hit=True)
        order.insert(0, F("topic_hit").desc())
    found = (
        articles.filter(matches).annotate(headline_hits=headline_hits).order_by(*order)
    )

    def highlight(article: Article) -> Hit:
        lede = mark_terms(article.lede, terms)
        if "<mark>" in lede:
            found = lede
        else:
            found = passage(plain_text(article.body), terms) or lede
        return Hit(article, mark_terms(article.headline, terms), lede, found)

    return SearchResults(query, found, highlight)


def _terms(query: str) -> tuple[list[str], list[str]]:
    """The distinct words to find and (written ``-woord``) to exclude."""
    terms, excluded = {}, {}
    for word in query.split():
        target = excluded if word.startswith("-") and len(word) > 1 else terms
        word = word.removeprefix("-") if target is excluded else word
        word = word.strip(_QUOTES)
        if word:
            target.setdefault(word.casefold(), word)
    return list(terms.values()), list(excluded.values())


def _contains(term: str) -> Q:
    return (
        Q(headline__icontains=term) | Q(lede__icontains=term) | Q(body__icontains=term)
    )


def _any_match(parts: list[tuple[str, bool]]) -> bool:
    return any(is_match and part for part, is_match in parts)


def _plain(article: Article) -> Hit:
    lede = render([(article.lede, False)])
    return Hit(article, render([(article.headline, False)]), lede, lede)
