"""Live entries and the caches: an entry purges the live page, its poll, its feeds
and the lists it appears on; a scheduled entry caps cache lifetimes and, when its
time comes, moves the version on and purges the live page."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.caching import version as caching
from articles.live.services import post_entry
from articles.models import Article

pytestmark = pytest.mark.django_db
PURGED: list[tuple[list[str], list[str]]] = []


def remember_purge(urls, keys):
    PURGED.append((urls, keys))


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_PURGE = f"{__name__}.remember_purge"
    PURGED.clear()


@pytest.fixture
def live(make_article):
    return make_article(headline="Kabul live", kind=Article.Kind.LIVE, topics=["ISKP"])


def _purged_urls():
    return {url for urls, _keys in PURGED for url in urls}


def test_a_posted_entry_purges_page_poll_feeds_and_lists(
    live, chief, django_capture_on_commit_callbacks
):
    """The live page, poll, RSS and Atom (in both languages), home, topic, feeds."""
    with django_capture_on_commit_callbacks(execute=True):
        post_entry(live, user=chief, body="<p>Explosie gemeld.</p>")
    urls = _purged_urls()
    slug = live.slug
    assert {
        f"/artikel/{slug}/",
        f"/artikel/{slug}/live/nieuw/",
        f"/artikel/{slug}/live/rss/",
        f"/artikel/{slug}/live/atom/",
        f"/en/artikel/{slug}/live/nieuw/",
        "/",
        "/feed/",
        "/onderwerp/iskp/",
        "/sectie/buitenland/",
    } <= urls


def test_a_scheduled_entry_caps_the_shared_lifetime(client, live, chief, settings):
    """A page cached before a scheduled entry lives no longer than until then."""
    settings.PAGE_CACHE_CDN_SECONDS = 3600
    post_entry(live, user=chief, body="<p>Eerste.</p>")
    post_entry(
        live,
        user=chief,
        body="<p>Straks.</p>",
        published_at=timezone.now() + timedelta(minutes=2),
    )
    response = client.get(live.get_absolute_url())
    lifetime = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < lifetime <= 120


def test_a_scheduled_entry_shows_and_purges_when_its_time_comes(
    client, live, chief, django_capture_on_commit_callbacks
):
    """No write is needed: the first request after its time moves the version on
    and hands the live page to the purge hook; the page then shows it."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        soon = post_entry(
            live,
            user=chief,
            body="<p>Ingepland bericht.</p>",
            published_at=start + timedelta(minutes=10),
        )
        assert (
            f"bericht-{soon.pk}"
            not in client.get(live.get_absolute_url()).content.decode()
        )
        PURGED.clear()
    with (
        time_machine.travel(start + timedelta(minutes=11), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        caching.current()
        page = client.get(live.get_absolute_url()).content.decode()
    assert f"bericht-{soon.pk}" in page
    assert f"/artikel/{live.slug}/live/nieuw/" in _purged_urls()
