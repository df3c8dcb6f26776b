"""The web app manifest: the site's name, colours and icons (static/icons/, drawn by
demo/icons.py), for a reader who adds the site to a phone's home screen."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.templatetags.static import static
from django.views.decorators.http import require_safe

__all__ = ["ICONS", "THEME_DARK", "THEME_LIGHT", "web_manifest"]

# The paper of site.css, light and dark: the browser's bar matches the page.
THEME_LIGHT, THEME_DARK = "#ffffff", "#141414"
# (file in static/icons/, size, purpose)
ICONS = [
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("icon-maskable-512.png", 512, "maskable"),
]


@require_safe
def web_manifest(request):
    """/manifest.webmanifest: JSON, the same for everyone (cacheable)."""
    manifest = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "lang": settings.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_LIGHT,
        "background_color": THEME_LIGHT,
        "icons": [
            {
                "src": static(f"icons/{name}"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for name, size, purpose in ICONS
        ],
    }
    return HttpResponse(
        json.dumps(manifest, ensure_ascii=False, indent=1),
        content_type="application/manifest+json",
    )
