"""An article's topics are shown by name wherever they are listed, however they
were loaded: one article's (its page) or prefetched for a list (its cards). Before,
a prefetch had no order at all, so a card could list them otherwise than the page,
and otherwise from one database to the next."""

import re

import pytest

from articles.models import Topic

pytestmark = pytest.mark.django_db

# Created in this order, so neither their ids nor their tagging follow the names.
NAMES = ["Zorgkosten", "Afghanistan", "Migratie"]


def _shown(html: str) -> list[str]:
    """The names in the page's first topic list (the lead card's on home)."""
    found = re.search(r'<ul class="topics"[^>]*>(.*?)</ul>', html, re.DOTALL)
    assert found, "no topic list"
    return re.findall(r">([^<>]+)</a>", found.group(1))


def test_topics_are_listed_by_name_on_cards_and_on_the_article_page(
    client, make_article
):
    topics = [Topic.objects.create(name=name, slug=name.lower()) for name in NAMES]
    article = make_article(headline="Wat de zorg kost", topics=topics)
    for url in ("/", article.get_absolute_url()):  # the lead's card, the page
        assert _shown(client.get(url).text) == sorted(NAMES), url
    assert [topic.name for topic in article.topics.all()] == sorted(NAMES)
