"""The hero image in one step (articles/admin/editor/hero.py): the upload and focal-point
views behind the article form's hero widget, and the widget without JavaScript."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.images import processing
from articles.models import Article, Image
from tests.helpers.forms import article_form, change_form
from tests.helpers.html import first, select, text_of
from tests.helpers.s3 import use_s3
from tests.helpers.samples.images import photo

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/articles/article/hoofdafbeelding/"
IMAGE = UPLOAD + "{}/"
TYPED = {"alt": "Mensen wachten bij de poort", "caption": "Abbey Gate, 26 augustus.",
         "credit": "ANP / Jan Jansen"}  # fmt: skip


def _post(client, *, data=None, name="poort.jpg", content=None, **changes):
    fields = {
        "file": SimpleUploadedFile(name, content or photo(640, 400), "image/jpeg"),
        "focal_x": "0.3",
        "focal_y": "0.7",
        **TYPED,
        **changes,
    }
    return client.post(UPLOAD, data if data is not None else fields)


def _media_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("role", ["reporter", "editor", "chief"])
def test_every_role_uploads_a_hero_with_alt_caption_credit_and_focal_point(
    make_user, role
):
    """Each role may add images: the answer describes the stored image, whose
    renditions task ran (the crops follow the focal point)."""
    from tests.helpers.users import client_for

    user = make_user(f"iemand-{role}", role)
    response = _post(client_for(user))
    assert response.status_code == 200, response.content
    answer = response.json()
    image = Image.objects.get()
    assert answer["ok"] and answer["image"]["id"] == image.pk
    assert (image.alt, image.caption, image.credit) == tuple(TYPED.values())
    assert (image.focal_x, image.focal_y) == (0.3, 0.7)
    assert image.uploaded_by == user
    kinds = {r["kind"] for r in image.renditions}
    assert {"16:9", "4:3", "1:1"} <= kinds  # the task was enqueued (immediate here)
    assert answer["image"]["preview"].startswith("/media/images/")


def test_a_person_without_a_role_gets_a_dutch_403_and_nothing_is_stored(
    make_user, settings
):
    """Staff without a role may not add images: 403 with a Dutch reason, no row,
    no file."""
    from tests.helpers.users import client_for

    response = _post(client_for(make_user("zonder-rol", None)))
    assert response.status_code == 403
    assert (
        "Je rol staat niet toe dat je afbeeldingen uploadt"
        in response.json()["message"]
    )
    assert Image.objects.count() == 0 and _media_files(settings) == []


def test_not_logged_in_stores_nothing(client):
    """No session: the site refuses an upload from anyone not logged in (400,
    before the body is read) and the view's GET sends to the login."""
    assert _post(client).status_code == 400
    response = client.get(IMAGE.format(1))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert Image.objects.count() == 0


def test_only_post(editor_client):
    """The upload view takes POST only."""
    assert editor_client.get(UPLOAD).status_code == 405


def test_missing_alt_is_refused_in_dutch_and_nothing_is_stored(editor_client, settings):
    """No alt text: a Dutch message for that field, no row and no file."""
    response = _post(editor_client, alt="  ")
    assert response.status_code == 400
    answer = response.json()
    assert "Vul de alt-tekst in" in " ".join(answer["errors"]["alt"])
    assert answer["message"].startswith("De foto is niet bewaard")
    assert Image.objects.count() == 0 and _media_files(settings) == []


def test_missing_file_is_refused_in_dutch(editor_client):
    """Alt text without a photo: the file field says what to do."""
    response = editor_client.post(UPLOAD, {**TYPED, "focal_x": "0.5", "focal_y": "0.5"})
    assert response.status_code == 400
    assert response.json()["errors"]["file"] == ["Kies eerst een foto om te uploaden."]


def test_a_pdf_named_jpg_is_refused_with_what_it_is(editor_client, settings):
    """The bytes decide: a PDF is named, with the formats we take."""
    response = _post(editor_client, content=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert response.status_code == 400
    message = " ".join(response.json()["errors"]["file"])
    assert "geen afbeelding die we accepteren (gevonden: PDF)" in message
    assert Image.objects.count() == 0 and _media_files(settings) == []


def test_too_big_is_refused_in_dutch(editor_client, monkeypatch):
    """Over the size limit: refused before it is decoded, with what to do."""
    monkeypatch.setattr(processing, "MAX_UPLOAD_BYTES", 1000)
    response = _post(editor_client)
    assert response.status_code == 400
    assert "te groot" in " ".join(response.json()["errors"]["file"])
    assert Image.objects.count() == 0


def test_focal_point_outside_the_photo_is_refused(editor_client):
    """A focal point outside 0..1 is a field error, nothing stored."""
    response = _post(editor_client, focal_x="1.5")
    assert response.status_code == 400 and "focal_x" in response.json()["errors"]
    assert Image.objects.count() == 0


def test_a_media_store_that_cannot_be_written_is_a_dutch_message(
    editor_client, settings, tmp_path
):
    """MEDIA_ROOT cannot be made: 503 with the store's Dutch message (the same as the
    image admin's), no row."""
    blocker = tmp_path / "blokkade"
    blocker.write_text("geen map")
    settings.MEDIA_ROOT = blocker / "media"
    response = _post(editor_client)
    assert response.status_code == 503
    message = response.json()["message"]
    assert "neemt geen nieuwe bestanden aan" in message
    assert "Er is niets bewaard" in message
    assert Image.objects.count() == 0


@pytest.mark.s3
def test_an_unreachable_object_store_is_a_dutch_message(
    editor_client, s3_store, settings, monkeypatch
):
    """The object store is stopped: 503 saying it is unreachable, no row."""
    use_s3(s3_store, settings, monkeypatch)
    s3_store.stop()
    response = _post(editor_client)
    assert response.status_code == 503
    assert "niet bereikbaar" in response.json()["message"]
    assert Image.objects.count() == 0


# -- an image already chosen: what the widget shows, and its focal point -------------


def _stored(client) -> Image:
    assert _post(client).status_code == 200
    return Image.objects.get()


def test_the_widget_reads_a_chosen_image(editor_client):
    """GET: label, preview and focal point of the chosen image."""
    image = _stored(editor_client)
    answer = editor_client.get(IMAGE.format(image.pk)).json()
    assert answer["image"]["label"] == TYPED["alt"]
    assert (answer["image"]["focal_x"], answer["image"]["focal_y"]) == (0.3, 0.7)


def test_moving_the_focal_point_of_a_chosen_hero_saves_it_on_the_image(editor_client):
    """POST focal_x, focal_y: saved on the image, crops remade."""
    image = _stored(editor_client)
    before = {r["name"] for r in image.renditions if r["kind"] == "1:1"}
    response = editor_client.post(
        IMAGE.format(image.pk), {"focal_x": "0.9", "focal_y": "0.1"}
    )
    assert response.status_code == 200
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.9, 0.1)
    assert before.isdisjoint(r["name"] for r in image.renditions)


def test_a_focal_point_outside_the_photo_is_refused_on_a_chosen_image(editor_client):
    """Outside 0..1: 400 with the service's Dutch message, nothing moved."""
    image = _stored(editor_client)
    response = editor_client.post(
        IMAGE.format(image.pk), {"focal_x": "2", "focal_y": "0"}
    )
    assert response.status_code == 400
    assert "binnen de afbeelding" in response.json()["message"]
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.3, 0.7)


def test_a_reporter_may_not_move_a_colleagues_image(editor_client, reporter_client):
    """The policy decides on the object: a reporter and a colleague's image is a
    Dutch 403 naming why; nothing changes."""
    image = _stored(editor_client)
    response = reporter_client.post(
        IMAGE.format(image.pk), {"focal_x": "0.9", "focal_y": "0.1"}
    )
    assert response.status_code == 403
    assert "door een collega geüpload" in response.json()["message"]
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.3, 0.7)


def test_a_person_without_a_role_may_not_read_an_image(make_user, editor_client):
    """No view permission: a Dutch 403."""
    from tests.helpers.users import client_for

    image = _stored(editor_client)
    response = client_for(make_user("zonder-rol", None)).get(IMAGE.format(image.pk))
    assert response.status_code == 403 and "Je rol" in response.json()["message"]


# -- the widget without JavaScript ----------------------------------------------------


def test_without_javascript_the_hero_is_a_plain_choice_of_the_latest_images(
    editor_client, filing
):
    """The add form offers the latest images as options of a plain select (the
    upload panel is hidden until the script shows it); posting one sets it."""
    images = [
        Image.objects.create(
            alt=f"Foto {n}", file=f"images/aa/{n}.jpg", width=40, height=30
        )
        for n in range(3)
    ]
    page = editor_client.get("/admin/articles/article/add/").content.decode()
    choice = first(page, "select", name="hero")
    offered = {o.get("value"): text_of(o) for o in select(choice, "option")}
    assert {str(i.pk): i.alt for i in images}.items() <= offered.items()
    assert first(page, "div", class_="hero-upload").get("hidden") is not None
    assert "add_id_hero" not in page and "change_id_hero" not in page  # no popups

    response = editor_client.post(
        "/admin/articles/article/add/", article_form(filing, hero=images[1].pk)
    )
    assert response.status_code == 302, response.content[:3000]
    assert Article.objects.get().hero == images[1]


def test_the_change_form_shows_the_chosen_hero_with_its_focal_point(
    editor_client, make_article
):
    """The chosen image is selected, shown, and its focal point is on the photo."""
    image = _stored(editor_client)
    article = make_article(hero=image)
    page = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
    choice = first(page.content.decode(), "select", name="hero")
    selected = [o for o in select(choice, "option") if o.get("selected") is not None]
    assert [o.get("value") for o in selected] == [str(image.pk)]
    picture = first(page.content.decode(), "div", class_="hero-picture")
    assert (picture.get("data-focal-x"), picture.get("data-focal-y")) == (
        "0.3000",
        "0.7000",
    )
    crops = select(page.content.decode(), "figure", class_="hero-crop")
    assert [c.get("data-ratio") for c in crops] == ["16:9", "4:3", "1:1"]
    for crop in crops:
        assert first(crop, "img").get("src").startswith("/media/images/")


def test_an_unknown_image_is_refused_and_the_typing_kept(editor_client, filing):
    """A hero that does not exist (deleted meanwhile): a Dutch field error, the
    headline still there, no article."""
    response = editor_client.post(
        "/admin/articles/article/add/", article_form(filing, hero="999999")
    )
    assert response.status_code == 200
    assert "hero" in response.context["adminform"].form.errors
    assert "Wat we weten" in response.content.decode()
    assert Article.objects.count() == 0


def test_a_saved_hero_survives_the_change_form_unchanged(editor_client, make_article):
    """Saving the change form as it was keeps the hero."""
    image = _stored(editor_client)
    article = make_article(hero=image)
    response = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/", change_form(article)
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.hero == image
