"""Renditions: resized and cropped copies of a stored original, made once per change.

``make_renditions`` writes the files and returns what it made; the caller keeps that
list on ``Image.renditions``. The selection helpers (``srcset``, ``best``) read only
that list and ``storage.url``: no query, no filesystem, however many images a page has.

Names are ``images/xx/<token>-<kind>-<width>.<ext>`` next to the original, with a new
random token each time, so a URL cannot be guessed and a changed crop never hides
behind a cached old file.
"""

import io
import posixpath
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from PIL import Image as PILImage

from articles.images.processing import colour_space

__all__ = [
    "CROP_WIDTH",
    "CROPS",
    "FORMATS",
    "WIDTHS",
    "best",
    "crop_box",
    "delete_files",
    "delete_renditions",
    "make_preview",
    "make_renditions",
    "srcset",
]

WIDTHS = (320, 640, 960, 1280, 1920)
FORMATS = ("avif", "webp", "jpeg")
CROPS = {"16:9": (16, 9), "4:3": (4, 3), "1:1": (1, 1), "og": (191, 100)}
CROP_WIDTH = 1200  # Open Graph asks for 1200 wide; the other crops share the size
CROP_FORMATS = ("webp", "jpeg")
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
# Quick encoders for many files: AVIF at speed 8 is several times faster than the
# default and barely larger.
ENCODERS = {
    "avif": ("AVIF", {"quality": 55, "speed": 8}),
    "webp": ("WEBP", {"quality": 75}),
    "jpeg": ("JPEG", {"quality": 80, "progressive": True, "optimize": True}),
}


def crop_box(
    width: int,
    height: int,
    ratio: tuple[int, int],
    focal_x: float,
    focal_y: float,
) -> tuple[int, int, int, int]:
    """The largest ``ratio`` box inside the image, centred on the focal point as far
    as the edges allow, as (left, top, right, bottom). Focal points run from 0 to 1.
    """
    ratio_w, ratio_h = ratio
    if width * ratio_h >= height * ratio_w:  # wider than the ratio: full height
        box_w, box_h = max(1, min(width, round(height * ratio_w / ratio_h))), height
    else:
        box_w, box_h = width, max(1, min(height, round(width * ratio_h / ratio_w)))
    left = _place(box_w, width, focal_x)
    top = _place(box_h, height, focal_y)
    return left, top, left + box_w, top + box_h


def _place(size: int, total: int, focal: float) -> int:
    focal = min(max(focal, 0.0), 1.0)
    return min(max(round(focal * total - size / 2), 0), total - size)


def make_renditions(image, *, storage: Storage | None = None) -> list[dict]:
    """Write every rendition of ``image.file`` and delete those of the last run.

    Returns ``[{"kind", "format", "width", "height", "name"}, ...]`` for the caller to
    keep on ``image.renditions``. If anything fails, the files written so far are
    deleted and the previous renditions are left as they were.
    """
    storage = storage or default_storage
    # Both sides stay at least this large, which every width and crop still gets.
    picture, icc = _decoded(
        image, lambda width, height: (min(width, max(WIDTHS)), min(height, CROP_WIDTH))
    )
    folder = posixpath.dirname(image.file.name)
    token = secrets.token_urlsafe(18)
    made = []
    try:
        for kind, variant in _variants(picture, image.focal_x, image.focal_y):
            formats = FORMATS if kind == "w" else CROP_FORMATS
            for format_ in formats:
                content = _encode(variant, format_, icc)
                slug = kind.replace(":", "x")
                name = f"{folder}/{token}-{slug}-{variant.width}.{EXTENSIONS[format_]}"
                made.append(
                    {
                        "kind": kind,
                        "format": format_,
                        "width": variant.width,
                        "height": variant.height,
                        "name": storage.save(name, ContentFile(content)),
                    }
                )
    except BaseException:
        delete_files(made, storage=storage)
        raise
    delete_files(image.renditions, storage=storage)
    return made


PREVIEW_WIDTH = 640


def make_preview(image, *, storage: Storage | None = None) -> list[dict]:
    """One small JPEG of ``image.file``, made in a fraction of the renditions' time,
    for pages to show until the task has made the renditions
    (``articles.images.tasks``).

    A rendition list of one (kind "w"), so ``srcset`` and ``best`` serve it as they
    would the full set; the renditions task deletes it when it replaces the list.
    JPEG draft mode decodes a 24-megapixel photo at 1/8 scale: no full decode.
    """
    storage = storage or default_storage
    picture, icc = _decoded(
        image, lambda width, height: (PREVIEW_WIDTH, PREVIEW_WIDTH * height // width)
    )
    target = min(picture.width, PREVIEW_WIDTH)
    size = (target, max(1, round(picture.height * target / picture.width)))
    picture = _resize(picture, size)
    folder = posixpath.dirname(image.file.name)
    token = secrets.token_urlsafe(18)
    name = f"{folder}/{token}-w-{picture.width}.jpg"
    content = _encode(picture, "jpeg", icc)
    return [
        {
            "kind": "w",
            "format": "jpeg",
            "width": picture.width,
            "height": picture.height,
            "name": storage.save(name, ContentFile(content)),
        }
    ]


def delete_renditions(image, *, storage: Storage | None = None) -> None:
    """Delete the files of ``image.renditions`` and empty the list (not saved)."""
    delete_files(image.renditions, storage=storage)
    image.renditions = []


def delete_files(renditions: list[dict], *, storage: Storage | None = None) -> None:
    """Delete the files named in ``renditions`` (missing ones are no error)."""
    storage = storage or default_storage
    for rendition in renditions or []:
        storage.delete(rendition["name"])


def srcset(
    image, *, kind: str = "w", format: str = "jpeg", storage: Storage | None = None
) -> str:
    """``"url 320w, url 640w, ..."`` for one kind and format; empty if there is none."""
    storage = storage or default_storage
    return ", ".join(
        f"{storage.url(r['name'])} {r['width']}w"
        for r in _matching(image, kind, format)
    )


def best(
    image,
    *,
    kind: str,
    format: str = "jpeg",
    min_width: int = 0,
    storage: Storage | None = None,
) -> dict | None:
    """The smallest rendition at least ``min_width`` wide, else the largest; None if
    ``image`` has none of that kind and format. A copy, with its ``url`` added.
    """
    matching = _matching(image, kind, format)
    if not matching:
        return None
    chosen = next((r for r in matching if r["width"] >= min_width), matching[-1])
    return {**chosen, "url": (storage or default_storage).url(chosen["name"])}


def _matching(image, kind: str, format: str) -> list[dict]:
    renditions = image.renditions or []
    found = [r for r in renditions if r["kind"] == kind and r["format"] == format]
    return sorted(found, key=lambda r: r["width"])


def _variants(picture: PILImage.Image, focal_x: float, focal_y: float):
    """(kind, image) for each width on the ladder, then each crop."""
    widths = [width for width in WIDTHS if width <= picture.width] or [picture.width]
    for width in widths:
        height = max(1, round(picture.height * width / picture.width))
        yield "w", _resize(picture, (width, height))
    for kind, ratio in CROPS.items():
        box = crop_box(picture.width, picture.height, ratio, focal_x, focal_y)
        box_w = box[2] - box[0]
        width = min(CROP_WIDTH, box_w)  # never upscale
        height = max(1, round(width * ratio[1] / ratio[0]))
        yield kind, _resize(picture.crop(box), (width, height))


def _resize(picture: PILImage.Image, size: tuple[int, int]) -> PILImage.Image:
    if picture.size == size:
        return picture
    # reducing_gap: shrink by whole factors first, then Lanczos; much faster on big
    # photos and indistinguishable at these sizes.
    return picture.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)


def _decoded(image, at_least) -> tuple[PILImage.Image, bytes | None]:
    """``image.file`` decoded for the web (``_web_mode``) and its ICC profile (None
    unless RGB). A JPEG decodes at 1/2, 1/4 or 1/8 scale for a fraction of the work,
    keeping both sides at least ``at_least(width, height)``."""
    with image.file.open("rb") as original, PILImage.open(original) as source:
        source.draft(None, at_least(*source.size))
        source.load()
        icc = source.info.get("icc_profile") or None
        picture = _web_mode(source)
    if colour_space(icc) != "RGB":
        icc = None  # e.g. a greyscale profile: it no longer describes these pixels
    return picture, icc


def _web_mode(source: PILImage.Image) -> PILImage.Image:
    """``source`` as RGB, or RGBA if it has transparency: what every encoder takes."""
    if source.mode in {"RGB", "RGBA"}:
        return source.copy()  # the source is closed when we are done reading
    if source.mode in {"LA", "PA", "P"} or "transparency" in source.info:
        rgba = source.convert("RGBA")
        return rgba if rgba.getextrema()[3][0] < 255 else rgba.convert("RGB")
    return source.convert("RGB")


def _encode(picture: PILImage.Image, format_: str, icc: bytes | None) -> bytes:
    pillow_name, options = ENCODERS[format_]
    if format_ == "jpeg" and picture.mode == "RGBA":
        flat = PILImage.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    if icc:
        options = {**options, "icc_profile": icc}
    output = io.BytesIO()
    picture.save(output, pillow_name, **options)
    return output.getvalue()
