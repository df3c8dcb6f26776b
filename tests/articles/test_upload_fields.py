"""Every upload goes through the one safe-image pipeline (``SafeImageField``): the
admin forms of every model with a file field, and the author photo in particular."""

import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from PIL import ExifTags
from PIL import Image as PILImage

from articles.images.fields import SafeImageField
from articles.models import Author
from tests.helpers.samples.images import open_bytes, photo

pytestmark = pytest.mark.django_db

# File fields no person uploads to: written only by code that re-encodes them itself.
NOT_UPLOADED = {
    # a post's image, fetched and re-encoded by embeds/media.py (no admin form)
    ("embeds", "embedmedia", "image"),
}


def file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def admin_forms(request, model):
    """Every form class the admin builds for ``model``: its own admin's add and
    change forms and the inline forms of any admin that edits it inline."""
    for registered, model_admin in admin.site._registry.items():
        if registered is model:
            yield model_admin.get_form(request, None, change=False)
        for inline in model_admin.get_inline_instances(request):
            if inline.model is model:
                yield inline.get_formset(request).form


def test_every_admin_form_with_a_file_takes_it_through_the_safe_field(chief):
    """A file or image field on any model, in any admin form (inlines too), is a
    SafeImageField; one that no admin form offers is a known, re-encoded one."""
    request = RequestFactory().get("/admin/")
    request.user = chief
    exposed, hidden = set(), set()
    for model, field in file_fields():
        key = (model._meta.app_label, model._meta.model_name, field.name)
        forms = [f for f in admin_forms(request, model) if field.name in f.base_fields]
        for form in forms:
            assert isinstance(form.base_fields[field.name], SafeImageField), (
                f"{key}: {form.__name__} takes an upload without SafeImageField"
            )
        (exposed if forms else hidden).add(key)
    assert {("articles", "image", "file"), ("articles", "author", "photo")} <= exposed
    assert hidden <= NOT_UPLOADED, f"new file fields: {hidden - NOT_UPLOADED}"


# -- the author photo ---------------------------------------------------------------


def add_author(client, photo_file, **fields):
    data = {"name": "Eva Mulder", "slug": "eva-mulder", "bio": "Correspondent.",
            "user": "", "photo": photo_file, **fields}  # fmt: skip
    return client.post("/admin/articles/author/add/", data)


def stored_files(settings):
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]


def test_author_photo_loses_gps_and_exif(editor_client):
    """A phone photo with GPS: the stored photo has no EXIF left at all."""
    data = photo(600, 400)
    assert open_bytes(data).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # it has a location
    response = add_author(
        editor_client, SimpleUploadedFile("ik.jpg", data, "image/jpeg")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    author = Author.objects.get()
    with author.photo.open("rb") as handle:
        stored = handle.read()
    picture = open_bytes(stored)
    assert picture.format == "JPEG" and picture.size == (400, 600)  # upright
    assert not picture.getexif() and not picture.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"TelefoonMerk" not in stored and b"Model-X" not in stored


def test_author_photo_pixel_bomb_is_refused_and_nothing_stored(editor_client, settings):
    """A 144-megapixel PNG of a few dozen KB: a Dutch message, the typed name and
    biography kept, no author and no file."""
    buffer = io.BytesIO()
    PILImage.new("1", (12000, 12000), 1).save(buffer, "PNG")
    bomb = buffer.getvalue()
    assert len(bomb) < 100_000
    response = add_author(
        editor_client, SimpleUploadedFile("bom.png", bomb, "image/png"),
        name="Karel Bommel", bio="Schrijft over explosieven.",
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["photo"]
    assert "te veel pixels" in errors[0] and "50 miljoen" in errors[0]
    html = response.content.decode()
    assert "Karel Bommel" in html and "Schrijft over explosieven." in html
    assert not Author.objects.exists()
    assert stored_files(settings) == []


def test_author_photo_html_gif_polyglot_is_re_encoded(editor_client):
    """A GIF that is also an HTML page (script in its comment and after its end) is
    stored as a fresh GIF: none of the HTML survives."""
    script = b"<html><script>alert(document.cookie)</script></html>"
    buffer = io.BytesIO()
    PILImage.new("P", (40, 30), 3).save(buffer, "GIF", comment=script)
    polyglot = buffer.getvalue() + script
    assert polyglot.count(b"<script>") == 2
    response = add_author(
        editor_client, SimpleUploadedFile("ik.gif", polyglot, "image/gif")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with Author.objects.get().photo.open("rb") as handle:
        stored = handle.read()
    assert stored.startswith(b"GIF8") and b"<script" not in stored
    assert b"alert" not in stored and b"<html" not in stored
    assert open_bytes(stored).size == (40, 30)


def test_author_saved_without_a_new_photo_keeps_the_old_one(editor_client):
    """Changing only the biography leaves the stored photo as it was."""
    add_author(
        editor_client, SimpleUploadedFile("ik.jpg", photo(300, 200), "image/jpeg")
    )
    author = Author.objects.get()
    name = author.photo.name
    response = editor_client.post(
        f"/admin/articles/author/{author.pk}/change/",
        {"name": author.name, "slug": author.slug, "bio": "Nieuw.", "user": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    author.refresh_from_db()
    assert author.bio == "Nieuw." and author.photo.name == name
