"""Renditions: sizes, formats, crops around the focal point, clean-up, selection."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from articles.images import renditions as renditions_module
from articles.images import services
from articles.images.processing import ImageRefused
from articles.images.renditions import (
    CROPS,
    WIDTHS,
    best,
    crop_box,
    make_renditions,
    srcset,
)
from articles.images.services import (
    delete_image,
    delete_image_files,
    regenerate,
    set_focal_point,
    store_upload,
)
from articles.models import Image
from tests.helpers.samples.images import SRGB, encode, halves, open_bytes, scene

PILLOW_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}
NAME = re.compile(
    r"^images/(?P<folder>[\w-]{2})/[\w-]{24}-(w|16x9|4x3|1x1|og)-\d+\.(avif|webp|jpg)$"
)


def stored(picture, format="PNG", *, focal=(0.5, 0.5), **options) -> Image:
    """An unsaved Image whose original is in storage (no database needed)."""
    image = Image(alt="Test", focal_x=focal[0], focal_y=focal[1])
    content = ContentFile(encode(picture, format, **options))
    image.file.save(f"upload.{format.lower()}", content, save=False)
    return image


def files_in_media(settings) -> list[str]:
    return sorted(
        str(path.relative_to(settings.MEDIA_ROOT))
        for path in settings.MEDIA_ROOT.rglob("*")
        if path.is_file()
    )


def of(renditions, kind, format=None):
    return [
        r
        for r in renditions
        if r["kind"] == kind and (format is None or r["format"] == format)
    ]


def test_full_width_ladder_in_every_format():
    """A 2000 px photo gets every width in every format, each file what it claims."""
    image = stored(scene((2000, 1334)), "JPEG", quality=85, icc_profile=SRGB)
    made = make_renditions(image)
    folder = image.file.name.rsplit("/", 1)[0]
    for format, pillow_format in PILLOW_FORMATS.items():
        widths = of(made, "w", format)
        assert [r["width"] for r in widths] == list(WIDTHS)
        for rendition in widths:
            assert rendition["height"] == round(1334 * rendition["width"] / 2000)
            assert rendition["name"].startswith(folder + "/")
            assert NAME.match(rendition["name"])
            with default_storage.open(rendition["name"]) as file:
                picture = open_bytes(file.read())
            assert picture.format == pillow_format
            assert picture.size == (rendition["width"], rendition["height"])
            assert picture.info.get("icc_profile") == SRGB
    for kind in CROPS:
        assert {r["format"] for r in of(made, kind)} == {"webp", "jpeg"}


def test_small_images_are_never_upscaled():
    """Only widths the original has; below 320 px, the original width alone."""
    made = make_renditions(stored(scene((700, 400))))
    assert sorted({r["width"] for r in of(made, "w")}) == [320, 640]
    tiny = make_renditions(stored(scene((200, 100))))
    assert [(r["width"], r["height"]) for r in of(tiny, "w", "jpeg")] == [(200, 100)]
    assert [(r["width"], r["height"]) for r in of(tiny, "16:9", "jpeg")] == [(178, 100)]
    assert [(r["width"], r["height"]) for r in of(tiny, "1:1", "jpeg")] == [(100, 100)]


@pytest.mark.parametrize("size", [(900, 700), (500, 900), (1300, 300)])
def test_crops_have_their_ratio_within_a_pixel(size):
    """Every crop has its aspect ratio, to the pixel, whatever the source's shape."""
    made = make_renditions(stored(scene(size)))
    for kind, (ratio_w, ratio_h) in CROPS.items():
        for rendition in of(made, kind):
            expected = rendition["width"] * ratio_h / ratio_w
            assert abs(rendition["height"] - expected) <= 1
            with default_storage.open(rendition["name"]) as file:
                assert open_bytes(file.read()).size == (
                    rendition["width"],
                    rendition["height"],
                )


def test_crop_box_is_the_largest_box_around_the_focal_point():
    """Full height for a wide image, moved to the focal point, held by the edges."""
    assert crop_box(1600, 900, (1, 1), 0.5, 0.5) == (350, 0, 1250, 900)
    assert crop_box(1600, 900, (1, 1), 0, 0.5) == (0, 0, 900, 900)
    assert crop_box(1600, 900, (1, 1), 1, 0.5) == (700, 0, 1600, 900)
    assert crop_box(1600, 900, (1, 1), 0.3, 0.5) == (30, 0, 930, 900)
    assert crop_box(900, 1600, (16, 9), 0.5, 0) == (0, 0, 900, 506)
    assert crop_box(900, 1600, (16, 9), 0.5, 1) == (0, 1094, 900, 1600)
    assert crop_box(1600, 900, (16, 9), 0.1, 0.9) == (0, 0, 1600, 900)


def test_focal_point_moves_the_crop():
    """With the focal point on the left the square shows the left half, on the
    right the right half."""
    picture = halves((400, 200), left="red", right="blue")
    for focal_x, colour in ((0, (255, 0, 0)), (1, (0, 0, 255))):
        made = make_renditions(stored(picture, focal=(focal_x, 0.5)))
        (square,) = of(made, "1:1", "jpeg")
        with default_storage.open(square["name"]) as file:
            crop = open_bytes(file.read()).convert("RGB")
        assert crop.size == (200, 200)
        for point in ((2, 2), (100, 100), (197, 197)):
            pixel = crop.getpixel(point)
            assert all(abs(a - b) < 40 for a, b in zip(pixel, colour, strict=True))


def test_og_crop_is_1200_wide_for_a_big_source():
    """The Open Graph crop is 1200 px wide (1.91:1) when the original allows, also
    when a big JPEG is decoded at half scale to save time."""
    made = make_renditions(stored(halves((3840, 2400)), "JPEG"))
    assert [(r["width"], r["height"]) for r in of(made, "og", "jpeg")] == [(1200, 628)]
    assert max((r["width"], r["height"]) for r in of(made, "w")) == (1920, 1200)
    assert {(r["width"], r["height"]) for r in of(made, "1:1")} == {(1200, 1200)}


def test_previous_renditions_are_deleted_when_remade(settings):
    """Making renditions again deletes the files of the previous ones."""
    image = stored(scene((700, 400)))
    image.renditions = make_renditions(image)
    first = {r["name"] for r in image.renditions}
    assert all(default_storage.exists(name) for name in first)
    image.renditions = make_renditions(image)
    second = {r["name"] for r in image.renditions}
    assert not first & second
    assert not any(default_storage.exists(name) for name in first)
    assert files_in_media(settings) == sorted([image.file.name, *second])


def test_failed_run_leaves_its_files_behind_it_and_the_old_ones_in_place(
    monkeypatch, settings
):
    """A run that fails halfway deletes what it wrote and keeps the previous set."""
    image = stored(scene((700, 400)))
    image.renditions = make_renditions(image)
    before = files_in_media(settings)
    encode_one = renditions_module._encode
    calls = {"n": 0}

    def failing(*args):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        return encode_one(*args)

    monkeypatch.setattr(renditions_module, "_encode", failing)
    with pytest.raises(OSError):
        make_renditions(image)
    assert files_in_media(settings) == before


RENDITIONS = [
    {"kind": "w", "format": "jpeg", "width": 640, "height": 427, "name": "images/ab/t-w-640.jpg"},
    {"kind": "w", "format": "jpeg", "width": 320, "height": 213, "name": "images/ab/t-w-320.jpg"},
    {"kind": "w", "format": "webp", "width": 320, "height": 213, "name": "images/ab/t-w-320.webp"},
    {"kind": "og", "format": "jpeg", "width": 1200, "height": 628, "name": "images/ab/t-og-1200.jpg"},
]  # fmt: skip


def test_srcset_and_best_need_no_query_and_no_file(django_assert_num_queries, db):
    """Selection reads the list on the row and storage.url only: zero queries, and
    the files need not even exist."""
    pk = Image.objects.create(
        file="images/ab/t.jpg", alt="Test", width=640, height=427, renditions=RENDITIONS
    ).pk
    image = Image.objects.get(pk=pk)
    with django_assert_num_queries(0):
        assert srcset(image) == (
            "/media/images/ab/t-w-320.jpg 320w, /media/images/ab/t-w-640.jpg 640w"
        )
        assert srcset(image, format="webp") == "/media/images/ab/t-w-320.webp 320w"
        assert srcset(image, kind="1:1") == ""
        assert best(image, kind="w", min_width=375)["width"] == 640
        assert best(image, kind="w", min_width=300)["url"] == (
            "/media/images/ab/t-w-320.jpg"
        )
        assert best(image, kind="w", min_width=5000)["width"] == 640
        assert best(image, kind="og")["name"] == "images/ab/t-og-1200.jpg"
        assert best(image, kind="og", format="avif") is None


def test_store_upload_keeps_a_clean_original_and_its_renditions(
    db, settings, django_capture_on_commit_callbacks
):
    """The original gets a random name in the real format, its renditions sit
    beside it (the task ran at once: the test settings' immediate backend; the
    preview is deleted on commit), and the row records sizes."""
    data = encode(scene((700, 400)), "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        image = store_upload(data, filename="kaart.jpg", alt="  Een kaart  ")
    assert (image.width, image.height) == (700, 400)
    image.refresh_from_db()
    match = re.fullmatch(r"images/([\w-]{2})/\1[\w-]{22}\.png", image.file.name)
    assert match, image.file.name
    assert (image.width, image.height, image.original_bytes) == (700, 400, len(data))
    assert image.alt == "Een kaart"
    assert {NAME.match(r["name"])["folder"] for r in image.renditions} == {match[1]}
    assert files_in_media(settings) == sorted(
        [image.file.name, *(r["name"] for r in image.renditions)]
    )


def test_store_upload_leaves_nothing_when_the_preview_fails(db, monkeypatch, settings):
    """If making the preview fails there is no row and no file."""

    def broken(image, **options):
        raise RuntimeError("encoder crashed")

    monkeypatch.setattr(services, "make_preview", broken)
    with pytest.raises(RuntimeError):
        store_upload(encode(scene(), "PNG"), filename="foto.png", alt="Test")
    assert Image.objects.count() == 0
    assert files_in_media(settings) == []


def test_store_upload_leaves_nothing_when_the_row_cannot_be_saved(
    db, monkeypatch, settings
):
    """If saving the row fails, the original and all renditions are deleted."""

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(Image, "save", broken_save)
    with pytest.raises(RuntimeError):
        store_upload(encode(scene(), "PNG"), filename="foto.png", alt="Test")
    assert files_in_media(settings) == []


def test_store_upload_refuses_before_writing(db, settings):
    """A refused file or a missing alt text writes nothing at all."""
    with pytest.raises(ImageRefused, match="gevonden: SVG"):
        store_upload(b"<svg/>", filename="logo.jpg", alt="Logo")
    with pytest.raises(ValidationError) as invalid:
        store_upload(encode(scene(), "PNG"), filename="foto.png", alt="  ")
    assert "alt" in invalid.value.message_dict
    assert Image.objects.count() == 0
    assert files_in_media(settings) == []


def test_set_focal_point_remakes_renditions(
    db, settings, django_capture_on_commit_callbacks
):
    """A new focal point gives new crops; the old files go once it is committed."""
    with django_capture_on_commit_callbacks(execute=True):
        image = store_upload(
            encode(halves((400, 200)), "PNG"), filename="a.png", alt="A"
        )
    old = {r["name"] for r in image.renditions}
    with django_capture_on_commit_callbacks(execute=True):
        set_focal_point(image, 0, 0.5)
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0, 0.5)
    assert not old & {r["name"] for r in image.renditions}
    assert files_in_media(settings) == sorted(
        [image.file.name, *(r["name"] for r in image.renditions)]
    )
    (square,) = of(image.renditions, "1:1", "jpeg")
    with default_storage.open(square["name"]) as file:
        assert open_bytes(file.read()).convert("RGB").getpixel((5, 5))[0] > 200


@pytest.mark.parametrize("point", [(-0.1, 0.5), (0.5, 1.5), (float("nan"), 0.5)])
def test_focal_point_outside_the_image_is_refused(db, point):
    """The focal point must lie within 0..1 both ways; nothing changes otherwise."""
    image = store_upload(encode(scene(), "PNG"), filename="a.png", alt="A")
    before = list(image.renditions)
    with pytest.raises(ValidationError, match="focuspunt"):
        set_focal_point(image, *point)
    assert image.renditions == before
    assert (image.focal_x, image.focal_y) == (0.5, 0.5)


def test_regenerate_replaces_every_file(
    db, settings, django_capture_on_commit_callbacks
):
    """Regenerating leaves exactly the original and one fresh set of renditions."""
    with django_capture_on_commit_callbacks(execute=True):
        image = store_upload(
            encode(scene((700, 400)), "PNG"), filename="a.png", alt="A"
        )
    old = {r["name"] for r in image.renditions}
    with django_capture_on_commit_callbacks(execute=True):
        regenerate(image)
    new = {r["name"] for r in Image.objects.get(pk=image.pk).renditions}
    assert new and not old & new
    assert files_in_media(settings) == sorted([image.file.name, *new])


def test_delete_image_removes_the_row_then_the_files(
    db, settings, django_capture_on_commit_callbacks
):
    """Deleting an image deletes its row, and its files once that is committed."""
    with django_capture_on_commit_callbacks(execute=True):
        image = store_upload(
            encode(scene((400, 300)), "PNG"), filename="a.png", alt="A"
        )
    with django_capture_on_commit_callbacks(execute=True):
        delete_image(image)
    assert Image.objects.count() == 0
    assert files_in_media(settings) == []


def test_delete_image_files_cleans_up_after_a_rolled_back_upload(db, settings):
    """A caller whose transaction failed after store_upload can remove the files
    (the original and its preview: the renditions task rolled back with the row)."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    with pytest.raises(RuntimeError), transaction.atomic():
        image = store_upload(encode(scene(), "PNG"), filename="a.png", alt="A")
        raise RuntimeError("the article could not be saved")
    assert Image.objects.count() == 0 and files_in_media(settings)
    delete_image_files(image)
    assert files_in_media(settings) == []
