"""Topics are taggit tags with aliases: ISKP = ISK = IS-K, everywhere."""

import json

import pytest

from articles.forms import TopicAliasForm
from articles.models import Topic, TopicAlias


@pytest.fixture
def iskp(db, make_article):
    """ISKP with two aliases, and a published article about it (a topic has a
    public page only then)."""
    topic = Topic.objects.create(
        name="ISKP", slug="iskp", description="De Afghaanse tak van IS."
    )
    for name, slug in [("ISK", "isk"), ("IS-K", "is-k")]:
        TopicAlias.objects.create(topic=topic, name=name, slug=slug)
    make_article(headline="ISKP eist aanslag op", topics=[topic])
    return topic


@pytest.mark.parametrize("name", ["ISKP", "iskp", "ISK", "is-k", "IS-K"])
def test_any_alias_finds_the_topic(iskp, name):
    """Topic.objects.matching() finds the topic by name, slug or any alias."""
    assert list(Topic.objects.matching(name)) == [iskp]


@pytest.mark.parametrize("slug", ["isk", "is-k", "IS-K", "ISKP"])
def test_alias_url_redirects_permanently_to_the_topic(client, iskp, slug):
    """/onderwerp/<alias>/ answers 301 to the canonical topic URL."""
    response = client.get(f"/onderwerp/{slug}/")
    assert response.status_code == 301
    assert response["Location"] == "/onderwerp/iskp/"


def test_topic_page_shows_description_aliases_and_articles(client, iskp, make_article):
    """The topic page names the topic, its aliases, and lists its articles."""
    article = make_article(headline="Wat we weten over de aanslagplegers")
    article.topics.add(iskp)
    response = client.get("/onderwerp/iskp/")
    assert response.status_code == 200
    text = response.text
    assert "De Afghaanse tak van IS." in text
    assert "IS-K" in text and "ISK" in text
    assert article.get_absolute_url() in text


def test_unknown_topic_answers_404(client, iskp):
    """A slug that is neither a topic nor an alias is a 404."""
    assert client.get("/onderwerp/onbekend/").status_code == 404


def test_admin_topic_autocomplete_matches_aliases(editor_client, iskp):
    """The article form's topic autocomplete finds ISKP when the editor types IS-K."""
    Topic.objects.create(name="Taliban", slug="taliban")
    response = editor_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "topics",
            "term": "IS-K",
        },
    )
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert [r["text"] for r in results] == ["ISKP"]


def test_alias_that_is_another_topics_name_is_refused(iskp):
    """An alias may not equal the name of another topic; the message says which."""
    Topic.objects.create(name="Taliban", slug="taliban")
    form = TopicAliasForm(data={"name": "Taliban"}, instance=TopicAlias(topic=iskp))
    assert not form.is_valid()
    assert "Taliban is al de naam van een ander onderwerp" in str(form.errors)


def test_duplicate_alias_is_refused_with_its_topic_named(iskp):
    """The same alias twice (in any case) is refused, naming the topic holding it."""
    other = Topic.objects.create(name="Islamitische Staat", slug="is")
    form = TopicAliasForm(data={"name": "is-k"}, instance=TopicAlias(topic=other))
    assert not form.is_valid()
    assert "ISKP" in str(form.errors)


def test_alias_slug_is_made_from_its_name(iskp):
    """Saving an alias through the form fills its slug, keeping non-Latin letters."""
    form = TopicAliasForm(
        data={"name": "  داعش   خراسان "}, instance=TopicAlias(topic=iskp)
    )
    assert form.is_valid(), form.errors
    alias = form.save()
    assert alias.name == "داعش خراسان"
    assert alias.slug == "داعش-خراسان"


def test_topic_admin_saves_aliases_inline(editor_client, db):
    """An editor creates a topic with two aliases in one admin form."""
    response = editor_client.post(
        "/admin/articles/topic/add/",
        {
            "name": "Hamas",
            "slug": "hamas",
            "description": "",
            "aliases-TOTAL_FORMS": "2",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Harakat al-Muqawama al-Islamiya",
            "aliases-1-name": "Ḥamās",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    topic = Topic.objects.get(slug="hamas")
    assert sorted(topic.aliases.values_list("slug", flat=True)) == [
        "harakat-al-muqawama-al-islamiya",
        "ḥamās",
    ]
