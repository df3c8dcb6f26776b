"""The safe-upload gate: uploaded bytes in, a clean original out. Pure: no I/O.

What reaches storage is never the file as received. The real format is read from
the bytes (never from the name or the content type) and must be JPEG, PNG, WebP, GIF
or AVIF; size and pixel count are checked before anything is decoded; the image is
decoded in full (a truncated file is refused, never padded with grey), turned upright
(EXIF orientation) and encoded afresh from its pixels alone. Only the ICC colour
profile travels along: no EXIF, GPS, XMP, IPTC, comments, camera serials or authors.

GIF and animated WebP or AVIF keep their first frame only: renditions are stills, so
a moving original would be served nowhere.
"""

import io
import warnings
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from articles.images.sniffing import sniff

__all__ = [
    "MAX_PIXELS",
    "MAX_UPLOAD_BYTES",
    "CleanImage",
    "ImageRefused",
    "clean_upload",
]

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 50_000_000

Format = Literal["jpeg", "png", "webp", "gif", "avif"]

# Pillow's name -> (our name, file extension, encoder options). MPO is how Pillow
# names a JPEG with extra frames (some cameras and phones); its first frame is the
# photo.
ACCEPTED = {
    "JPEG": ("jpeg", "jpg", {"quality": 92, "optimize": True, "progressive": True}),
    "MPO": ("jpeg", "jpg", {"quality": 92, "optimize": True, "progressive": True}),
    "PNG": ("png", "png", {"optimize": True}),
    "WEBP": ("webp", "webp", {"quality": 90}),
    "GIF": ("gif", "gif", {}),
    "AVIF": ("avif", "avif", {"quality": 80}),
}
# The plugins allowed to read an upload at all (MPO comes through the JPEG one).
OPENERS = ("JPEG", "PNG", "WEBP", "GIF", "AVIF")
PILLOW_NAMES = {
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
    "gif": "GIF",
    "avif": "AVIF",
}
# The modes each encoder takes as they are; others are converted by _fit_mode.
MODES = {
    "jpeg": {"L", "RGB"},
    "png": {"1", "L", "LA", "P", "RGB", "RGBA"},
    "webp": {"RGB", "RGBA"},
    "gif": {"L", "P"},
    "avif": {"RGB", "RGBA"},
}
# The colour space an ICC profile must describe to belong to an image of that mode.
COLOUR_SPACES = {
    "1": "GRAY",
    "L": "GRAY",
    "LA": "GRAY",
    "P": "RGB",
    "RGB": "RGB",
    "RGBA": "RGB",
}
ALPHA_MODES = {"LA", "La", "PA", "RGBA", "RGBa"}
USE = "Gebruik JPEG, PNG, WebP, GIF of AVIF."
# Advice for the kinds people upload most by mistake.
HINTS = {
    "HEIC": " Een iPhone bewaart foto's als JPEG met Instellingen > Camera > "
    "Formaten > Meest compatibel.",
}


class ImageRefused(ValueError):
    """The upload is not an image we store; ``str(error)`` says why, in Dutch."""


@dataclass(frozen=True)
class CleanImage:
    content: bytes  # the re-encoded original, without metadata
    format: Format
    extension: str  # "jpg", "png", "webp", "gif" or "avif"
    width: int
    height: int
    original_bytes: int  # the size of the upload as received


def clean_upload(data: bytes, *, filename: str = "") -> CleanImage:
    """``data`` checked, turned upright and re-encoded without metadata.

    Raises ImageRefused, and nothing else, for anything that is not an acceptable
    image; ``filename`` only names the file in that message.
    """
    subject = _subject(filename)
    if not data:
        raise ImageRefused(
            f"{subject} is leeg (0 bytes). Kies het bestand opnieuw; lukt dat niet, "
            "sla de afbeelding dan opnieuw op."
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRefused(
            f"{subject} is te groot ({len(data) / 1024 / 1024:.1f} MB; maximaal "
            f"{MAX_UPLOAD_BYTES / 1024 / 1024:g} MB). Verklein de afbeelding of sla "
            "haar op als JPEG."
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns between 89 and 179 million pixels; we refuse. (Our
            # own MAX_PIXELS check is stricter still; this holds if either changes.
            # The filter is process-wide for a moment: at worst another thread's
            # Pillow call is as strict as ours.)
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _clean(data, subject)
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except UnidentifiedImageError as error:
        found = sniff(data)
        if found in {"JPEG", "PNG", "GIF", "WebP", "AVIF"}:
            raise _damaged(subject) from error
        named = f" (gevonden: {found})" if found else ""
        raise ImageRefused(
            f"{subject} is geen afbeelding die we accepteren{named}. {USE}"
            + HINTS.get(found, "")
        ) from error
    except Exception as error:  # Pillow raises many kinds on hostile input
        raise _damaged(subject) from error


def _clean(data: bytes, subject: str) -> CleanImage:
    with Image.open(io.BytesIO(data), formats=OPENERS) as source:
        # Only the header has been read: refuse a decompression bomb before decoding.
        width, height = source.size
        if width < 1 or height < 1:
            raise _damaged(subject)
        if width * height > MAX_PIXELS:
            raise _too_many_pixels(width, height)
        format_, extension, options = ACCEPTED[source.format]
        source.load()  # the whole file: a truncated one raises here
        icc = source.info.get("icc_profile") or None
        try:
            picture = ImageOps.exif_transpose(source)
        except Exception:  # unreadable EXIF: keep the pixels as they were stored
            picture = source.copy()
    picture, icc = _fit_mode(picture, format_, icc)
    clean = _pixels_only(picture)
    output = io.BytesIO()
    if icc:
        options = {**options, "icc_profile": icc}
    clean.save(output, PILLOW_NAMES[format_], **options)
    return CleanImage(
        content=output.getvalue(),
        format=format_,
        extension=extension,
        width=clean.width,
        height=clean.height,
        original_bytes=len(data),
    )


def _fit_mode(picture: Image.Image, format_: str, icc: bytes | None):
    """``picture`` in a mode the encoder takes, with an ICC profile that fits it."""
    if picture.mode == "CMYK":
        # The web is RGB: convert through the file's own CMYK profile where it has
        # one (and label the result sRGB), else naively (and label it nothing).
        picture, icc = _cmyk_to_rgb(picture, icc)
    if picture.mode.startswith("I"):
        # 16-bit greyscale (PNG): scaled to 8 bits, which is all a page shows.
        picture = picture.convert("F").point(lambda v: v / 257).convert("L")
    if picture.mode not in MODES[format_]:
        alpha = picture.mode in ALPHA_MODES or "transparency" in picture.info
        if format_ == "jpeg":
            picture = _on_white(picture) if alpha else picture.convert("RGB")
        elif format_ == "gif":
            picture = picture.convert("P")
        else:
            picture = picture.convert("RGBA" if alpha else "RGB")
    if icc and colour_space(icc) != COLOUR_SPACES.get(picture.mode):
        icc = None  # a profile for other colours would only mislead the browser
    return picture, icc


def _cmyk_to_rgb(picture: Image.Image, icc: bytes | None):
    if colour_space(icc) == "CMYK":
        srgb = ImageCms.createProfile("sRGB")
        try:
            converted = ImageCms.profileToProfile(
                picture, _profile(icc), srgb, outputMode="RGB"
            )
            return converted, ImageCms.ImageCmsProfile(srgb).tobytes()
        except ImageCms.PyCMSError:
            pass  # a profile lcms cannot use: convert as if there were none
    return picture.convert("RGB"), None


def _pixels_only(picture: Image.Image) -> Image.Image:
    """A copy with no metadata left to save: only pixels, palette and transparency."""
    clean = picture.copy()
    transparency = picture.info.get("transparency")
    clean.info = {} if transparency is None else {"transparency": transparency}
    return clean


def _on_white(picture: Image.Image) -> Image.Image:
    rgba = picture.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def _profile(icc: bytes) -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(io.BytesIO(icc))


def colour_space(icc: bytes | None) -> str | None:
    """The colour space an ICC profile describes ("RGB", "GRAY", "CMYK"...).

    None for no profile or one that cannot be read.
    """
    if not icc:
        return None
    try:
        return _profile(icc).profile.xcolor_space.strip()
    except Exception:  # a broken profile is dropped, not trusted
        return None


def _subject(filename: str) -> str:
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()[:100]
    return f"Het bestand {name}" if name else "Dit bestand"


def _damaged(subject: str) -> ImageRefused:
    return ImageRefused(
        f"{subject} is beschadigd of onvolledig en kan niet worden gelezen (misschien "
        "is het uploaden afgebroken). Sla de afbeelding opnieuw op en probeer het nog "
        "eens."
    )


def _too_many_pixels(width: int = 0, height: int = 0) -> ImageRefused:
    size = f" ({width} × {height} pixels)" if width and height else ""
    return ImageRefused(
        f"De afbeelding heeft te veel pixels{size}; het maximum is "
        f"{MAX_PIXELS / 1_000_000:g} miljoen. Verklein de afbeelding en probeer het "
        "opnieuw."
    )
