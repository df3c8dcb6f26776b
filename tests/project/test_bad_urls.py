"""Bad bytes in URLs (NUL, invalid or overlong UTF-8, control characters) and very
long slugs answer 400 or 404 on every database: never the "database down" 503, never
a 500, and no database outage in the log.

Run on SQLite and again with DATABASE_URL=postgres://... (PostgreSQL refuses a NUL in
a query, which used to end in the 503).
"""

import logging
from urllib.parse import urlencode

import pytest
from django.db import DataError, connection
from django.test import Client

from articles.models import Article

BAD = {
    "nul": "%00",
    "nul-inside": "abc%00def",
    "invalid-utf8": "%ff",
    "overlong-utf8": "%c0%af",
    "control": "a%01b",
    "long": "a" * 5000,
}
# Every public pattern that takes a slug, path or value from the URL; {} is the value.
PUBLIC_PATHS = [
    "/artikel/{}/",
    "/en/artikel/{}/",
    "/sectie/{}/",
    "/sectie/{}/feed/",
    "/sectie/{}/feed/atom/",
    "/onderwerp/{}/",
    "/onderwerp/{}/feed/",
    "/onderwerp/{}/feed/atom/",
    "/auteur/{}/",
    "/auteur/{}/feed/",
    "/auteur/{}/feed/atom/",
    "/voorbeeld/{}/",
    "/sitemap-{}.xml",
    "/{}/",
    "/zoeken/?q={}",
    "/zoeken/?q=oorlog&pagina={}",
    "/?voor={}",
    "/?na={}",
    "/sectie/buitenland/?voor={}",
    "/feed/?{}=1",
]
ADMIN_PATHS = [
    "/admin/articles/article/{}/change/",
    "/admin/articles/article/{}/history/",
    "/admin/articles/article/{}/voorbeeldlink/",
    "/admin/articles/article/?q={}",
    "/admin/articles/image/{}/change/",
    "/admin/embeds/embed/{}/change/",
    "/admin/articles/section/{}/change/",
    "/admin/login/?next={}",
]
ALLOWED = {400, 404}
# Refused on sight anywhere in a path (in a query string: NUL and bad UTF-8 only).
REFUSED = {BAD["nul"], BAD["nul-inside"], BAD["invalid-utf8"], BAD["overlong-utf8"],
           BAD["control"]}  # fmt: skip


@pytest.fixture
def published(make_article):
    """Something to find, so the lists and feeds are not empty."""
    return make_article(headline="Oorlog en vrede")


def get(client: Client, path: str, caplog):
    with caplog.at_level(logging.INFO):
        response = client.get(path)
    outage = [r for r in caplog.records if "Database unavailable" in r.getMessage()]
    assert outage == [], "a bad URL was logged as a database outage"
    return response


@pytest.mark.parametrize("value", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize("pattern", PUBLIC_PATHS)
def test_public_urls_with_bad_bytes_answer_400_or_404(
    published, caplog, pattern, value
):
    """No public URL answers a bad byte or an endless slug with a 5xx."""
    client = Client(raise_request_exception=False)
    response = get(client, pattern.format(value), caplog)
    allowed = set(ALLOWED)
    if "?" in pattern and value in (BAD["control"], BAD["long"]):
        allowed.add(200)  # odd but harmless text in a value: a normal page
    if pattern.startswith("/feed/?"):  # an unused parameter: the feed itself
        allowed.add(200)
    if pattern.startswith("/voorbeeld/") and value == BAD["long"]:
        allowed.add(403)  # a well-formed but unsigned token: the preview's refusal
    assert response.status_code in allowed, response.status_code
    if value in REFUSED and not ("?" in pattern and value == BAD["control"]):
        assert response.status_code == 400


@pytest.mark.parametrize("value", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize("pattern", ADMIN_PATHS)
def test_admin_urls_with_bad_bytes_never_answer_5xx(
    chief, published, caplog, pattern, value
):
    """Object ids, searches and ``next`` in the admin: a 4xx or the admin's own
    "does not exist" redirect, never a 5xx."""
    client = Client(raise_request_exception=False)
    client.force_login(chief)
    response = get(client, pattern.format(value), caplog)
    assert response.status_code < 500, response.status_code
    if value in REFUSED and "?" not in pattern:
        assert response.status_code == 400


@pytest.mark.parametrize("value", ["%00", "%ff", "%c0%af", "%25"])
def test_the_refusal_is_a_short_dutch_page(client, value, db):
    """The 400 says in Dutch what is wrong, without touching the database."""
    response = client.get(f"/artikel/{value}/")
    assert response.status_code == 400
    assert "Dit adres klopt niet" in response.text
    assert response["Cache-Control"] == "no-store"


def test_a_nul_in_a_form_field_is_a_form_error(client, db):
    """A NUL typed into the login form is refused by the form, not by the database."""
    response = client.post(
        "/admin/login/",
        urlencode({"username": "a\x00b", "password": "x", "next": "/admin/"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Null-tekens zijn niet toegestaan" in response.text


def test_a_nul_in_a_cookie_is_ignored(client, published):
    """A session cookie with a NUL (quoted, with an octal escape) is left out."""
    client.cookies["sessionid"] = '"\\000\\000\\000\\000\\000\\000\\000\\000"'
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200


def test_good_unicode_slugs_still_work(client, make_article):
    """A slug in another script, percent-encoded as browsers send it, is found."""
    article = make_article(headline="د افغانستان خبرونه")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "د افغانستان خبرونه" in response.text


@pytest.mark.postgres
def test_postgresql_itself_refuses_a_nul(db):
    """Why the guard matters: PostgreSQL refuses a NUL in a query outright."""
    assert connection.vendor == "postgresql"
    with pytest.raises(DataError):
        Article.objects.filter(slug="\x00").exists()


def test_autosave_with_a_bad_article_id_is_404(editor_client, db):
    """The autosave's article id comes from the form: nonsense there is a 404."""
    response = editor_client.post(
        "/admin/articles/article/autosave/", {"article": "abc", "headline": "x"}
    )
    assert response.status_code == 404


def test_only_an_unreachable_database_is_an_outage(rf, caplog):
    """The 503 is for a database that is away; one that refuses a value is a 500."""
    from django.db import DataError, OperationalError

    from newsroom.errors import server_error

    for error, status in ((OperationalError("weg"), 503), (DataError("NUL"), 500)):
        try:
            raise error
        except type(error):
            with caplog.at_level(logging.ERROR, logger="newsroom.errors"):
                caplog.clear()
                response = server_error(rf.get("/"))
        assert response.status_code == status
        logged = any("Database unavailable" in r.getMessage() for r in caplog.records)
        assert logged is (status == 503)


def test_a_save_the_database_could_not_take_gives_the_text_back(rf):
    """An admin POST meeting an outage: a Dutch 503 that shows the text (escaped)
    and resends every field, the CSRF token too; a reader's POST gets the plain 503."""
    from django.db import OperationalError

    from newsroom.errors import server_error

    fields = {
        "headline": "Kop <b>vet</b>",
        "lede": "Intro.",
        "body": "<p>Tekst.</p>",
        "topics": ["1", "2"],
        "csrfmiddlewaretoken": "teken",
        "_continue": "Opslaan en opnieuw bewerken",
    }
    try:
        raise OperationalError("weg")
    except OperationalError:
        response = server_error(rf.post("/admin/articles/article/7/change/", fields))
        reader = server_error(rf.post("/zoeken/", fields))
    html = response.content.decode()
    assert response.status_code == reader.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Je tekst is niet opgeslagen" in html
    assert "Kop &lt;b&gt;vet&lt;/b&gt;</textarea>" in html
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="teken">' in html
    assert html.count('name="topics"') == 2
    assert '<button type="submit" name="_continue"' in html
    assert 'action="/admin/articles/article/7/change/"' in html
    assert "Je tekst" not in reader.content.decode()
