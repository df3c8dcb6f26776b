"""A media store that fails is a Dutch message in the form, never a 500: what was
typed stays, no row is written and no file is left behind.

The stores: moto's S3 server on loopback, stopped (unreachable) or without the bucket
(misconfigured); a loopback server speaking S3 that refuses writes (403, a read-only
store) or is full (507, as MinIO answers); and a disk whose MEDIA_ROOT cannot be made
(a file stands where its folder should be: chmod would not stop root, this does).
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from werkzeug import Response

from articles.models import Author, Image
from embeds.services import archive_post
from tests.helpers.s3 import post_with_photo, use_s3
from tests.helpers.samples.images import photo

TYPED = {"alt": "Mensen wachten bij de poort", "caption": "Bij de Abbey Gate, 26 augustus.",
         "credit": "ANP / Jan Jansen"}  # fmt: skip
UNREACHABLE = "niet bereikbaar"
REFUSED = "neemt geen nieuwe bestanden aan"
FULL = "is vol"


def _upload(client):
    return client.post(
        "/admin/articles/image/add/",
        {"file": SimpleUploadedFile("poort.jpg", photo(640, 400), "image/jpeg"),
         "focal_x": "0.3", "focal_y": "0.6", **TYPED},
    )  # fmt: skip


def _assert_refused_in_form(response, expected):
    assert response.status_code == 200
    form = response.context["adminform"].form
    errors = " ".join(form.non_field_errors())
    assert expected in errors and "Er is niets bewaard" in errors
    html = response.content.decode()
    for value in TYPED.values():
        assert value in html
    assert 'value="0.3"' in html and 'value="0.6"' in html
    assert Image.objects.count() == 0


def _s3_imitation(httpserver, put_status, code, requests):
    """A loopback server answering S3's API as a store that refuses writes: no
    object is there (HEAD 404), every PUT answered ``put_status`` with ``code``."""
    body = (
        f"<?xml version='1.0'?><Error><Code>{code}</Code><Message>no</Message></Error>"
    )

    def answer(request):
        requests.append((request.method, request.path))
        if request.method == "HEAD":
            return Response(status=404)
        if request.method == "DELETE":
            return Response(status=204)
        return Response(body, status=put_status, content_type="application/xml")

    httpserver.expect_request(re.compile("/.*")).respond_with_handler(answer)
    return httpserver.url_for("").rstrip("/")


@pytest.mark.s3
def test_unreachable_store(editor_client, s3_store, settings, monkeypatch):
    """The store is stopped: the form comes back with the message and the typing."""
    use_s3(s3_store, settings, monkeypatch)
    s3_store.stop()
    _assert_refused_in_form(_upload(editor_client), UNREACHABLE)


@pytest.mark.s3
def test_missing_bucket(editor_client, s3_store, settings, monkeypatch):
    """A bucket that does not exist (a misconfiguration) refuses the file."""
    use_s3(s3_store, settings, monkeypatch, bucket="bestaat-niet")
    _assert_refused_in_form(_upload(editor_client), REFUSED)
    assert s3_store.keys() == []


@pytest.mark.s3
@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [(403, "AccessDenied", REFUSED), (507, "XMinioStorageFull", FULL)],
    ids=["read-only", "full"],
)
def test_store_that_refuses_writes(
    editor_client, httpserver, s3_store, settings, monkeypatch, status, code, expected
):
    """A read-only or full store: its own message, nothing kept."""
    requests = []
    s3_store.endpoint = _s3_imitation(httpserver, status, code, requests)
    use_s3(s3_store, settings, monkeypatch)
    _assert_refused_in_form(_upload(editor_client), expected)
    assert any(method == "PUT" for method, _ in requests)  # it was asked, and said no


@pytest.mark.s3
def test_store_full_after_the_original_leaves_no_original_behind(
    editor_client, httpserver, s3_store, settings, monkeypatch
):
    """The store takes the original, then fills up during the renditions: the
    original is deleted again, and no row is written."""
    requests, stored = [], {}

    def answer(request):
        requests.append((request.method, request.path))
        if request.method in ("HEAD", "GET"):
            if request.path not in stored:
                return Response(status=404)
            return Response(stored[request.path], content_type="image/jpeg")
        if request.method == "DELETE":
            stored.pop(request.path, None)
            return Response(status=204)
        if not stored:  # room for one file
            stored[request.path] = request.get_data()
            return Response(status=200, headers={"ETag": '"0"'})
        body = "<Error><Code>XMinioStorageFull</Code><Message>vol</Message></Error>"
        return Response(body, status=507, content_type="application/xml")

    httpserver.expect_request(re.compile("/.*")).respond_with_handler(answer)
    s3_store.endpoint = httpserver.url_for("").rstrip("/")
    use_s3(s3_store, settings, monkeypatch)
    _assert_refused_in_form(_upload(editor_client), FULL)
    puts = [path for method, path in requests if method == "PUT"]
    assert len(puts) >= 2  # the original, then a rendition the store had no room for
    original = puts[0]
    assert ("DELETE", original) in requests and stored == {}


@pytest.mark.django_db
def test_local_store_that_cannot_be_written(editor_client, settings, tmp_path):
    """MEDIA_ROOT cannot be made (a file stands in its way; true even for root):
    the form says so and keeps the typing."""
    blocker = tmp_path / "blokkade"
    blocker.write_text("geen map")
    settings.MEDIA_ROOT = blocker / "media"
    _assert_refused_in_form(_upload(editor_client), REFUSED)


@pytest.mark.s3
def test_author_photo_with_the_store_down(
    chief_client, s3_store, settings, monkeypatch
):
    """The author form keeps name, slug and biography, and writes no author."""
    use_s3(s3_store, settings, monkeypatch)
    s3_store.stop()
    response = chief_client.post(
        "/admin/articles/author/add/",
        {"name": "Sanne de Vries", "slug": "sanne-de-vries", "bio": "Correspondent in Kabul.",
         "photo": SimpleUploadedFile("sanne.jpg", photo(120, 120), "image/jpeg")},
    )  # fmt: skip
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert UNREACHABLE in errors
    html = response.content.decode()
    assert "Sanne de Vries" in html and "Correspondent in Kabul." in html
    assert not Author.objects.filter(slug="sanne-de-vries").exists()


@pytest.mark.s3
def test_post_image_with_the_store_down_is_a_notice(
    db, httpserver, s3_store, settings, monkeypatch
):
    """A post whose image cannot be stored is archived without it, and the post
    keeps why (the copy is made by the enrichment task: at once, in the tests)."""
    use_s3(s3_store, settings, monkeypatch)
    post = post_with_photo(httpserver, settings, photo(100, 80), status_id=99)
    s3_store.stop()
    notices = []
    embed = archive_post(post, notices=notices, fetch=True)
    media = embed.media.get()
    assert not media.image and media.source_url.endswith("/foto.jpg")
    assert "kon niet worden bewaard" in embed.check_error
