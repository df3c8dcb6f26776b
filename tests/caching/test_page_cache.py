"""The page cache serves anonymous readers from memory and never a stale or hidden page.

Each change readers could see is made the way the newsroom makes it (services, the
admin's models) after the page was cached, and the next anonymous request must show
it. Conditional GET, the CDN's headers, the purge hook and fragment caching too.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.flatpages.models import FlatPage
from django.test import Client
from django.utils import timezone
from django.utils.http import http_date
from werkzeug import Response

from articles.caching import version as caching
from articles.models import Article, ArticleNote, Author, Section, Topic
from articles.services.articles import save_article
from articles.services.frontpage import get_front_page, save_front_page
from articles.services.notes import add_note
from articles.services.workflow import transition
from embeds.models import Embed
from embeds.post import Post
from embeds.services import archive_post, record_check

pytestmark = pytest.mark.django_db

POST_URL = "https://x.com/bron/status/1430000000000000001"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_PURGE = f"{__name__}.remember_purge"
    PURGED.clear()


PURGED: list[tuple[list[str], list[str]]] = []


def remember_purge(urls, keys):
    PURGED.append((urls, keys))


def cached(client, url):
    """GET ``url`` twice; the second answer must come from the cache."""
    first = client.get(url)
    assert first.status_code == 200, url
    again = client.get(url)
    assert again["X-Cache"] == "hit", url
    return again.content.decode()


def fresh(client, url, expected_status=200):
    response = client.get(url)
    assert response.status_code == expected_status, url
    assert response.get("X-Cache") != "hit", f"{url} served from the cache"
    return response.content.decode() if response.status_code == 200 else ""


@pytest.fixture
def story(make_article):
    return make_article(
        headline="Wat we weten over ISKP",
        body="<p>Eerste versie.</p>",
        topics=["ISKP"],
    )


def test_an_anonymous_reader_gets_the_second_request_from_the_cache_without_a_query(
    client, story, django_assert_num_queries
):
    url = story.get_absolute_url()
    first = client.get(url)
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):  # the process knows the content version
        again = client.get(url)
    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "ETag",
        "Content-Type",
    ):
        assert again[header] == first[header], header


def test_publishing_shows_the_article_on_cached_lists_at_once(
    client, make_article, story, editor
):
    draft = make_article(headline="Nieuw verhaal", status=Article.Status.DRAFT)
    draft.topics.add("ISKP")
    for url in ("/", "/sectie/buitenland/", "/onderwerp/iskp/", "/feed/"):
        assert "Nieuw verhaal" not in cached(client, url)
    fresh(client, draft.get_absolute_url(), 404)

    transition(draft, Article.Status.PUBLISHED, user=editor)

    for url in ("/", "/sectie/buitenland/", "/onderwerp/iskp/", "/feed/"):
        assert "Nieuw verhaal" in fresh(client, url), url
    assert "Nieuw verhaal" in fresh(client, draft.get_absolute_url())


def test_unpublishing_hides_the_article_everywhere_at_once(client, story, editor):
    url = story.get_absolute_url()
    for page in (url, "/", "/auteur/eva-mulder/", "/feed/"):
        assert "Wat we weten over ISKP" in cached(client, page)
    transition(story, Article.Status.UNPUBLISHED, user=editor, reason="Onjuist.")
    fresh(client, url, 410)
    for page in ("/", "/feed/"):
        assert "Wat we weten over ISKP" not in fresh(client, page)
    # It was its author's only published article: their page is gone with it.
    fresh(client, "/auteur/eva-mulder/", 404)


def test_an_edit_of_the_body_is_seen_at_once(client, story):
    assert "Eerste versie." in cached(client, story.get_absolute_url())
    story.body = "<p>Tweede versie, met nieuwe feiten.</p>"
    save_article(story, new_version=True)
    assert "Tweede versie" in fresh(client, story.get_absolute_url())


def test_an_update_and_a_correction_are_seen_at_once(client, story):
    url = story.get_absolute_url()
    cached(client, url)
    add_note(story, kind=ArticleNote.Kind.UPDATE, text="Nieuwe cijfers.", user=None)
    assert "Nieuwe cijfers." in fresh(client, url)
    cached(client, url)
    add_note(
        story, kind=ArticleNote.Kind.CORRECTION, text="De datum was fout.", user=None
    )
    assert "De datum was fout." in fresh(client, url)


def test_a_slug_change_serves_the_new_address_and_redirects_the_old(client, story):
    old = story.get_absolute_url()
    cached(client, old)
    story.slug = "iskp-wat-we-weten"
    save_article(story)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"].endswith("/artikel/iskp-wat-we-weten/")
    assert "Wat we weten over ISKP" in fresh(client, "/artikel/iskp-wat-we-weten/")


@pytest.mark.parametrize(
    ("model", "lookup", "new_name"),
    [
        (Section, {"slug": "buitenland"}, "Wereld"),
        (Author, {"slug": "eva-mulder"}, "Eva de Mulder-Jansen"),
        (Topic, {"slug": "iskp"}, "ISKP (IS-Khorasan)"),
    ],
)
def test_renaming_a_section_author_or_topic_is_seen_on_the_article(
    client, story, model, lookup, new_name
):
    url = story.get_absolute_url()
    assert new_name not in cached(client, url)
    thing = model.objects.get(**lookup)
    thing.name = new_name
    thing.save()
    assert new_name in fresh(client, url)


def test_an_embedded_post_deleted_at_its_platform_changes_the_card(client, story):
    embed = archive_post(
        Post(
            provider="x",
            url=POST_URL,
            post_id="1430000000000000001",
            text="De aanslag is opgeëist.",
            author_name="Bron",
        ),
        fetch=False,
    )
    story.body = f'<p>Zo meldde Bron het.</p><p><a href="{POST_URL}">{POST_URL}</a></p>'
    save_article(story)
    url = story.get_absolute_url()
    assert "inmiddels verwijderd" not in cached(client, url)
    assert record_check(Embed.objects.get(pk=embed.pk), gone=True) == "deleted"
    assert "inmiddels verwijderd" in fresh(client, url)


def test_a_check_that_changes_nothing_keeps_the_cache(client, story):
    embed = archive_post(
        Post(provider="x", url=POST_URL, post_id="1", text="Tekst."), fetch=False
    )
    cached(client, "/")
    before = caching.current().number
    assert record_check(embed, error="time-out") == "failed"
    assert caching.current().number == before
    assert client.get("/")["X-Cache"] == "hit"


def test_a_front_page_change_is_seen_at_once(client, story, make_article, editor):
    other = make_article(headline="Ander verhaal")
    assert "Breaking: aanslag bij de luchthaven" not in cached(client, "/")
    front = get_front_page()
    front.lead = other
    front.banner_text = "Breaking: aanslag bij de luchthaven"
    save_front_page(front, user=editor, slots=[story])
    assert "Breaking: aanslag bij de luchthaven" in fresh(client, "/")


def test_a_newsroom_page_edit_is_seen_at_once(client):
    page = FlatPage.objects.get(url="/colofon/")
    assert "Hoofdredacteur: Anna Smit" not in cached(client, "/colofon/")
    page.content += "<p>Hoofdredacteur: Anna Smit</p>"
    page.save()
    assert "Hoofdredacteur: Anna Smit" in fresh(client, "/colofon/")


def test_a_scheduled_article_appears_on_time_through_a_cached_home_page(
    client, make_article
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        make_article(
            headline="Ingepland verhaal",
            publish_at=start + timedelta(hours=1),
        )
        home = client.get("/")
        assert "Ingepland verhaal" not in home.content.decode()
        # A CDN keeps the page five minutes: the publication is an hour away.
        assert "s-maxage=300," in home["Cache-Control"]
        assert client.get("/")["X-Cache"] == "hit"
    with time_machine.travel(start + timedelta(minutes=59), tick=False):
        page = client.get("/")
        assert page["X-Cache"] == "hit"
        assert re.search(r"s-maxage=(59|60),", page["Cache-Control"])
    with time_machine.travel(start + timedelta(hours=1, seconds=1), tick=False):
        assert "Ingepland verhaal" in fresh(client, "/")
        assert "Ingepland verhaal" in fresh(client, "/feed/")


def test_the_banner_disappears_from_the_cached_home_page_when_it_ends(
    client, story, editor
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        front = get_front_page()
        front.banner_text = "Breaking: explosie bij de poort"
        front.banner_until = start + timedelta(minutes=30)
        save_front_page(front, user=editor)
        assert "explosie bij de poort" in cached(client, "/")
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert "explosie bij de poort" not in fresh(client, "/")


def test_conditional_get_answers_304_until_something_changes(client, story):
    url = story.get_absolute_url()
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    story.headline = "Wat we nu weten over ISKP"
    save_article(story)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Wat we nu weten" in changed.content.decode()


def test_last_modified_is_the_time_of_the_last_change(client, story):
    response = client.get("/")
    assert response["Last-Modified"] == http_date(
        caching.current().changed_at.timestamp()
    )


def test_public_pages_tell_a_cdn_how_long_and_browsers_to_revalidate(client, story):
    control = client.get(story.get_absolute_url())["Cache-Control"]
    parts = {part.strip() for part in control.split(",")}
    assert {"public", "max-age=0", "s-maxage=300", "stale-while-revalidate=60"} <= (
        parts
    )
    assert "Vary" not in client.get("/") or "Cookie" not in client.get("/")["Vary"]


def test_previews_are_never_cached(client, make_article, editor):
    from articles.services.previews import create_preview_link, preview_url

    draft = make_article(headline="Concept", status=Article.Status.DRAFT)
    url = preview_url(create_preview_link(draft, user=editor))
    first, again = client.get(url), client.get(url)
    assert first.status_code == again.status_code == 200
    assert "X-Cache" not in again
    assert "no-store" in again["Cache-Control"]


def test_the_admin_and_editors_are_never_served_from_or_stored_in_the_cache(
    editor_client, client, story
):
    editor_client.get("/admin/")
    again = editor_client.get("/admin/")
    assert "X-Cache" not in again
    assert "public" not in again.get("Cache-Control", "")
    # An editor looking at the public site gets a fresh, private page.
    cached(client, "/")
    editor_view = editor_client.get("/")
    assert "X-Cache" not in editor_view
    assert "private" in editor_view["Cache-Control"]


def test_page_cache_off_stores_nothing(client, story, settings):
    settings.PAGE_CACHE = False
    client.get("/")
    response = client.get("/")
    assert "X-Cache" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_not_found_pages_are_not_cached(client):
    client.get("/artikel/bestaat-niet/")
    assert "X-Cache" not in client.get("/artikel/bestaat-niet/")


def test_the_purge_hook_gets_the_urls_and_keys_of_a_publication(
    make_article, editor, django_capture_on_commit_callbacks
):
    draft = make_article(
        headline="Te zuiveren", status=Article.Status.DRAFT, topics=["ISKP"]
    )
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(draft, Article.Status.PUBLISHED, user=editor)
    urls = {url for call in PURGED for url in call[0]}
    keys = {key for call in PURGED for key in call[1]}
    article = Article.objects.get(pk=draft.pk)
    assert {
        article.get_absolute_url(),
        "/",
        "/feed/",
        "/sectie/buitenland/",
        "/onderwerp/iskp/",
        "/onderwerp/iskp/feed/",
        "/auteur/eva-mulder/",
        "/en/",
        "/sitemap-news.xml",
        "/sitemap-artikelen.xml",
        "/sitemap-artikelen.xml?p="
        + timezone.localtime(article.publish_at).strftime("%Y-%m"),
    } <= urls
    for url in urls:  # every purged address exists
        if "?p=" in url or url.endswith(".xml"):
            assert Client().get(url).status_code == 200, url
    assert f"article-{article.pk}" in keys


def test_saving_a_draft_leaves_the_cache_alone(client, make_article, story):
    draft = make_article(headline="Nog geheim", status=Article.Status.DRAFT)
    cached(client, "/")
    draft.body = "<p>Meer tekst.</p>"
    save_article(draft)
    assert client.get("/")["X-Cache"] == "hit"


def test_the_body_is_rendered_once_per_version(client, story, settings, monkeypatch):
    from articles.public import cards

    settings.PAGE_CACHE = False
    calls = []
    real = cards.render_body
    monkeypatch.setattr(
        cards, "render_body", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    url = story.get_absolute_url()
    for _ in range(3):
        assert "Eerste versie." in client.get(url).content.decode()
    assert len(calls) == 1
    story.body = "<p>Nieuwe versie.</p>"
    save_article(story)
    assert "Nieuwe versie." in client.get(url).content.decode()
    assert len(calls) == 2


def test_a_warm_article_page_costs_one_query_with_the_page_cache_off(
    client, story, settings, django_assert_num_queries
):
    """The article row (the content version is known to the process); the story,
    "Lees ook" and the sections come from fragments."""
    settings.PAGE_CACHE = False
    url = story.get_absolute_url()
    cold = client.get(url)
    with django_assert_num_queries(1):
        warm = client.get(url)
    assert warm.content == cold.content


def _rename_author(story):
    author = story.authors.get()
    author.name = "Eva Mulder-Jansen"
    author.save()
    return "Eva Mulder-Jansen"


def _rename_topic(story):
    topic = Topic.objects.get(slug="iskp")
    topic.name = "IS-Khorasan"
    topic.save()
    return "IS-Khorasan"


def _rename_section(story):
    section = Section.objects.get(slug="buitenland")
    section.name = "Wereldnieuws"
    section.save()
    return "Wereldnieuws"


def _add_correction(story):
    add_note(story, kind=ArticleNote.Kind.CORRECTION, text="Naam gespeld.", user=None)
    return "Naam gespeld."


def _edit_note_text(story):
    note = add_note(story, kind=ArticleNote.Kind.UPDATE, text="Eerst.", user=None)
    yield "Eerst."
    note.text = "Later verbeterd."
    note.save()
    yield "Later verbeterd."


def _retag(story):
    story.topics.add("Taliban")
    return "Taliban"


@pytest.mark.parametrize(
    "change",
    [_rename_author, _rename_topic, _rename_section, _add_correction, _retag],
)
def test_the_article_fragment_follows_what_it_shows_with_the_page_cache_off(
    client, story, settings, change
):
    settings.PAGE_CACHE = False
    url = story.get_absolute_url()
    client.get(url)
    client.get(url)
    expected = change(Article.objects.get(pk=story.pk))
    assert expected in client.get(url).content.decode()


def test_an_edited_note_is_shown_as_edited(client, story, settings):
    settings.PAGE_CACHE = False
    url = story.get_absolute_url()
    steps = _edit_note_text(Article.objects.get(pk=story.pk))
    assert next(steps) in client.get(url).content.decode()
    client.get(url)
    assert next(steps) in client.get(url).content.decode()


def test_version_numbers_jump_past_any_earlier_timeline(story):
    """After a restore from a backup the number would count again from an older
    value and meet pages cached under it since; the next change jumps to the clock."""
    from articles.models import ContentVersion

    ContentVersion.objects.filter(pk=1).update(number=5, shared_number=7)
    caching.content_changed(shared=True)
    state = caching.current()
    clock = int(timezone.now().timestamp() * 1_000_000)
    assert clock - 60_000_000 < state.number <= clock
    assert clock - 60_000_000 < state.shared <= clock
    caching.content_changed()
    assert caching.current().number > state.number


def test_generated_articles_show_on_a_cached_home_page(client, story):
    """generate_articles writes with bulk_create (no signals); its finish() moves
    the version on all the same."""
    from io import StringIO

    from django.core.management import call_command

    before = cached(client, "/")
    call_command("generate_articles", "30", verbosity=0, stdout=StringIO())
    after = fresh(client, "/")
    generated = Article.objects.published().exclude(pk=story.pk)
    assert not any(a.headline in before for a in generated)
    assert any(a.headline in after for a in generated)


def test_http_purge_sends_purge_requests_for_each_url_and_the_keys(
    httpserver, settings, make_article, editor, django_capture_on_commit_callbacks
):
    """articles.caching.purge.http_purge against a real server standing in for Varnish."""
    settings.PAGE_CACHE_PURGE = "articles.caching.purge.http_purge"
    settings.PAGE_CACHE_PURGE_URL = httpserver.url_for("/")
    settings.SITE_URL = "https://nieuws.example.org"
    seen = []

    def record(request):
        seen.append(
            (request.method, request.full_path.rstrip("?"), dict(request.headers))
        )
        return Response("purged", status=200 if len(seen) % 2 else 404)

    httpserver.expect_request(re.compile("^/.*"), method="PURGE").respond_with_handler(
        record
    )
    draft = make_article(headline="Te zuiveren", status=Article.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        transition(draft, Article.Status.PUBLISHED, user=editor)
    paths = {path for method, path, _ in seen if method == "PURGE"}
    assert {"/", "/feed/", f"/artikel/{draft.slug}/", "/sectie/buitenland/"} <= paths
    assert all(h["Host"] == "nieuws.example.org" for _, _, h in seen)
    tagged = [h for _, _, h in seen if "Surrogate-Key" in h]
    assert tagged and f"article-{draft.pk}" in tagged[0]["Surrogate-Key"].split()
    assert tagged[0]["Xkey-Purge"] == tagged[0]["Surrogate-Key"]


def test_a_purge_hook_that_fails_never_fails_the_change(
    settings, make_article, editor, django_capture_on_commit_callbacks, caplog
):
    settings.PAGE_CACHE_PURGE = "articles.caching.purge.http_purge"
    settings.PAGE_CACHE_PURGE_URL = "http://127.0.0.1:9"  # nothing listens
    draft = make_article(headline="Toch gepubliceerd", status=Article.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        transition(draft, Article.Status.PUBLISHED, user=editor)
    assert Article.objects.get(pk=draft.pk).status == Article.Status.PUBLISHED
    assert any("Purging" in r.getMessage() for r in caplog.records)


def test_a_scheduled_publication_purges_the_pages_it_appears_on(
    client,
    make_article,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    """The first request after the publication time moves the version on and hands
    the new article's pages to the purge hook, in a fixed number of queries."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(3):
            make_article(
                headline=f"Ingepland {n}",
                topics=["ISKP", f"Onderwerp {n}"],
                publish_at=start + timedelta(minutes=10),
            )
        cached(client, "/")
        PURGED.clear()
    with (
        time_machine.travel(start + timedelta(minutes=11), tick=False),
        django_capture_on_commit_callbacks(execute=True),
        django_assert_max_num_queries(8),
    ):
        caching.current()
    urls = {url for call in PURGED for url in call[0]}
    assert {
        "/onderwerp/iskp/",
        "/onderwerp/onderwerp-0/",
        "/onderwerp/onderwerp-2/",
    } <= (urls)
