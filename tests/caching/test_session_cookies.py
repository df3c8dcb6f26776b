"""A cookie named ``sessionid`` that names no session is an anonymous reader, served
from the page cache; a real logged-in session is never served from it, and nothing
rendered for it is stored. The check costs no query for a malformed cookie and one,
once per process, for a well-formed one that names no session."""

import secrets
import string
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from django.utils.crypto import get_random_string

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True


def stored_pages() -> int:
    return sum(":page:" in key for key in cache._cache)


def session_shaped() -> str:
    """A value shaped like Django's session keys (32 of a-z, 0-9), naming none."""
    return get_random_string(32, string.ascii_lowercase + string.digits)


@pytest.fixture
def story(make_article):
    article = make_article(headline="Wat we weten", body="<p>Eerste versie.</p>")
    return article.get_absolute_url()


def with_cookie(value: str) -> Client:
    client = Client()
    client.cookies["sessionid"] = value
    return client


def test_made_up_session_cookies_are_served_from_the_cache(client, story):
    """40 fake cookies of every shape: all hits on the one entry, nothing stored."""
    first = client.get(story)
    assert first["X-Cache"] == "miss"
    for value in [secrets.token_urlsafe(8) for _ in range(20)] + [
        session_shaped() for _ in range(20)
    ]:
        response = with_cookie(value).get(story)
        assert response["X-Cache"] == "hit", value
        assert response.content == first.content
        assert "private" not in response["Cache-Control"]
    assert stored_pages() == 1


def test_a_made_up_cookie_on_an_empty_cache_stores_the_anonymous_page(client, story):
    """The first reader with a fake cookie renders the page for everyone."""
    response = with_cookie(session_shaped()).get(story)
    assert response["X-Cache"] == "miss"
    assert client.get(story)["X-Cache"] == "hit"


def test_a_hit_with_a_malformed_cookie_costs_no_query(
    client, story, django_assert_num_queries
):
    client.get(story)
    fake = with_cookie("nep-sessie")
    with django_assert_num_queries(0):
        assert fake.get(story)["X-Cache"] == "hit"


def test_a_well_formed_cookie_is_looked_up_once_per_process(
    client, story, django_assert_num_queries
):
    """One session query the first time; the process remembers it names none."""
    client.get(story)
    fake = with_cookie(session_shaped())
    with django_assert_num_queries(1):  # the session
        assert fake.get(story)["X-Cache"] == "hit"
    with django_assert_num_queries(0):
        assert fake.get(story)["X-Cache"] == "hit"


def test_a_logged_in_editor_is_never_served_from_or_stored_in_the_cache(
    client, editor_client, chief_client, story
):
    """Editors get fresh, private pages, before and after anonymous readers, and
    what is rendered for them is stored for no one."""
    for logged_in in (editor_client, chief_client):
        response = logged_in.get(story)
        assert response.status_code == 200
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]
    assert stored_pages() == 0
    assert client.get(story)["X-Cache"] == "miss"  # not the editors' page
    assert client.get(story)["X-Cache"] == "hit"
    for logged_in in (editor_client, chief_client):
        response = logged_in.get(story)
        assert "X-Cache" not in response
        assert "private" in response["Cache-Control"]
    assert stored_pages() == 1


def test_an_expired_or_ended_session_is_anonymous(client, editor, story):
    """Once a session has expired, or was deleted (logging out), its cookie is one
    more made-up cookie."""
    client.get(story)
    expired, ended = Client(), Client()
    for logged_in in (expired, ended):
        logged_in.force_login(editor)
        assert "X-Cache" not in logged_in.get(story)
    key = expired.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert expired.get(story)["X-Cache"] == "hit"
    Session.objects.filter(session_key=ended.cookies["sessionid"].value).delete()
    assert ended.get(story)["X-Cache"] == "hit"
