"""``{% picture image sizes=... eager=True %}``: responsive images from renditions
stored on the image row (no query, no file access)."""

from urllib.parse import urljoin

from django import template
from django.conf import settings
from django.core.files.storage import default_storage

from articles.images.renditions import best, srcset

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, sizes="100vw", eager=False, css_class=""):
    """AVIF and WebP sources, a JPEG fallback, intrinsic width and height (no layout
    shift); the hero is eager with high fetch priority, everything else lazy."""
    if image is None or not image.renditions:
        return {"image": None}
    fallback = best(image, kind="w", format="jpeg", min_width=640)
    sources = [
        {"type": f"image/{fmt}", "srcset": found}
        for fmt in ("avif", "webp")
        if (found := srcset(image, kind="w", format=fmt))
    ]
    return {
        "image": image,
        "sources": sources,
        "srcset": srcset(image, kind="w", format="jpeg"),
        "src": default_storage.url(fallback["name"]) if fallback else "",
        "sizes": sizes,
        "eager": eager,
        "css_class": css_class,
    }


@register.simple_tag
def rendition(image, kind, format="jpeg", min_width=0):
    """One rendition as ``{"url", "absolute_url", "width", "height"}`` (Open
    Graph), or None. ``absolute_url`` is on SITE_URL when media are served from
    this site, and MEDIA_URL's own when that is a bucket or CDN."""
    found = (
        best(image, kind=kind, format=format, min_width=min_width) if image else None
    )
    if not found:
        return None
    url = default_storage.url(found["name"])
    return {
        "url": url,
        "absolute_url": urljoin(settings.SITE_URL + "/", url),
        "width": found["width"],
        "height": found["height"],
    }
