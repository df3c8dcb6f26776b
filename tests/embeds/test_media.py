"""embeds.media: copies of a post's images are clean, upright, small and real images.

Every file is made here with Pillow and served by a real server on loopback.
"""

import io
import os
import struct
import zlib

import pytest
from PIL import ExifTags, Image, PngImagePlugin

from embeds.fetching import FetchBlocked, FetchTooLarge
from embeds.media import MediaRefused, copy_image


@pytest.fixture(autouse=True)
def _loopback(settings):
    settings.EMBEDS_ALLOW_LOOPBACK = True


def _encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _serve(httpserver, data, content_type="image/jpeg", path="/photo.jpg"):
    httpserver.expect_request(path).respond_with_data(data, content_type=content_type)
    return httpserver.url_for(path)


def _opened(copy):
    image = Image.open(io.BytesIO(copy.content))
    assert (image.width, image.height) == (copy.width, copy.height)
    return image


def _photo_with_location():
    """A 40x20 JPEG, red left and blue right, stored sideways (EXIF orientation 6:
    shown turned a quarter clockwise) with GPS coordinates and a camera make."""
    image = Image.new("RGB", (40, 20), (255, 0, 0))
    image.paste((0, 0, 255), (20, 0, 40, 20))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Fotocamera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 24.0)
    return _encoded(image, "JPEG", exif=exif, quality=95)


def test_copy_is_upright_and_has_no_metadata(httpserver):
    """EXIF orientation is applied, then EXIF (with the location) is dropped."""
    data = _photo_with_location()
    source = Image.open(io.BytesIO(data)).getexif()
    assert source.get_ifd(ExifTags.IFD.GPSInfo)  # the test file does carry a location
    copy = copy_image(_serve(httpserver, data))
    assert (copy.width, copy.height, copy.format_extension) == (20, 40, "webp")
    image = _opened(copy)
    assert image.format == "WEBP"
    assert not image.getexif()
    assert not {"exif", "xmp", "icc_profile"} & set(image.info)
    red, _green, blue = image.convert("RGB").getpixel((10, 5))
    assert red > 200 and blue < 60  # the left (red) half is now on top
    red, _green, blue = image.convert("RGB").getpixel((10, 35))
    assert blue > 200 and red < 60


def test_png_text_and_transparency_do_not_survive(httpserver):
    """PNG text chunks are dropped; transparent parts become white, not black."""
    image = Image.new("RGBA", (30, 30), (0, 0, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "thuisadres: Dorpsstraat 1")
    copy = copy_image(_serve(httpserver, _encoded(image, "PNG", pnginfo=info)))
    result = _opened(copy)
    assert "Comment" not in result.info
    assert min(result.convert("RGB").getpixel((15, 15))) > 240


def test_large_image_is_scaled_to_max_width(httpserver):
    """A wide photo comes back 1280 pixels wide, in proportion."""
    data = _encoded(Image.new("RGB", (3000, 1500), (20, 120, 40)), "JPEG")
    copy = copy_image(_serve(httpserver, data))
    assert (copy.width, copy.height) == (1280, 640)
    assert _opened(copy).size == (1280, 640)


def test_max_width_is_an_option(httpserver):
    """max_width chooses the largest width."""
    data = _encoded(Image.new("RGB", (400, 300), "white"), "PNG")
    copy = copy_image(_serve(httpserver, data, "image/png"), max_width=200)
    assert (copy.width, copy.height) == (200, 150)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_the_four_web_formats_are_accepted(httpserver, fmt):
    """JPEG, PNG, WebP and GIF are copied, whatever the Content-Type says."""
    data = _encoded(Image.new("RGB", (16, 8), (200, 30, 30)), fmt)
    copy = copy_image(_serve(httpserver, data, "application/octet-stream"))
    assert (copy.width, copy.height) == (16, 8)
    assert _opened(copy).format == "WEBP"


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
def test_other_image_formats_are_refused(httpserver, fmt):
    """Real images in other formats are refused: the format is read, not trusted."""
    data = _encoded(Image.new("RGB", (16, 16), "white"), fmt)
    with pytest.raises(MediaRefused, match="geen afbeelding in JPEG, PNG, WebP of GIF"):
        copy_image(_serve(httpserver, data))


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        pytest.param(b"<!doctype html><title>Niet gevonden</title>", "image/jpeg",
                     id="html-as-jpg"),
        pytest.param(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)'
                     b"</script></svg>", "image/svg+xml", id="svg"),
        pytest.param(b"", "image/png", id="empty"),
    ],
)  # fmt: skip
def test_files_that_are_not_images_are_refused(httpserver, data, content_type):
    """HTML named .jpg, SVG and an empty answer are refused."""
    with pytest.raises(MediaRefused, match="geen afbeelding"):
        copy_image(_serve(httpserver, data, content_type))


def test_truncated_jpeg_is_refused(httpserver):
    """A JPEG cut off halfway is refused, not padded with grey."""
    noise = Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3))
    data = _encoded(noise, "JPEG", quality=90)
    with pytest.raises(MediaRefused, match="beschadigd of onvolledig"):
        copy_image(_serve(httpserver, data[: len(data) // 2]))


def _png_claiming(width, height):
    """A tiny real PNG whose header claims ``width`` x ``height`` pixels."""
    data = bytearray(_encoded(Image.new("RGB", (8, 8), "white"), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


@pytest.mark.parametrize(
    "size", [(50_000, 50_000), (8000, 6000)], ids=["beyond-pillow", "beyond-ours"]
)
def test_decompression_bomb_is_refused_before_decoding(httpserver, size):
    """A header claiming more than max_pixels (40 million) is refused unread."""
    with pytest.raises(MediaRefused, match="te groot"):
        copy_image(_serve(httpserver, _png_claiming(*size), "image/png"))


def test_max_pixels_is_an_option(httpserver):
    """max_pixels lowers the limit."""
    data = _encoded(Image.new("RGB", (20, 20), "white"), "PNG")
    with pytest.raises(MediaRefused, match="te groot"):
        copy_image(_serve(httpserver, data, "image/png"), max_pixels=399)


def test_file_over_max_bytes_is_not_downloaded(httpserver):
    """A file larger than max_bytes gives FetchTooLarge."""
    data = _encoded(Image.new("RGB", (100, 100), "white"), "PNG")
    with pytest.raises(FetchTooLarge):
        copy_image(_serve(httpserver, data, "image/png"), max_bytes=len(data) - 1)


def test_copy_obeys_the_fetch_rules(httpserver, settings):
    """Images go through the safe fetcher: loopback is refused in production."""
    settings.EMBEDS_ALLOW_LOOPBACK = False
    with pytest.raises(FetchBlocked):
        copy_image(_serve(httpserver, _photo_with_location()))
    assert httpserver.log == []


def test_no_url_means_no_copy():
    """An empty URL gives None, without a request."""
    assert copy_image("") is None
