"""The safe-upload gate: what we refuse, and what survives of what we accept."""

import random
import struct

import pytest
from PIL import Image, ImageFile

from articles.images import processing
from articles.images.processing import CleanImage, ImageRefused, clean_upload
from tests.helpers.samples.images import (
    SRGB,
    encode,
    halves,
    open_bytes,
    png_claiming,
    scene,
)

SERIAL = "SN-4815162342"
USE = "Gebruik JPEG, PNG, WebP, GIF of AVIF."


def test_truncated_jpeg_is_refused():
    """A JPEG cut off halfway is refused, not padded with grey."""
    data = encode(scene((200, 150)), "JPEG")
    with pytest.raises(ImageRefused, match="beschadigd of onvolledig"):
        clean_upload(data[: len(data) // 2], filename="foto.jpg")


@pytest.mark.parametrize(
    "size",
    [(8000, 8000), (10000, 10000), (20000, 20000)],
    ids=["over-our-limit", "pillow-warns", "pillow-errors"],
)
def test_pixel_bomb_is_refused_before_decoding(size):
    """A small PNG claiming too many pixels is refused, also where Pillow only warns."""
    with pytest.raises(ImageRefused, match="te veel pixels.*50 miljoen"):
        clean_upload(png_claiming(*size))


def test_pixel_limit_message_names_the_size():
    """The refusal says how big the image claims to be."""
    with pytest.raises(ImageRefused, match="8000 × 8000 pixels"):
        clean_upload(png_claiming(8000, 8000))


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"<!DOCTYPE html><html><body><script>alert(1)</script>", "HTML"),
        (
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
            b'onload="alert(1)"><circle r="5"/></svg>',
            "SVG",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", "PDF"),
        (encode(Image.new("RGB", (8, 8)), "BMP"), "BMP"),
        (encode(Image.new("RGB", (8, 8)), "TIFF"), "TIFF"),
        (encode(Image.new("RGB", (16, 16)), "ICO"), "ICO"),
    ],
    ids=["html", "svg", "pdf", "bmp", "tiff", "ico"],
)
def test_other_kinds_renamed_jpg_are_refused(data, found):
    """The bytes decide, not the name: each says what was found and what to use."""
    with pytest.raises(ImageRefused) as refused:
        clean_upload(data, filename="foto.jpg")
    assert str(refused.value) == (
        f"Het bestand foto.jpg is geen afbeelding die we accepteren "
        f"(gevonden: {found}). {USE}"
    )


def test_iphone_heic_gets_advice():
    """A HEIC photo is named as such, with the iPhone setting that avoids it."""
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
    with pytest.raises(ImageRefused, match=r"gevonden: HEIC.*Meest compatibel"):
        clean_upload(data, filename="IMG_0042.HEIC")


def test_zero_bytes_is_refused():
    """An empty file is refused with a message saying it is empty."""
    with pytest.raises(ImageRefused, match=r"^Dit bestand is leeg \(0 bytes\)"):
        clean_upload(b"")


def test_oversize_file_is_refused(monkeypatch):
    """A file over the size limit is refused before Pillow sees it."""
    monkeypatch.setattr(processing, "MAX_UPLOAD_BYTES", 1000)
    data = encode(scene((200, 150)), "PNG")
    assert len(data) > 1000
    with pytest.raises(ImageRefused, match="te groot.*Verklein de afbeelding"):
        clean_upload(data)


def test_phone_photo_loses_all_metadata_and_stands_upright():
    """EXIF (GPS, camera, serial, author), XMP, IPTC and comments are gone; the
    orientation is applied to the pixels."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x010F] = "Phonemaker"  # Make
    exif[0x0110] = "Pocket 12 Pro"  # Model
    exif[0x013B] = "Jan Jansen"  # Artist
    exif.get_ifd(0x8769)[0xA431] = SERIAL  # Exif IFD: BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (52.0, 22.0, 12.5)  # latitude
    gps[3], gps[4] = "E", (4.0, 53.0, 40.0)  # longitude
    iptc = b"8BIM\x04\x04\x00\x00\x00\x00\x00\x0e\x1c\x02\x50\x00\x0aJan Jansen"
    app13 = b"Photoshop 3.0\x00" + iptc
    data = encode(
        halves((60, 40), left="red", right="blue"),
        "JPEG",
        exif=exif,
        comment=b"Sony camera, owner Jan Jansen",
        xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Jan Jansen</x:xmpmeta>',
        extra=b"\xff\xed" + struct.pack(">H", len(app13) + 2) + app13,
    )
    assert SERIAL.encode() in data and b"Jan Jansen" in data

    clean = clean_upload(data, filename="IMG_0001.JPG")

    stored = open_bytes(clean.content)
    assert stored.getexif() == {}
    assert not {"exif", "xmp", "comment", "photoshop"} & set(stored.info)
    for secret in (b"GPS", SERIAL.encode(), b"Jan Jansen", b"Phonemaker", b"Pocket"):
        assert secret not in clean.content
    # Turned upright: portrait now, and the left (red) half is now on top.
    assert (clean.width, clean.height) == (40, 60) == stored.size
    top, bottom = stored.getpixel((20, 5)), stored.getpixel((20, 55))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP", "AVIF"])
def test_icc_profile_survives(format):
    """The colour profile is the one piece of metadata we keep."""
    data = encode(scene(), format, icc_profile=SRGB)
    clean = clean_upload(data)
    assert open_bytes(clean.content).info["icc_profile"] == SRGB


def test_profile_that_does_not_fit_the_colours_is_dropped():
    """A CMYK JPEG becomes RGB; an RGB profile on it never labelled the CMYK colours
    and is not carried over."""
    data = encode(Image.new("CMYK", (30, 20), (0, 255, 255, 0)), "JPEG")
    clean = clean_upload(data)
    stored = open_bytes(clean.content)
    assert stored.mode == "RGB" and "icc_profile" not in stored.info
    red, green, blue = stored.getpixel((10, 10))
    assert red > 200 and green < 60 and blue < 60


@pytest.mark.parametrize(
    ("format", "expected", "extension"),
    [
        ("JPEG", "jpeg", "jpg"),
        ("PNG", "png", "png"),
        ("WEBP", "webp", "webp"),
        ("GIF", "gif", "gif"),
        ("AVIF", "avif", "avif"),
    ],
)
def test_accepted_formats_keep_their_real_format(format, expected, extension):
    """Each accepted format is stored as itself, whatever the file's name says."""
    clean = clean_upload(encode(scene(), format), filename="foto.bmp")
    assert isinstance(clean, CleanImage)
    assert (clean.format, clean.extension) == (expected, extension)
    assert (clean.width, clean.height) == (64, 48)
    assert open_bytes(clean.content).format == format


def test_transparency_is_kept():
    """A PNG with an alpha channel keeps it."""
    image = Image.new("RGBA", (20, 20), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 10, 20))
    stored = open_bytes(clean_upload(encode(image, "PNG")).content)
    assert stored.mode == "RGBA"
    assert stored.getpixel((15, 5))[3] == 0 and stored.getpixel((5, 5))[3] == 255


def test_animated_gif_keeps_its_first_frame_and_no_comment():
    """An animated GIF is stored as its first frame, without its comment."""
    frames = [Image.new("P", (30, 20), index) for index in range(3)]
    for frame in frames:
        frame.putpalette([255, 0, 0, 0, 255, 0, 0, 0, 255] + [0] * 759)
    data = encode(
        frames[0], "GIF", save_all=True, append_images=frames[1:], comment=b"secret"
    )
    clean = clean_upload(data)
    stored = open_bytes(clean.content)
    assert getattr(stored, "n_frames", 1) == 1
    assert stored.convert("RGB").getpixel((5, 5)) == (255, 0, 0)
    assert b"secret" not in clean.content


def test_original_size_is_the_upload_size():
    """original_bytes is the size of the file as received."""
    data = encode(scene(), "PNG")
    assert clean_upload(data).original_bytes == len(data)


def test_damaged_files_only_ever_raise_image_refused():
    """Random damage to valid files gives a clean image or ImageRefused, never
    another exception."""
    rng = random.Random(20260101)
    originals = [encode(scene(), format) for format in ("JPEG", "PNG", "GIF", "WEBP")]
    for _ in range(120):
        data = bytearray(rng.choice(originals))
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(1, len(data))]
        try:
            clean_upload(bytes(data))
        except ImageRefused as refused:
            assert USE in str(refused) or "opnieuw" in str(refused)


def test_truncated_images_are_not_loaded_leniently():
    """Nothing in the project switches on Pillow's LOAD_TRUNCATED_IMAGES."""
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
