"""Local copies of a post's images, so a card never loads them from the provider.

The file is fetched once (embeds.fetching: public addresses only, a size cap and one
deadline, EMBEDS_FETCH_DEADLINE) and never stored as received: it must really be a
JPEG, PNG, WebP or GIF of sane dimensions; it is decoded, turned upright (EXIF
orientation), brought to sRGB, scaled down and encoded afresh, so no metadata
(location, camera, comments) survives.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, features

from embeds.fetching import FetchError, fetch

__all__ = ["ImageCopy", "MediaRefused", "copy_image"]

FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # recognised by content, not by name or type
ACCEPT = "image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1"
QUALITY = 80


class MediaRefused(FetchError):
    """The file was fetched but is not an image we take; ``str(error)`` says why."""


@dataclass(frozen=True)
class ImageCopy:
    content: bytes
    width: int
    height: int
    format_extension: str  # "webp", or "jpg" where Pillow lacks WebP


def copy_image(
    url: str,
    *,
    max_bytes: int = 8_000_000,
    max_pixels: int = 40_000_000,
    max_width: int = 1280,
) -> ImageCopy | None:
    """A clean copy of the image at ``url``, at most ``max_width`` pixels wide.

    None when there is no URL. Raises a FetchError when the file cannot be fetched,
    and MediaRefused (also a FetchError) when it is not an acceptable image.
    """
    if not url:
        return None
    fetched = fetch(url, max_bytes=max_bytes, accept=ACCEPT)
    return reencode(fetched.body, max_pixels=max_pixels, max_width=max_width)


def reencode(data: bytes, *, max_pixels: int, max_width: int) -> ImageCopy:
    """``data`` decoded, checked and encoded afresh; MediaRefused if it cannot be."""
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(max_pixels) from error
    except Exception as error:  # Pillow raises many kinds on hostile input
        raise MediaRefused(
            "Het bestand is geen afbeelding in JPEG, PNG, WebP of GIF."
        ) from error
    with image:
        # Only the header has been read: refuse a decompression bomb before decoding.
        width, height = image.size
        if width < 1 or height < 1 or width * height > max_pixels:
            raise _too_many_pixels(max_pixels)
        try:
            image.draft(None, (max_width, max_width))  # JPEG: decode at a smaller scale
            picture = _rgb(ImageOps.exif_transpose(image))
            if picture.width > max_width:
                size = (
                    max_width,
                    max(1, round(picture.height * max_width / picture.width)),
                )
                picture = picture.resize(size, Image.Resampling.LANCZOS)
            # A new image from the pixels alone: no EXIF, XMP, ICC or comments.
            clean = Image.frombytes("RGB", picture.size, picture.tobytes())
        except Exception as error:  # truncated or corrupt data, in many guises
            raise MediaRefused(
                "De afbeelding is beschadigd of onvolledig en kan niet worden gelezen."
            ) from error
    return _encode(clean)


def _too_many_pixels(max_pixels: int) -> MediaRefused:
    return MediaRefused(
        f"De afbeelding is te groot (meer dan {max_pixels / 1_000_000:g} miljoen "
        "pixels) of heeft onmogelijke afmetingen."
    )


def _rgb(image: Image.Image) -> Image.Image:
    """``image`` in sRGB, transparent parts on white."""
    profile = image.info.get("icc_profile")
    if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode not in {"RGB", "CMYK"}:
        image = image.convert("RGB")
    if profile:
        try:
            from PIL import ImageCms

            return ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                ImageCms.createProfile("sRGB"),
                outputMode="RGB",
            )
        except Exception:  # a broken profile: keep the colours as they are
            return image.convert("RGB")
    return image.convert("RGB")


def _encode(image: Image.Image) -> ImageCopy:
    output = io.BytesIO()
    if features.check("webp"):
        image.save(output, "WEBP", quality=QUALITY, method=4)
        extension = "webp"
    else:
        image.save(output, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        extension = "jpg"
    return ImageCopy(output.getvalue(), image.width, image.height, extension)
