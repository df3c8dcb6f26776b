"""The readers' site. Every list and page goes through Article.objects.published()."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.caching import version
from articles.caching.fragments import cached_fragment
from articles.models import (
    Article,
    Author,
    Section,
    SlugRedirect,
    TaggedArticle,
    Topic,
    TopicAlias,
)
from articles.public.cards import (
    Listed,
    article_version,
    body_with_cards,
    listed,
    with_cards,
)
from articles.public.paging import NUMBER_PARAMETER, KeysetPage, keyset_page
from articles.public.search import MAX_QUERY_LENGTH, search_articles
from articles.public.structured_data import (
    absolute,
    article_data,
    breadcrumbs,
    home_data,
    json_ld,
    modified_iso,
    published_iso,
)
from articles.services.frontpage import current_front_page, home_articles
from embeds.providers import PROVIDERS
from embeds.rendering import load_config

# What the article page reads of an article, loaded up front (public page, previews).
ARTICLE_PAGE_PREFETCH = ("authors", "topics", "embeds__media", "notes")
# "Lees ook": all editors' picks (at most RELATED_PICKS), then articles sharing
# topics until the block holds RELATED_FILL.
RELATED_PICKS = 6
RELATED_FILL = 4
# Search results: best first, or newest first with ?volgorde=nieuw.
ORDER_PARAMETER, NEWEST_FIRST = "volgorde", "nieuw"


def _page(request, queryset) -> KeysetPage:
    """The requested page of a public list (``queryset``, newest first): page one,
    or the page a ``?voor=`` or ``?na=`` cursor names (articles/paging.py); 404 for
    a bad cursor. No count, no offset: any page costs the same. The page's query
    reads what the cards' keys need (``listed``); ``with_cards`` loads the
    articles only for the cards not cached."""
    return keyset_page(
        listed(queryset),
        request.GET,
        per_page=settings.ARTICLES_PER_PAGE,
        row=Listed,
    )


def home(request):
    """The breaking banner, then (on page one) the lead and the editors' top
    stories, then the latest articles. Template: articles/home.html; context:
    banner, lead, top_stories, articles, page, structured_data (the newsroom).

    Which articles lead and top the page is worked out once per content version
    (the front page, a publication and a scheduled moment all move it); after
    that, one plain query loads them.
    """
    found = {}

    def picks():
        found["home"] = home_articles(current_front_page())
        banner, lead, top_stories, _ = found["home"]
        return banner, lead and lead.pk, [article.pk for article in top_stories]

    banner, lead_pk, top_pks = cached_fragment(
        "front-picks", (version.current().number,), picks
    )
    shown_pks = [pk for pk in [lead_pk, *top_pks] if pk is not None]
    published = Article.objects.published()
    if "home" in found:
        _, lead, top_stories, _ = found["home"]
    else:
        rows = listed(published.filter(pk__in=shown_pks)) if shown_pks else []
        by_pk = {row["pk"]: Listed(row) for row in rows}
        lead = by_pk.get(lead_pk)
        top_stories = [by_pk[pk] for pk in top_pks if pk in by_pk]
    page = _page(request, published.exclude(pk__in=shown_pks))
    first = page.is_first
    shown = [lead, *top_stories] if first else []
    # Every card of the page at once: one read of the fragment cache, and three
    # queries (articles, authors, topics) for the cards it does not hold.
    with_cards(request, [*shown, *page.object_list], lead=lead, top_stories=top_stories)
    return render(
        request,
        "articles/home.html",
        {
            "banner": banner,
            "lead": lead if first else None,
            "top_stories": top_stories if first else [],
            "articles": page.object_list,
            "page": page,
            "structured_data": json_ld(home_data()),
        },
    )


# Where a kind of work's own block goes in the story (PageAdditions.block): the story
# is cached per version of the article, the block is rendered per request.
SLOT = mark_safe("<!-- slot -->")  # noqa: S308 (a constant)


@dataclass(frozen=True)
class PageAdditions:
    """What a kind of work adds to the article page, for ``article_detail``'s
    ``additions`` (articles/urls.py passes live coverage's, articles/live/pages.py).

    ``structured(article)`` is the page's JSON-LD instead of ``article_data``;
    ``block(request, article, number)`` is HTML placed in the story after the body,
    for content version ``number``. The head and story are then cached per content
    version, and the page offers click-to-load for every platform (a block may bring
    posts the article itself has none of).
    """

    structured: Callable[[Article], dict]
    block: Callable[[HttpRequest, Article, int], str]


def article_detail(request, slug, *, additions=None):
    """One article. Template: articles/article.html; 410 for withdrawn articles.
    ``additions(article)``: the article's PageAdditions, or None."""
    found = (
        Article.objects.published()
        .defer("search_vector")
        .select_related("section", "hero")
        .filter(slug=slug)
        # The slug is unique: no ordering, so PostgreSQL looks it up by its index
        # instead of walking the publication-time index for the first match.
        .order_by()[:1]
    )
    article = found[0] if found else None
    if article is None:
        withdrawn = Article.objects.filter(
            slug=slug, status=Article.Status.UNPUBLISHED
        ).exists()
        if withdrawn:
            return render(request, "articles/gone.html", status=410)
        moved = (
            # Only to a visible article: a hidden one's new slug must not leak.
            SlugRedirect.objects.filter(
                old_slug=slug, article__in=Article.objects.published()
            )
            .values_list("article__slug", flat=True)
            .first()
        )
        if moved:
            return redirect("articles:article", slug=moved, permanent=True)
        raise Http404(_("Dit artikel bestaat niet."))
    added = additions(article) if additions else None
    return article_response(request, article, additions=added)


def article_response(
    request,
    article: Article,
    *,
    preview: bool = False,
    additions: PageAdditions | None = None,
):
    """articles/article.html for ``article`` (public page and previews).

    What depends on the article alone (head tags and JSON-LD, the story with its
    posts, byline, notes and topics: templates articles/parts/) is rendered once per
    version: the key holds the article's own times and status and the shared number
    that moves when an author, topic, section, image, post or note changes. The
    "Lees ook" block, which any publication may change, is rendered once per content
    version (``version.current()``, which costs no query). Warm, the page costs one
    query: the article's row.
    """
    state = version.current()  # no query: this process knows it
    number, shared = state.number, state.shared
    request.shared_number = shared  # the navigation's sections (context processor)
    key = (
        *article_version(article, shared),
        # What a kind of work adds (a live blog's entries in its JSON-LD) moves
        # the content version, not the article.
        number if additions else None,
    )

    def render_parts():
        prefetch_related_objects([article], *ARTICLE_PAGE_PREFETCH)
        context = article_context(article, additions=additions)
        return {
            "head": render_to_string("articles/parts/head.html", context, request),
            "story": render_to_string("articles/parts/story.html", context, request),
            "topic_ids": [topic.pk for topic in article.topics.all()],
        }

    parts = cached_fragment("article", key, render_parts)
    related = cached_fragment(
        "related",
        (article.pk, number, parts["topic_ids"]),
        lambda: render_to_string(
            "articles/parts/related.html",
            {"related": related_articles(article, parts["topic_ids"])},
        ),
    )
    story = parts["story"]
    if additions:
        story = story.replace(SLOT, additions.block(request, article, number), 1)
    context = {
        "article": article,
        # Rendered from our templates above (autoescaped), kept as rendered.
        "head": mark_safe(parts["head"]),  # noqa: S308
        "story": mark_safe(story),  # noqa: S308
        "related": mark_safe(related),  # noqa: S308
        "preview": preview,
    }
    return render(request, "articles/article.html", context)


def related_articles(article: Article, topic_ids: list[int]) -> list[Article]:
    """The "Lees ook" block: the editors' picks, then published articles sharing
    topics (``topic_ids``) with ``article`` until it holds RELATED_FILL; within
    each, most shared topics first, then newest. Never ``article`` itself. One
    query, however many topics or candidates.
    """
    picks = Article.related.through.objects.filter(from_article_id=article.pk)
    # The candidates as one list of ids: an OR of the picks and a join on topics
    # would have PostgreSQL read every article.
    sharing = TaggedArticle.objects.filter(tag__in=topic_ids)
    candidate_ids = (
        picks.order_by()
        .values("to_article_id")
        .union(sharing.order_by().values("content_object_id"), all=True)
    )
    candidates = (
        Article.objects.published()
        .filter(pk__in=candidate_ids)
        .exclude(pk=article.pk)
        .annotate(
            picked=Exists(picks.filter(to_article_id=OuterRef("pk"))),
            shared=Count("topics", filter=Q(topics__in=topic_ids), distinct=True),
        )
        .select_related("section")
        .order_by("-picked", "-shared", "-publish_at", "-pk")
    )
    chosen = []
    for item in candidates[: max(RELATED_PICKS, RELATED_FILL)]:
        if item.picked or len(chosen) < RELATED_FILL:
            chosen.append(item)
    return chosen


def article_context(
    article: Article, *, additions: PageAdditions | None = None
) -> dict:
    """The context of articles/parts/ for ``article``: article, body,
    embed_providers, structured_data, slot, canonical_url and the Open Graph
    dates. Prefetch ARTICLE_PAGE_PREFETCH first.
    """
    embeds = list(article.embeds.all())
    providers = [embed.provider for embed in embeds]
    data = article_data(article)
    if additions:
        providers = list(PROVIDERS)
        data = additions.structured(article)
    return {
        "article": article,
        "body": rendered_body(article, embeds),
        "embed_providers": load_config(providers),
        "structured_data": json_ld(data) + json_ld(breadcrumbs(article)),
        "slot": SLOT if additions else "",
        "canonical_url": absolute(article.get_absolute_url()),
        "published_time": published_iso(article),
        "modified_time": modified_iso(article),
    }


def rendered_body(article: Article, embeds: list) -> SafeString:
    """The article's body with its posts as cards (``embeds__media`` prefetched)."""
    return body_with_cards(article.body, embeds)


def section_detail(request, slug):
    """A section's articles. Template: articles/section.html."""
    section = get_object_or_404(Section, slug=slug)
    page = _page(request, Article.objects.published().filter(section=section))
    with_cards(request, page.object_list)
    return render(
        request,
        "articles/section.html",
        {"section": section, "page": page, "current_section": section.slug},
    )


@dataclass(frozen=True)
class TopicHeading:
    """What a topic's page shows of the topic: its name, slug, description and
    approved aliases' names."""

    pk: int
    name: str
    slug: str
    description: str
    aliases: tuple[str, ...]

    def get_absolute_url(self) -> str:
        return reverse("articles:topic", kwargs={"slug": self.slug})


def _topic_heading(slug: str) -> dict | None:
    """The approved topic whose own slug is ``slug``, as ``TopicHeading``'s fields
    (plain values, for the cache), or None."""
    aliases = Prefetch("aliases", TopicAlias.objects.filter(approved=True))
    topic = Topic.objects.approved().prefetch_related(aliases).filter(slug=slug)
    topic = topic.first()
    if topic is None:
        return None
    return {
        "pk": topic.pk,
        "name": topic.name,
        "slug": topic.slug,
        "description": topic.description,
        "aliases": tuple(alias.name for alias in topic.aliases.all()),
    }


def topic_detail(request, slug):
    """A topic's description, approved aliases and articles; its name, an alias or
    another spelling redirects here (``Topic.objects.resolve``). Only a public topic
    (approved, with a published article) has a page: anything else is 404, also
    through an alias.

    The heading is looked up once per topic and shared number (which moves when a
    topic or alias changes); the page then costs its list's query.
    Template: articles/topic.html.
    """
    gone = _("Dit onderwerp bestaat niet.")
    shared = version.current().shared
    found = cached_fragment(
        "topic-heading", (slug, shared), lambda: _topic_heading(slug)
    )
    if found is None:  # not a topic's own slug: a name, an alias, or nothing
        topic, _canonical = Topic.objects.approved().resolve(slug)
        if topic is None or not Topic.objects.public().filter(pk=topic.pk).exists():
            raise Http404(gone)
        return redirect(topic, permanent=True)
    topic = TopicHeading(**found)
    page = _page(request, Article.objects.published().filter(topics=topic.pk))
    if not page.object_list:  # no published article: not public (page one)
        raise Http404(gone)
    with_cards(request, page.object_list)
    return render(request, "articles/topic.html", {"topic": topic, "page": page})


def author_detail(request, slug):
    """An author's bio and archive, when at least one published article carries
    their byline (404 otherwise). Template: articles/author.html."""
    author = get_object_or_404(Author, slug=slug)
    page = _page(request, Article.objects.published().filter(authors=author))
    if not page.object_list:  # no published article: not public (page one)
        raise Http404(_("Deze auteur bestaat niet."))
    with_cards(request, page.object_list)
    return render(request, "articles/author.html", {"author": author, "page": page})


# -- search, /zoeken/?q=: never indexed, whatever was typed ---------------------


class _Counted(Paginator):
    """A paginator told its count (search results counted as they were found)."""

    def __init__(self, object_list, per_page, *, count: int | None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property


def _numbered_page(request: HttpRequest, articles, *, count=None) -> Page:
    """Page ``?pagina=N`` of the results; 404 for a page that does not exist. The
    count, when not given, runs over the matches only (the stored vector's index
    finds them)."""
    paginator = _Counted(articles, settings.ARTICLES_PER_PAGE, count=count)
    try:
        return paginator.page(request.GET.get(NUMBER_PARAMETER) or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404(_("Deze pagina bestaat niet.")) from None


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Published articles matching ``?q=``, a page at a time (``?pagina=N``).

    Best matches first; ``?volgorde=nieuw``: newest first. Template:
    articles/search.html; context: query (normalised, "" when nothing was asked),
    page (None without a query), hits (the page's articles with highlighted
    headline, lede and passage), newest, order_urls (relevance, newest: this query
    in either order, from page one) and max_length.
    """
    results = search_articles(request.GET.get("q", ""))
    newest = request.GET.get(ORDER_PARAMETER) == NEWEST_FIRST
    articles = results.newest_first() if newest else results.articles
    page = None
    if results.query:
        page = _numbered_page(request, articles, count=results.count)
    request.shared_number = version.current().shared  # the navigation, cached
    in_order = {"relevance": {"q": results.query}}
    in_order["newest"] = {**in_order["relevance"], ORDER_PARAMETER: NEWEST_FIRST}
    response = render(
        request,
        "articles/search.html",
        {
            "query": results.query,
            "page": page,
            "hits": results.rendered(page.object_list) if page else [],
            "newest": newest,
            "capped": results.capped,
            "order_urls": {key: "?" + urlencode(q) for key, q in in_order.items()},
            "max_length": MAX_QUERY_LENGTH,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response
