"""Article.objects.published() is the only gate: drafts, scheduled, withdrawn."""

import pytest
from django.utils import timezone

from articles.models import Article, Author, Section, Topic
from tests.helpers.html import pager_links

PUBLIC_LISTS = ["/", "/sectie/buitenland/", "/onderwerp/iskp/", "/auteur/eva-mulder/"]


@pytest.fixture
def iskp(db):
    return Topic.objects.create(name="ISKP", slug="iskp")


@pytest.fixture
def stories(make_article, iskp):
    """One article in each state, all in the same section, author and topic."""
    now = timezone.now()
    made = {
        "published": make_article(headline="Zichtbaar gepubliceerd"),
        "draft": make_article(headline="Geheim concept", status=Article.Status.DRAFT),
        "review": make_article(
            headline="Ter beoordeling", status=Article.Status.REVIEW
        ),
        "scheduled": make_article(
            headline="Ingepland voor morgen",
            publish_at=now + timezone.timedelta(days=1),
        ),
        "withdrawn": make_article(headline="Teruggetrokken verhaal"),
    }
    withdrawn = made["withdrawn"]
    withdrawn.status = Article.Status.UNPUBLISHED
    withdrawn.save()
    for article in made.values():
        article.topics.add(iskp)
    return made


def test_published_queryset_is_exactly_the_visible_articles(stories):
    """published() returns the published article and nothing else."""
    assert list(Article.objects.published()) == [stories["published"]]


def test_published_at_a_given_time_includes_the_scheduled_article(stories):
    """A scheduled article is visible once its time has come, with no command."""
    later = timezone.now() + timezone.timedelta(days=2)
    assert set(Article.objects.published(at=later)) == {
        stories["published"],
        stories["scheduled"],
    }


def test_is_visible_agrees_with_the_queryset(stories):
    """The per-object check and the queryset give the same answer for every state."""
    visible = set(Article.objects.published())
    for article in stories.values():
        assert article.is_visible() == (article in visible)


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_hidden_article_page_answers_404(client, stories, state):
    """Drafts, articles in review and scheduled articles answer 404."""
    response = client.get(stories[state].get_absolute_url())
    assert response.status_code == 404
    assert stories[state].headline not in response.text
    assert "Pagina niet gevonden" in response.text


def test_withdrawn_article_answers_410_without_its_content(client, stories):
    """An unpublished article answers 410 with a short notice and none of its text."""
    response = client.get(stories["withdrawn"].get_absolute_url())
    assert response.status_code == 410
    assert "teruggetrokken" in response.text
    assert stories["withdrawn"].headline not in response.text
    assert stories["withdrawn"].lede not in response.text


def test_published_article_page_shows_it(client, stories):
    """The published article answers 200 with headline, lede and body."""
    response = client.get(stories["published"].get_absolute_url())
    assert response.status_code == 200
    assert "Zichtbaar gepubliceerd" in response.text


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_lists_show_only_published_articles(client, stories, url):
    """Home, section, topic and author pages list no hidden article."""
    response = client.get(url)
    assert response.status_code == 200
    assert "Zichtbaar gepubliceerd" in response.text
    for state in ("draft", "review", "scheduled", "withdrawn"):
        assert stories[state].headline not in response.text
        assert stories[state].get_absolute_url() not in response.text


def test_scheduled_article_appears_once_its_time_passes(client, stories, time_machine):
    """With no command run, the scheduled article shows on the site after its time."""
    scheduled = stories["scheduled"]
    assert client.get("/").text.count(scheduled.headline) == 0
    time_machine.move_to(scheduled.publish_at + timezone.timedelta(minutes=1))
    assert client.get(scheduled.get_absolute_url()).status_code == 200
    assert scheduled.headline in client.get("/").text


def test_related_block_hides_unpublished_articles(client, stories):
    """Related articles that are not published leave no trace on the page."""
    article = stories["published"]
    article.related.set(stories.values())
    response = client.get(article.get_absolute_url())
    for state in ("draft", "review", "scheduled", "withdrawn"):
        assert stories[state].headline not in response.text
        assert stories[state].get_absolute_url() not in response.text


def test_related_block_shows_published_related_article(client, make_article):
    """A published related article is linked under "Lees ook"."""
    first = make_article(headline="Eerste verhaal")
    second = make_article(headline="Tweede verhaal")
    first.related.add(second)
    response = client.get(first.get_absolute_url())
    assert "Lees ook" in response.text
    assert second.get_absolute_url() in response.text


def test_unknown_pages_answer_404_in_dutch(client, db):
    """Unknown slugs and sections get the Dutch 404 page."""
    for url in ("/artikel/bestaat-niet/", "/sectie/nergens/", "/auteur/niemand/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Pagina niet gevonden" in response.text


@pytest.mark.parametrize("page", ["voor=0", "voor=abc", "na=99", "na=-1"])
def test_pages_that_do_not_exist_answer_404(client, stories, page):
    """A cursor (?voor=, ?na=) that is not one of ours is a 404, not an error or
    page 1."""
    assert client.get(f"/?{page}").status_code == 404


def test_pagination_walks_every_published_article_once(client, make_article, settings):
    """ "Ouder" splits a list; together the pages show each article once."""
    settings.ARTICLES_PER_PAGE = 3
    made = [make_article(headline=f"Bericht nummer {n:02d}") for n in range(8)]
    seen, url, pages = [], "/sectie/buitenland/", 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        pages += 1
        seen += [a.headline for a in made if a.headline in response.text]
        older = pager_links(response.text).get("next")
        url = "/sectie/buitenland/" + older if older else None
    assert sorted(seen) == sorted(a.headline for a in made)
    assert pages == 3


def test_counts_and_lists_ignore_hidden_articles_of_an_author(client, stories):
    """An author page shows neither hidden headlines nor hidden counts."""
    author = Author.objects.get(slug="eva-mulder")
    assert author.articles.count() == 5
    response = client.get(author.get_absolute_url())
    assert response.text.count('<article class="card') == 1


def test_section_without_articles_still_answers(client, db):
    """An empty section is a valid page that says nothing is published yet."""
    Section.objects.create(name="Cultuur", slug="cultuur")
    response = client.get("/sectie/cultuur/")
    assert response.status_code == 200
    assert "nog geen artikelen" in response.text
