"""Media on object storage: uploads, renditions, author photos and post copies land in
a real S3-compatible bucket (moto's server on loopback), and pages point at MEDIA_URL.
"""

import re
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Author, Image
from embeds.services import archive_post
from tests.helpers.s3 import post_with_photo, use_s3
from tests.helpers.samples.images import photo

pytestmark = pytest.mark.s3

YEAR = "public, max-age=31536000, immutable"


def _upload(client, **typed):
    fields = {"alt": "Wachtenden bij de poort", "caption": "Bij de Abbey Gate.",
              "credit": "ANP / Jan Jansen", "focal_x": "0.5", "focal_y": "0.5"}  # fmt: skip
    fields.update(typed)
    return client.post(
        "/admin/articles/image/add/",
        {"file": SimpleUploadedFile("poort.jpg", photo(800, 500), "image/jpeg"),
         **fields},
    )  # fmt: skip


def test_admin_upload_stores_original_and_renditions_in_the_bucket(
    editor_client, s3_store, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """The original and every rendition are objects in the bucket, cached for a
    year; nothing is written to MEDIA_ROOT. (The renditions task ran at once: the
    test settings' immediate backend; the upload's preview goes on commit.)"""
    use_s3(s3_store, settings, monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(editor_client)
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    keys = s3_store.keys()
    assert image.file.name in keys
    assert len(image.renditions) >= 10
    assert {r["name"] for r in image.renditions} <= set(keys)
    assert len(keys) == len(image.renditions) + 1
    assert s3_store.head(image.file.name)["CacheControl"] == YEAR
    assert s3_store.head(image.renditions[0]["name"])["ContentType"].startswith(
        "image/"
    )
    assert not (settings.MEDIA_ROOT).exists()


def test_page_srcset_points_at_the_bucket_and_the_urls_answer(
    editor_client, client, s3_store, settings, monkeypatch, make_article
):
    """The article's <img srcset> URLs are MEDIA_URL (the bucket's own address by
    default), unsigned, and with the documented policy anyone fetching one gets the
    stored bytes."""
    use_s3(s3_store, settings, monkeypatch)
    s3_store.make_public()
    assert f"{s3_store.endpoint}/{s3_store.bucket}/" == settings.MEDIA_URL
    _upload(editor_client)
    article = make_article(hero=Image.objects.get())
    html = client.get(article.get_absolute_url()).content.decode()
    srcset = re.search(r'<img[^>]* srcset="([^"]+)"', html).group(1)
    urls = [entry.split()[0] for entry in srcset.split(", ")]
    assert urls and all(url.startswith(settings.MEDIA_URL) for url in urls)
    assert not any("?" in url for url in urls)  # no signature: stable, cacheable
    with urllib.request.urlopen(urls[0], timeout=5) as answer:  # noqa: S310
        body = answer.read()
    key = urls[0].removeprefix(settings.MEDIA_URL)
    stored = s3_store.client.get_object(Bucket=s3_store.bucket, Key=key)["Body"].read()
    assert body == stored and body[:3] == b"\xff\xd8\xff"
    assert f'content="{settings.MEDIA_URL}' in html  # og:image, absolute as it is


def test_a_cdn_as_media_url_is_what_pages_and_the_csp_name(
    editor_client, client, s3_store, settings, monkeypatch, make_article
):
    """MEDIA_URL on a CDN: every image URL starts with it."""
    use_s3(s3_store, settings, monkeypatch, media_url="https://beeld.example.org/m/")
    _upload(editor_client)
    article = make_article(hero=Image.objects.get())
    html = client.get(article.get_absolute_url()).content.decode()
    sources = re.findall(r'srcset="([^"]+)"', html)
    assert sources and all(
        url.split()[0].startswith("https://beeld.example.org/m/images/")
        for srcset in sources
        for url in srcset.split(", ")
    )


def test_pages_render_while_the_store_is_down(
    editor_client, client, s3_store, settings, monkeypatch, make_article
):
    """URLs are computed, never fetched: with the store stopped, the article page
    and a list page still answer 200 with the image in them."""
    use_s3(s3_store, settings, monkeypatch)
    _upload(editor_client)
    article = make_article(hero=Image.objects.get())
    s3_store.stop()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert settings.MEDIA_URL + "images/" in page.content.decode()
    listing = client.get("/sectie/buitenland/")
    assert listing.status_code == 200 and "card-image" in listing.content.decode()


def test_author_photo_lands_in_the_bucket(
    chief_client, s3_store, settings, monkeypatch
):
    """An author's photo is stored in the bucket under a name of its own, and the
    author's page shows it from MEDIA_URL."""
    use_s3(s3_store, settings, monkeypatch)
    response = chief_client.post(
        "/admin/articles/author/add/",
        {"name": "Sanne de Vries", "slug": "sanne-de-vries", "bio": "",
         "photo": SimpleUploadedFile("sanne.png", photo(200, 200), "image/png")},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    author = Author.objects.get(slug="sanne-de-vries")
    assert author.photo.name.startswith("authors/")
    assert "sanne" not in author.photo.name  # the uploaded name is not kept
    assert s3_store.keys("authors/") == [author.photo.name]
    assert s3_store.head(author.photo.name)["CacheControl"] == YEAR
    assert author.photo.url == settings.MEDIA_URL + author.photo.name


def test_two_photos_with_one_name_never_share_a_url(
    chief_client, s3_store, settings, monkeypatch
):
    """Uploads never overwrite: a second photo named the same is a second object."""
    use_s3(s3_store, settings, monkeypatch)
    for slug in ("een", "twee"):
        chief_client.post(
            "/admin/articles/author/add/",
            {"name": slug, "slug": slug, "bio": "",
             "photo": SimpleUploadedFile("foto.jpg", photo(100, 100), "image/jpeg")},
        )  # fmt: skip
    names = [
        author.photo.name for author in Author.objects.filter(slug__in=["een", "twee"])
    ]
    assert len(set(names)) == 2 and sorted(names) == s3_store.keys("authors/")


def test_post_media_copies_land_in_the_bucket(
    db, httpserver, s3_store, settings, monkeypatch
):
    """Archiving a post copies its image (from a loopback server) into the bucket."""
    use_s3(s3_store, settings, monkeypatch)
    post = post_with_photo(httpserver, settings, photo(300, 200), status_id=1234)
    embed = archive_post(post, fetch=True)
    media = embed.media.get()
    assert media.image.name.startswith("embeds/")
    assert s3_store.keys("embeds/") == [media.image.name]
    assert media.image.url == settings.MEDIA_URL + media.image.name
    assert (media.width, media.height) == (200, 300)  # the sample stands upright
