"""Hero images: safe uploads in the admin and import, responsive pictures on pages."""

import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage

from articles.images.services import store_upload
from articles.models import Article, Image
from articles.services.workflow import missing_for_publication
from tests.helpers.samples.images import photo


@pytest.fixture
def hero(db):
    return store_upload(photo(), filename="poort.jpg", alt="Wachtenden bij de poort",
                        caption="Bij de Abbey Gate.", credit="ANP / Jan Jansen")  # fmt: skip


def test_article_page_serves_a_responsive_hero(client, make_article, hero):
    """<picture> with AVIF and WebP, intrinsic size, eager and high priority, credit."""
    article = make_article(hero=hero)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<source type="image/avif"' in html and '<source type="image/webp"' in html
    assert f'width="{hero.width}" height="{hero.height}"' in html
    assert 'fetchpriority="high"' in html and 'alt="Wachtenden bij de poort"' in html
    assert "Bij de Abbey Gate." in html and "ANP / Jan Jansen" in html
    assert 'property="og:image"' in html and 'property="og:image:width"' in html


def test_cards_show_heroes_lazily(client, make_article, hero):
    """Article cards in lists carry the hero image, lazy-loaded."""
    make_article(headline="Eerste", hero=hero)
    make_article(headline="Tweede", hero=hero)
    html = client.get("/sectie/buitenland/").content.decode()
    assert html.count('class="card-image"') == 2
    assert 'loading="lazy"' in html


def test_stored_original_has_no_gps_and_is_upright(hero):
    """The stored file has no EXIF (no GPS, no camera) and the rotation is applied."""
    with hero.file.open("rb") as handle:
        data = handle.read()
    stored = PILImage.open(io.BytesIO(data))
    assert not stored.getexif()
    assert b"TelefoonMerk" not in data and b"Model-X" not in data
    assert (stored.width, stored.height) == (1000, 1600)
    assert hero.original_bytes > 0


@pytest.mark.parametrize("page", ["/", "/sectie/buitenland/", "/auteur/eva-mulder/"])
def test_list_query_counts_do_not_grow_with_images(
    client, make_article, page, django_assert_num_queries
):
    """Heroes on every card cost no extra query (renditions live on the image row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    articles = [make_article(headline=f"Stuk {n}") for n in range(4)]
    with CaptureQueriesContext(connection) as before:
        client.get(page)
    image = store_upload(photo(400, 300), filename="a.jpg", alt="Iets")
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(hero=image)
    with CaptureQueriesContext(connection) as after:
        html = client.get(page).content.decode()
    assert "card-image" in html
    assert len(after) == len(before)


def test_admin_upload_strips_and_refuses_with_dutch_messages(editor_client, editor):
    """An upload is stored stripped; a fake image is refused and the alt text kept."""
    response = editor_client.post(
        "/admin/articles/image/add/",
        {"file": SimpleUploadedFile("foto.jpg", photo(), "image/jpeg"),
         "alt": "Mensen bij de poort", "caption": "", "credit": "",
         "focal_x": "0.5", "focal_y": "0.5"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get()
    assert image.renditions and image.uploaded_by == editor
    with image.file.open("rb") as handle:
        assert b"TelefoonMerk" not in handle.read()
    refused = editor_client.post(
        "/admin/articles/image/add/",
        {"file": SimpleUploadedFile("echt.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
         "alt": "Mijn beschrijving", "focal_x": "0.5", "focal_y": "0.5"},
    )  # fmt: skip
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Mijn beschrijving" in text
    assert Image.objects.count() == 1
    errors = refused.context["adminform"].form.errors["file"][0]
    assert any(word in errors for word in ("afbeelding", "bestand"))


def test_import_with_hero(tmp_path, db):
    """--hero stores a stripped image as the article's hero."""
    text = tmp_path / "stuk.txt"
    text.write_text("date 2021-08-27 Kop\n\nIntro.\n", encoding="utf-8")
    picture = tmp_path / "foto.jpg"
    picture.write_bytes(photo(800, 600))
    call_command(
        "import_article", str(text), "--hero", str(picture), "--hero-alt", "Een poort",
        "--hero-credit", "Eigen foto", stdout=StringIO(),
    )  # fmt: skip
    article = Article.objects.get()
    assert article.hero.alt == "Een poort" and article.hero.credit == "Eigen foto"


@pytest.mark.parametrize(
    ("content", "alt", "message"),
    [
        (b"<html>geen beeld</html>", "Een poort", "afbeelding"),
        (b"", "Een poort", "leeg|afbeelding|bestand"),
        (None, "", "--hero-alt is verplicht"),
    ],
)
def test_import_with_a_bad_hero_writes_nothing(tmp_path, db, content, alt, message):
    """A refused hero (or a missing alt text): error, and no article, image or file."""
    text = tmp_path / "stuk.txt"
    text.write_text("date 2021-08-27 Kop\n\nIntro.\n", encoding="utf-8")
    picture = tmp_path / "foto.jpg"
    picture.write_bytes(photo(200, 200) if content is None else content)
    with pytest.raises(CommandError, match=message):
        call_command("import_article", str(text), "--hero", str(picture),
                     "--hero-alt", alt, stdout=StringIO())  # fmt: skip
    assert Article.objects.count() == 0 and Image.objects.count() == 0


def test_publishing_needs_the_heros_alt_text(make_article, hero):
    """A hero without alt text is listed as missing before publication."""
    article = make_article(hero=hero)
    Image.objects.filter(pk=hero.pk).update(alt="")
    article.refresh_from_db()
    assert "alt-tekst van de hoofdafbeelding" in missing_for_publication(article)
