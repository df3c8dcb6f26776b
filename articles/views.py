"""The readers' site. Every list and page goes through Article.objects.published()."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from articles.frontpage import current_front_page, home_articles
from articles.models import Article, Author, Section, SlugRedirect, Topic, TopicAlias
from articles.rendering import render_body
from articles.structured_data import article_data, breadcrumbs, json_ld
from embeds.rendering import load_config, render_card

PAGE_PARAMETER = "pagina"
# What the article page reads of an article, loaded up front (public page, previews).
ARTICLE_PAGE_PREFETCH = ("authors", "topics", "embeds__media", "notes")


def _page(request, queryset):
    """The requested page of ``queryset``; 404 for a page that does not exist."""
    paginator = Paginator(queryset, settings.ARTICLES_PER_PAGE)
    try:
        return paginator.page(request.GET.get(PAGE_PARAMETER) or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404(_("Deze pagina bestaat niet.")) from None


def home(request):
    """The breaking banner, then (on page one) the lead and the editors' top
    stories, then the latest articles. Template: articles/home.html; context:
    banner, lead, top_stories, articles, page.
    """
    banner, lead, top_stories, rest = home_articles(current_front_page())
    page = _page(request, rest)
    first = page.number == 1
    return render(
        request,
        "articles/home.html",
        {
            "banner": banner,
            "lead": lead if first else None,
            "top_stories": top_stories if first else [],
            "articles": page.object_list,
            "page": page,
        },
    )


def article_detail(request, slug):
    """One article. Template: articles/article.html; 410 for withdrawn articles."""
    article = (
        Article.objects.published()
        .select_related("section", "hero")
        .prefetch_related(*ARTICLE_PAGE_PREFETCH)
        .filter(slug=slug)
        .first()
    )
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
    return render(request, "articles/article.html", article_context(article))


def article_context(article: Article) -> dict:
    """The context of articles/article.html for ``article``: article, body, related
    and embed_providers. Shared by the public page and previews; related articles
    still go through published(). Prefetch authors, topics and embeds__media first.
    """
    related = article.related.published().select_related("section")
    embeds = list(article.embeds.all())
    cards = {embed.url: render_card(embed) for embed in embeds}
    return {
        "article": article,
        "body": render_body(article.body, cards=cards),
        "related": list(related[:6]),
        "embed_providers": load_config(embed.provider for embed in embeds),
        "structured_data": json_ld(article_data(article))
        + json_ld(breadcrumbs(article)),
    }


def section_detail(request, slug):
    """A section's articles. Template: articles/section.html."""
    section = get_object_or_404(Section, slug=slug)
    page = _page(
        request, Article.objects.published().filter(section=section).for_listing()
    )
    return render(
        request,
        "articles/section.html",
        {"section": section, "page": page, "current_section": section.slug},
    )


def topic_detail(request, slug):
    """A topic's description, aliases and articles; an alias redirects here.

    Template: articles/topic.html.
    """
    topic = Topic.objects.filter(slug=slug).prefetch_related("aliases").first()
    if topic is None:
        alias = TopicAlias.objects.select_related("topic").filter(slug=slug).first()
        if alias is None:
            alias = (
                TopicAlias.objects.select_related("topic")
                .filter(slug__iexact=slug)
                .first()
            )
        if alias is None:
            topic = get_object_or_404(Topic, slug__iexact=slug)
        else:
            topic = alias.topic
        return redirect(topic, permanent=True)
    page = _page(
        request, Article.objects.published().filter(topics=topic).for_listing()
    )
    return render(request, "articles/topic.html", {"topic": topic, "page": page})


def author_detail(request, slug):
    """An author's bio and archive. Template: articles/author.html."""
    author = get_object_or_404(Author, slug=slug)
    page = _page(
        request, Article.objects.published().filter(authors=author).for_listing()
    )
    return render(request, "articles/author.html", {"author": author, "page": page})
