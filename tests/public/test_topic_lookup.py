"""One topic lookup (Topic.objects.resolve) for the topic page, its feeds and the
admin: the topic's slug answers; its name, aliases and other spellings redirect
(301) to the topic's own URL, on the page and the feeds alike; anything else 404."""

import pytest

from articles.models import Topic, TopicAlias


@pytest.fixture
def iskp(db, make_article):
    """ISKP with three aliases and a published article (so a public page), and
    Taliban."""
    topic = Topic.objects.create(
        name="ISKP", slug="iskp", description="IS in Afghanistan."
    )
    for name, slug in [
        ("ISK", "isk"),
        ("IS-K", "is-k"),
        ("Islamitische Staat Khorasan", "islamitische-staat-khorasan"),
    ]:
        TopicAlias.objects.create(topic=topic, name=name, slug=slug)
    Topic.objects.create(name="Taliban", slug="taliban")
    make_article(headline="ISKP eist aanslag op", topics=[topic])
    return topic


OTHER_NAMES = [
    "ISKP",  # the topic's name (the page answered 404 for it before)
    "Iskp",  # a case variant of its slug
    "isk",  # an alias's slug
    "IS-K",  # an alias's name
    "is-K",  # a case variant of an alias
    "Islamitische Staat Khorasan",  # an alias's name with spaces
    "islamitische staat khorasan",  # ...in another case
]


@pytest.mark.parametrize("value", ["iskp", *OTHER_NAMES])
def test_resolve_finds_the_topic_by_every_name(iskp, value):
    topic, canonical = Topic.objects.resolve(value)
    assert topic == iskp
    assert canonical is (value == "iskp")


@pytest.mark.parametrize("value", ["", "  ", "onbekend", "is", "iskp-2", "taliban-isk"])
def test_resolve_finds_nothing_for_other_values(iskp, value):
    assert Topic.objects.resolve(value) == (None, False)


@pytest.mark.parametrize("suffix", ["", "feed/", "feed/atom/"])
@pytest.mark.parametrize("value", OTHER_NAMES)
def test_page_and_feeds_redirect_every_other_name(client, iskp, value, suffix):
    """The same names redirect on the page and on both feeds, to the same place."""
    response = client.get(f"/onderwerp/{value}/{suffix}")
    assert response.status_code == 301
    assert response["Location"] == f"/onderwerp/iskp/{suffix}"


@pytest.mark.parametrize("suffix", ["", "feed/", "feed/atom/"])
def test_page_and_feeds_answer_the_slug_itself(client, iskp, suffix):
    assert client.get(f"/onderwerp/iskp/{suffix}").status_code == 200


@pytest.mark.parametrize("suffix", ["", "feed/", "feed/atom/"])
def test_page_and_feeds_answer_404_for_anything_else(client, iskp, suffix):
    assert client.get(f"/onderwerp/onbekend/{suffix}").status_code == 404


def test_english_pages_redirect_within_english(client, iskp):
    response = client.get("/en/onderwerp/IS-K/feed/")
    assert response.status_code == 301
    assert response["Location"] == "/en/onderwerp/iskp/feed/"


def test_admin_search_finds_the_topic_by_another_spelling(editor_client, iskp):
    """In the topic list, "is k" (no hyphen) finds ISKP through its alias IS-K."""
    response = editor_client.get("/admin/articles/topic/", {"q": "is k"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [iskp]


def test_topic_page_costs_one_lookup_query(client, iskp, django_assert_num_queries):
    """Resolving the canonical slug is one query (plus the aliases' prefetch)."""
    with django_assert_num_queries(2):
        Topic.objects.prefetch_related("aliases").resolve("iskp")
