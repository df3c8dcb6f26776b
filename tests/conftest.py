"""Markers for the real parts some tests need, and shared fixtures.

A test marked ``postgres``, ``redis``, ``s3``, ``pg_cluster`` (a PostgreSQL cluster of
the test's own), ``browser``, ``java`` or ``lighthouse`` runs only where that part is
present. Elsewhere it is deselected with a notice saying how to get the part;
under CI=true a missing part fails the run instead (``postgres`` tests are left out of
a run on SQLite, which CI repeats on PostgreSQL).

Fixtures for every folder: people by role (``make_user``, ``reporter``, ``editor``,
``chief`` and their ``*_client``; no superuser does editorial work), ``filing``,
``make_article``, ``dns``, ``browser`` and ``s3_store`` (tests/helpers/s3.py). A folder's
own conftest.py may add fixtures only it uses; helper functions and sample data are in
tests/helpers/.
"""

import importlib.util
import os
import shutil
import socket
from collections import namedtuple

import pytest
from django.conf import settings

from tests.helpers.parts import CHROMIUM, CI, LIGHTHOUSE, REDIS_TEST_URL, VNU_JAR
from tests.helpers.pg_cluster import cluster_tools_present
from tests.helpers.s3 import s3_store  # noqa: F401 (a fixture for every folder)


def _redis_reachable() -> bool:
    from urllib.parse import urlparse

    url = urlparse(REDIS_TEST_URL)
    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def _browser_available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return CHROMIUM.exists()


PARTS = {
    "redis": (
        _redis_reachable,
        "Redis is not reachable at " + REDIS_TEST_URL + " (start redis-server).",
    ),
    "browser": (
        _browser_available,
        "Chromium is missing: apt-get install chromium (and make test installs "
        "playwright).",
    ),
    "java": (
        lambda: shutil.which("java") is not None and VNU_JAR.exists(),
        "needs java on PATH and the Nu Html Checker: make install-dev runs "
        "npm install (Node 20) to fetch it.",
    ),
    "s3": (
        lambda: importlib.util.find_spec("moto") is not None,
        "needs moto's standalone S3 server: pip install 'moto[server]' (pinned in "
        "pyproject.toml).",
    ),
    "pg_cluster": (
        cluster_tools_present,
        "needs Debian's postgresql-common (pg_createcluster, pg_ctlcluster) and "
        "PostgreSQL 15's server: apt-get install postgresql-15.",
    ),
    "lighthouse": (
        lambda: (
            shutil.which("node") is not None
            and LIGHTHOUSE.exists()
            and CHROMIUM.exists()
        ),
        "needs node, chromium and Lighthouse: make install-dev runs npm install.",
    ),
}


def pytest_collection_modifyitems(config, items):
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    deselected, kept, notices = [], [], set()
    availability = {}
    for item in items:
        reason = None
        if item.get_closest_marker("postgres") and not on_postgres:
            reason = (
                "postgres: these run with DATABASE_URL=postgres://postgres@127.0.0.1"
                ":5432/newsroom (CI runs them in its second pass)."
            )
        for marker, (check, how) in PARTS.items():
            if reason is None and item.get_closest_marker(marker):
                if marker not in availability:
                    availability[marker] = check()
                if not availability[marker]:
                    if CI:
                        raise pytest.UsageError(
                            f"CI=true and a part is missing for {item.nodeid}: {how}"
                        )
                    reason = f"{marker}: {how}"
        if reason:
            deselected.append(item)
            notices.add(reason)
        else:
            kept.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        for notice in sorted(notices):
            message = f"deselected {notice}"
            if reporter:
                reporter.write_line(message, yellow=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Dutch). A request for /en/ activates
    English for its thread and leaves it active (newsroom/middleware.py), so without
    this a test would inherit the language of the test before it, and a -k selection
    could see English where the whole suite sees Dutch."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    """Uploaded files go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: content versions and primary keys repeat
    once a test's transaction is rolled back, so cached pages and fragments must not
    outlive the test that made them."""
    from django.core.cache import caches

    from articles.caching import version
    from articles.caching.breaker import REDIS

    REDIS.reset()  # a Redis another test stopped left the breaker open
    for alias in caches:
        caches[alias].clear()
    version.forget()  # the version this process knew belongs to another test's db
    yield


# --- people: the three roles (articles/roles.py) --------------------------------------


@pytest.fixture
def make_user(db):
    """``make_user(username, role, **options)``: a staff user with one role.

    ``role``: "reporter", "editor" or "chief" (or the group's Dutch name:
    Verslaggever, Redacteur, Hoofdredactie); None for none. Options: ``password``
    (default ``tests.helpers.users.PASSWORD``; None for an unusable one),
    ``permissions`` (codenames added to the user itself, e.g. ["view_article"]) and
    any User field (``is_staff=False``, ``first_name``...). Never a superuser unless
    given ``is_superuser=True``; the groups are made again if a transactional test
    emptied them."""
    from tests.helpers.users import create_user

    return create_user


@pytest.fixture
def reporter(make_user):
    """A Verslaggever, "verslaggever": writes and submits their own articles."""
    return make_user("verslaggever", "reporter")


@pytest.fixture
def editor(make_user):
    """A Redacteur, "redacteur": edits any article, publishes, schedules,
    withdraws, adds updates and corrections, curates the front page."""
    return make_user("redacteur", "editor")


@pytest.fixture
def chief(make_user):
    """A Hoofdredactie member, "chef": everything editors do, and people,
    sections, newsroom pages, the Logboek and the security policy. Not a
    superuser."""
    return make_user("chef", "chief")


@pytest.fixture
def reporter_client(reporter):
    """A client of its own, logged in as ``reporter``."""
    from tests.helpers.users import client_for

    return client_for(reporter)


@pytest.fixture
def editor_client(editor):
    """A client of its own, logged in as ``editor`` (a Redacteur)."""
    from tests.helpers.users import client_for

    return client_for(editor)


@pytest.fixture
def chief_client(chief):
    """A client of its own, logged in as ``chief`` (Hoofdredactie)."""
    from tests.helpers.users import client_for

    return client_for(chief)


# --- articles ------------------------------------------------------------------------


Filing = namedtuple("Filing", ["section", "author"])


@pytest.fixture
def filing(db):
    """Where a new article goes: the section Buitenland, by Eva Mulder (the same
    ones ``make_article`` files under)."""
    from articles.models import Author, Section

    section, _ = Section.objects.get_or_create(
        slug="buitenland", defaults={"name": "Buitenland"}
    )
    author, _ = Author.objects.get_or_create(
        slug="eva-mulder", defaults={"name": "Eva Mulder"}
    )
    return Filing(section, author)


@pytest.fixture
def make_article(db):
    """Create an article through the service, with sensible defaults."""
    from django.utils import timezone

    from articles.models import Article, Author, Section
    from articles.services.articles import create_article

    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        fields.setdefault("headline", f"Testartikel {counter['n']}")
        fields.setdefault("lede", "Een intro.")
        fields.setdefault("body", "<p>Tekst.</p>")
        if "section" not in fields:
            fields["section"], _ = Section.objects.get_or_create(
                slug="buitenland", defaults={"name": "Buitenland"}
            )
        if "authors" not in fields:
            author, _ = Author.objects.get_or_create(
                slug="eva-mulder", defaults={"name": "Eva Mulder"}
            )
            fields["authors"] = [author]
        status = fields.setdefault("status", Article.Status.PUBLISHED)
        if status == Article.Status.PUBLISHED:
            fields.setdefault(
                "publish_at", timezone.now() - timezone.timedelta(hours=counter["n"])
            )
        return create_article(**fields)

    return make


@pytest.fixture
def dns(monkeypatch):
    """``dns(hang={"name"}, point={"name": "127.0.0.1"})``: names that never resolve
    or resolve to loopback (tests/helpers/dns.py); hanging lookups are let go when the
    test ends."""
    from tests.helpers.dns import names

    made = []

    def make(**options):
        made.append(names(monkeypatch, **options))
        return made[-1]

    yield make
    for resolver in made:
        resolver.release.set()


@pytest.fixture
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    # Playwright's sync API runs an event loop in this thread; the test's own ORM
    # calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        yield browser
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # What the pages sent last is answered before the database is emptied.
    from tests.helpers.inflight import wait_until_idle

    assert wait_until_idle(), "the live server is still answering the browser"
