"""generate_articles: realistic articles for load testing, written in whole batches."""

import re
from io import StringIO
from urllib.parse import unquote

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count
from django.utils.html import escape

from articles.models import (
    Article,
    ArticleNote,
    Author,
    Revision,
    Section,
    TaggedArticle,
    Topic,
    TopicAlias,
)
from articles.public.rendering import render_body
from articles.sanitize import sanitize_body
from demo.generating import articles as generating
from embeds.body import reference_urls
from embeds.canonical import canonicalize
from embeds.models import Embed


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    # Pages another test cached under the same content version must not answer here.
    cache.clear()


def generate(count, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("generate_articles", str(count), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def in_run_order():
    return list(Article.objects.order_by("pk"))


def test_generates_exactly_n_articles_with_bylines_and_topics(db):
    """60 articles, unique slugs, 1-3 authors and 2-5 topics each, a mix of kinds."""
    out, _ = generate(60)
    assert Article.objects.count() == 60
    assert Article.objects.values("slug").distinct().count() == 60
    authors = Article.objects.annotate(n=Count("authors", distinct=True))
    assert {a.n for a in authors} <= {1, 2, 3}
    topics = Article.objects.annotate(n=Count("topics", distinct=True))
    assert {a.n for a in topics} <= {2, 3, 4, 5}
    assert Article.objects.values("kind").distinct().count() >= 4
    assert Author.objects.count() == generating.AUTHOR_POOL
    assert 250 <= Topic.objects.count() <= 350
    assert TopicAlias.objects.count() >= 20
    assert re.fullmatch(
        r"60 artikelen gemaakt in [\d.]+ s \(\d+ per seconde\)\.\n", out
    )


def test_fields_are_what_the_services_would_set(db):
    """Version 1 with its revision; first publication is the publish time; a note
    moves updated_at to its time; drafts have no publication times."""
    generate(200)
    for article in Article.objects.prefetch_related("notes", "revisions"):
        assert article.version == 1
        assert [r.version for r in article.revisions.all()] == [1]
        assert article.publish_at is None or article.publish_at.microsecond == 0
        if article.status in {Article.Status.DRAFT, Article.Status.REVIEW}:
            assert article.publish_at is None and article.first_published_at is None
        else:
            assert article.first_published_at == article.publish_at
        notes = list(article.notes.all())
        assert article.updated_at == max((n.at for n in notes), default=None)
        assert all(article.publish_at < note.at for note in notes)
        assert article.created_at <= article.modified_at
    statuses = dict(
        Article.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )
    assert statuses[Article.Status.PUBLISHED] > 170
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(
        pk__in=Article.objects.published()
    )
    assert scheduled.exists()
    assert ArticleNote.objects.filter(kind=ArticleNote.Kind.UPDATE).exists()
    assert ArticleNote.objects.filter(kind=ArticleNote.Kind.CORRECTION).exists()


def test_revision_is_the_services_snapshot(db):
    """The stored revision equals what articles.services.revisions.snapshot() records."""
    from articles.services.revisions import snapshot

    def in_any_collation(data):
        # The database orders names by its collation; compare the sets.
        for key in ("authors", "topics", "embeds"):
            data[key] = sorted(data[key], key=str)
        return data

    generate(30)
    for article in Article.objects.filter(notes__isnull=True):
        stored = article.revisions.get().snapshot
        assert in_any_collation(stored) == in_any_collation(snapshot(article))


def test_bodies_are_what_the_sanitizer_keeps(db):
    """Stored bodies pass the sanitizer unchanged; quotes render as attributed
    figures; links to our own articles lead to published ones."""
    generate(200)
    articles = list(Article.objects.all())
    visible = set(Article.objects.published().values_list("slug", flat=True))
    for article in articles:
        assert sanitize_body(article.body) == article.body
        assert article.body.count("<h2>") >= 1
        rendered = render_body(article.body)
        assert rendered.count('<figure class="quote">') == article.body.count(
            "<blockquote>"
        )
        for slug in re.findall(r'href="/artikel/([^"/]+)/"', article.body):
            assert unquote(slug) in visible
    assert sum("<blockquote>" in a.body for a in articles) > 100
    assert sum('<a href="https://' in a.body for a in articles) > 50


def test_embedded_posts_render_as_cards(client, db):
    """About a fifth of the articles refer to archived posts by their canonical URL,
    are linked to them, and their pages show the cards."""
    generate(200)
    with_embeds = Article.objects.filter(embeds__isnull=False).distinct()
    assert 20 <= with_embeds.count() <= 70
    for article in with_embeds.prefetch_related("embeds"):
        urls = {embed.url for embed in article.embeds.all()}
        assert set(reference_urls(article.body)) == urls
    for embed in Embed.objects.all():
        assert canonicalize(embed.url) == (embed.provider, embed.url, embed.post_id)
    assert set(Embed.objects.values_list("provider", flat=True)) == {
        "x",
        "bluesky",
        "mastodon",
        "youtube",
    }
    article = with_embeds.filter(pk__in=Article.objects.published()).first()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    for embed in article.embeds.all():
        assert f'data-embed-provider="{embed.provider}"' in response.text
        assert f'class="embed-original" href="{escape(embed.url)}"' in response.text


def test_published_articles_are_on_the_site(client, db):
    """Published articles come through published(); the home page lists the newest,
    a draft answers 404, a topic alias redirects (when its topic has a page)."""
    generate(60)
    published = Article.objects.published()
    assert published.count() >= 50
    newest = published.order_by("-publish_at", "-pk")[:3]
    home = client.get("/")
    assert home.status_code == 200
    for article in newest:
        assert escape(article.headline) in home.text
    assert client.get(published.first().get_absolute_url()).status_code == 200
    hidden = Article.objects.exclude(pk__in=published).first()
    if hidden is not None:
        assert client.get(hidden.get_absolute_url()).status_code in {404, 410}
    # An alias redirects to its topic's page, when a published article uses the
    # topic; otherwise neither has a page (which topics that are depends on the draw).
    public = Topic.objects.public()
    alias = TopicAlias.objects.filter(topic__in=public).select_related("topic").first()
    assert client.get(f"/onderwerp/{alias.slug}/").url == (
        f"/onderwerp/{alias.topic.slug}/"
    )
    unused = TopicAlias.objects.exclude(topic__in=public).first()
    if unused is not None:
        assert client.get(f"/onderwerp/{unused.slug}/").status_code == 404


def test_admin_change_page_of_a_generated_article(editor_client, db):
    """Editors can open a generated article, with its cards and notes, in the admin."""
    generate(100)
    article = (
        Article.objects.filter(embeds__isnull=False, notes__isnull=False).first()
        or Article.objects.filter(embeds__isnull=False).first()
    )
    response = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    assert "embed-card" in response.text
    assert editor_client.get("/admin/articles/article/").status_code == 200


def test_rare_word_is_in_every_hundredth_article_only(db):
    """RARE_WORD is in the body of the 100th and 200th article, nowhere else."""
    generate(250)
    word = generating.RARE_WORD
    having = [n for n, a in enumerate(in_run_order(), 1) if word in a.body.lower()]
    assert having == [100, 200]
    for article in Article.objects.all():
        for name in ("headline", "lede", "kicker", "seo_title", "seo_description"):
            assert word not in getattr(article, name).lower()
    texts = [
        *ArticleNote.objects.values_list("text", flat=True),
        *Topic.objects.values_list("name", flat=True),
        *Topic.objects.values_list("description", flat=True),
        *Author.objects.values_list("bio", flat=True),
        *Embed.objects.values_list("text", flat=True),
        *Embed.objects.values_list("title", flat=True),
    ]
    assert not [text for text in texts if word in text.lower()]


def test_common_word_is_in_every_tenth_article_only(db):
    """COMMON_WORD is in the body of the 5th, 15th... article, nowhere else."""
    generate(40)
    word = generating.COMMON_WORD
    having = [n for n, a in enumerate(in_run_order(), 1) if word in a.body.lower()]
    assert having == [5, 15, 25, 35]
    for article in Article.objects.all():
        for name in ("headline", "lede", "kicker", "seo_title", "seo_description"):
            assert word not in getattr(article, name).lower()


def test_second_run_adds_more_without_collisions(db):
    """The same seed twice: twice the articles, new slugs, the same pools."""
    generate(60)
    pools = [m.objects.count() for m in (Author, Topic, TopicAlias, Embed, Section)]
    first = set(Article.objects.values_list("slug", flat=True))
    generate(60)
    assert Article.objects.count() == 120
    assert Article.objects.values("slug").distinct().count() == 120
    second = set(Article.objects.values_list("slug", flat=True)) - first
    assert any(slug.endswith("-2") for slug in second)
    assert [
        m.objects.count() for m in (Author, Topic, TopicAlias, Embed, Section)
    ] == pools


def test_same_seed_gives_the_same_articles(db):
    """On the same database state, a seed gives the same text; another seed not."""

    def texts():
        return [(a.headline, a.lede, a.body) for a in in_run_order()]

    def clear():
        for model in (Article, Embed, Author, TopicAlias, Topic, Section):
            model.objects.all().delete()

    generate(30, seed=7)
    first = texts()
    clear()
    generate(30, seed=7)
    assert texts() == first
    clear()
    generate(30, seed=8)
    assert texts() != first


@pytest.mark.parametrize(
    ("count", "options", "message"),
    [
        ("0", {}, "positief geheel getal"),
        ("-5", {}, "positief geheel getal"),
        ("abc", {}, "positief geheel getal"),
        ("1.5", {}, "positief geheel getal"),
        ("100.000", {}, "zonder punten"),
        ("10000001", {}, "hoogstens 10.000.000"),
        ("10", {"batch": "0"}, "--batch moet"),
        ("10", {"batch": "veel"}, "--batch moet"),
        ("10", {"batch": 10_001}, "--batch mag hoogstens"),
        ("10", {"seed": "x"}, "--seed moet"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(db, count, options, message):
    """A clear Dutch error, and not a single row written."""
    with pytest.raises(CommandError, match=re.escape(message)):
        generate(count, **options)
    for model in (Article, Author, Topic, Section, Embed, TaggedArticle):
        assert not model.objects.exists()


def test_a_failing_batch_leaves_the_whole_batches_before_it(db, monkeypatch):
    """Each batch is a transaction: the third fails, two remain; finish() still runs."""
    calls, finished = [], []
    write = generating.write

    def failing_write(batch, *args):
        calls.append(len(batch))
        if len(calls) == 3:
            write(batch, *args)  # written, then undone with the batch
            raise RuntimeError("schijf vol")
        write(batch, *args)

    monkeypatch.setattr(generating, "write", failing_write)
    monkeypatch.setattr(generating, "finish", lambda: finished.append(True))
    with pytest.raises(RuntimeError):
        generate(50, batch=10)
    assert Article.objects.count() == 20
    assert Revision.objects.count() == 20
    assert finished == [True]


def test_finish_runs_once_after_the_last_batch(db, monkeypatch):
    """finish() is the one place for the work after a run."""
    finished = []
    monkeypatch.setattr(generating, "finish", lambda: finished.append(True))
    generate(25, batch=10)
    assert finished == [True]


def test_progress_on_stderr_unless_quiet(db):
    """A progress line on stderr; --verbosity 0 shows none; the result on stdout."""
    out, err = generate(30, batch=10)
    assert "30/30 artikelen (100%)" in err and "/s · nog" in err
    assert out.startswith("30 artikelen gemaakt")
    out, err = generate(30, batch=10, verbosity=0)
    assert err == ""
    assert out.startswith("30 artikelen gemaakt")
