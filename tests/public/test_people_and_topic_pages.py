"""A topic's or author's public page, feeds and sitemap entry exist only while at
least one published article uses them (issue #14): drafts, articles in review,
scheduled and withdrawn ones confirm no name, description or byline, not even
through an alias; publishing shows them at once, withdrawing hides them again."""

import pytest
from django.utils import timezone

from articles.models import Article, Author, Topic, TopicAlias
from articles.services.workflow import transition

S = Article.Status

TOPIC_URLS = [
    "/onderwerp/lobbyregister/",
    "/onderwerp/lobbyregister/feed/",
    "/onderwerp/lobbyregister/feed/atom/",
    "/en/onderwerp/lobbyregister/",
]
ALIAS_URLS = ["/onderwerp/transparantieregister/", "/onderwerp/LOBBYREGISTER/feed/"]
AUTHOR_URLS = [
    "/auteur/geheime-bron/",
    "/auteur/geheime-bron/feed/",
    "/auteur/geheime-bron/feed/atom/",
]
SECRETS = ("Lobbyregister", "Transparantieregister", "Geheime Bron")


@pytest.fixture
def topic(db):
    """An approved topic with an alias, and an author: no article uses them yet."""
    topic = Topic.objects.create(
        name="Lobbyregister", slug="lobbyregister", description="Wie lobbyt bij wie."
    )
    TopicAlias.objects.create(
        topic=topic, name="Transparantieregister", slug="transparantieregister"
    )
    return topic


@pytest.fixture
def source(db):
    return Author.objects.create(name="Geheime Bron", slug="geheime-bron")


def _hidden(make_article, topic, source, state):
    """An article in ``state`` that uses ``topic`` and carries ``source``."""
    if state == "scheduled":
        later = timezone.now() + timezone.timedelta(days=1)
        return make_article(publish_at=later, topics=[topic], authors=[source])
    status = {"draft": "draft", "review": "review"}.get(state, "published")
    article = make_article(status=status, topics=[topic], authors=[source])
    if state == "withdrawn":
        article.status = Article.Status.UNPUBLISHED
        article.save()
    return article


def _assert_hidden(client):
    for url in TOPIC_URLS + ALIAS_URLS + AUTHOR_URLS:
        response = client.get(url)
        assert response.status_code == 404, url
        assert not any(secret in response.text for secret in SECRETS), url
    for sitemap in ("/sitemap-onderwerpen.xml", "/sitemap-auteurs.xml", "/"):
        text = client.get(sitemap).text
        assert "lobbyregister" not in text and "geheime-bron" not in text, sitemap


@pytest.mark.parametrize("state", ["none", "draft", "review", "scheduled", "withdrawn"])
def test_without_a_published_article_pages_feeds_and_sitemaps_are_404(
    client, make_article, topic, source, state
):
    """Issue #14: "Topic and author pages (and feeds) answer 200 when only drafts
    use them". Now 404 everywhere, also through the alias, and no sitemap entry."""
    make_article(headline="Iets anders")  # the sitemaps have something to list
    if state != "none":
        _hidden(make_article, topic, source, state)
    _assert_hidden(client)


def test_published_shows_them_and_withdrawn_hides_them_again(
    client, make_article, topic, source, editor
):
    draft = _hidden(make_article, topic, source, "draft")
    _assert_hidden(client)

    transition(draft, Article.Status.PUBLISHED, user=editor)
    for url in TOPIC_URLS + AUTHOR_URLS:
        assert client.get(url).status_code == 200, url
    moved = client.get(ALIAS_URLS[0])
    assert (moved.status_code, moved["Location"]) == (301, TOPIC_URLS[0])
    assert "/onderwerp/lobbyregister/" in client.get("/sitemap-onderwerpen.xml").text
    assert "/auteur/geheime-bron/" in client.get("/sitemap-auteurs.xml").text

    transition(draft, Article.Status.UNPUBLISHED, user=editor, reason="Onjuist.")
    _assert_hidden(client)


def test_the_scheduled_article_opens_the_pages_when_its_time_comes(
    client, make_article, topic, source, time_machine
):
    scheduled = _hidden(make_article, topic, source, "scheduled")
    _assert_hidden(client)
    time_machine.move_to(scheduled.publish_at + timezone.timedelta(minutes=1))
    for url in TOPIC_URLS + AUTHOR_URLS:
        assert client.get(url).status_code == 200, url


def test_an_unapproved_alias_leads_nowhere_and_is_not_shown(
    client, make_article, topic
):
    """On a public topic, a proposed alias neither redirects nor appears."""
    make_article(topics=[topic])
    TopicAlias.objects.create(
        topic=topic, name="Lobbyisten", slug="lobbyisten", approved=False
    )
    assert client.get("/onderwerp/lobbyisten/").status_code == 404
    page = client.get("/onderwerp/lobbyregister/")
    assert "Transparantieregister" in page.text and "Lobbyisten" not in page.text
    assert Topic.objects.matching("Lobbyisten").count() == 0  # search ignores it


def test_the_topic_heading_follows_an_approved_alias_and_a_new_description(
    client, make_article, topic
):
    """The heading is cached by the shared number: an alias approved and a
    description changed show on the next visit."""
    make_article(topics=[topic])
    assert "Lobbyisten" not in client.get("/onderwerp/lobbyregister/").text
    alias = TopicAlias.objects.create(
        topic=topic, name="Lobbyisten", slug="lobbyisten", approved=False
    )
    alias.approved = True
    alias.save()
    topic.description = "Wie praat met wie in Den Haag."
    topic.save()
    page = client.get("/onderwerp/lobbyregister/").text
    assert "Lobbyisten" in page and "Wie praat met wie in Den Haag." in page
    assert client.get("/onderwerp/lobbyisten/").status_code == 301


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE = True


def test_the_cached_topic_page_follows_publishing_and_withdrawing_at_once(
    client, make_article, topic, source, editor, page_cache
):
    """With the page cache on, the first publication opens the topic and author
    pages at once, and withdrawing the last one closes them at once."""
    draft = _hidden(make_article, topic, source, "draft")
    assert client.get(TOPIC_URLS[0]).status_code == 404
    transition(draft, Article.Status.PUBLISHED, user=editor)
    for url in (TOPIC_URLS[0], AUTHOR_URLS[0]):
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Cache"] == "hit"  # cached from here on
    transition(draft, Article.Status.UNPUBLISHED, user=editor, reason="Onjuist.")
    for url in (TOPIC_URLS[0], AUTHOR_URLS[0]):
        assert client.get(url).status_code == 404, url


def test_an_article_page_links_only_to_pages_that_exist(client, make_article, topic):
    """A published article's topics and byline link to pages that answer 200."""
    article = make_article(topics=[topic])
    page = client.get(article.get_absolute_url()).text
    for url in ("/onderwerp/lobbyregister/", "/auteur/eva-mulder/"):
        assert url in page
        assert client.get(url).status_code == 200


PURGED: list[str] = []


def remember_purge(urls, keys):
    PURGED.extend(urls)


@pytest.mark.parametrize("change", ["publish", "withdraw", "take off"])
def test_a_cdn_is_told_when_a_topic_or_author_page_appears_or_goes(
    change, make_article, topic, source, editor, settings,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    """The purge hook gets the topic's and author's pages when their first article
    is published, their last one withdrawn, or they are taken off it."""
    settings.PAGE_CACHE_PURGE = f"{__name__}.remember_purge"
    status = S.DRAFT if change == "publish" else S.PUBLISHED
    article = make_article(status=status, topics=[topic], authors=[source])
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if change == "publish":
            transition(article, S.PUBLISHED, user=editor)
        elif change == "withdraw":
            transition(article, S.UNPUBLISHED, user=editor, reason="Onjuist.")
        else:
            article.topics.remove(topic)
            article.authors.set([Author.objects.create(name="Ander", slug="ander")])
    for url in ("/onderwerp/lobbyregister/", "/onderwerp/lobbyregister/feed/",
                "/en/auteur/geheime-bron/", "/auteur/geheime-bron/feed/atom/"):  # fmt: skip
        assert url in PURGED, url
