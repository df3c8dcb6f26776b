"""Test images, drawn with Pillow in the test run: nothing is read from disk."""

import io
import struct
import zlib

from PIL import Image, ImageCms, ImageDraw

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def encode(image: Image.Image, format: str, **options) -> bytes:
    output = io.BytesIO()
    image.save(output, format, **options)
    return output.getvalue()


def halves(size=(60, 40), left="red", right="blue", mode="RGB") -> Image.Image:
    """An image whose left half is one colour and right half another."""
    image = Image.new(mode, size, right)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=left)
    return image


def scene(size=(64, 48)) -> Image.Image:
    """Soft blobs on a gradient: some detail for the encoders, quick to encode."""
    small = (max(1, size[0] // 8), max(1, size[1] // 8))
    noise = Image.effect_noise(small, 60).convert("RGB").resize(size, Image.BICUBIC)
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    return Image.blend(noise, gradient, 0.5)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny valid PNG whose header claims ``width`` x ``height`` (a pixel bomb)."""
    data = bytearray(encode(Image.new("L", (4, 4)), "PNG"))
    # Signature (8), then IHDR: length (4), type (4), data (13), CRC over type+data.
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def open_bytes(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def photo(width=1600, height=1000, *, gps=True) -> bytes:
    """A phone-style JPEG: rotated by EXIF and carrying GPS and camera data."""
    image = Image.new("RGB", (width, height), (180, 120, 60))
    exif = image.getexif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "TelefoonMerk"
    exif[0x0110] = "Model-X"
    if gps:
        exif[0x8825] = {1: "N", 2: (34.0, 31.0, 0.0), 3: "E", 4: (69.0, 10.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()
