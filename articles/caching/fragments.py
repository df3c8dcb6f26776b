"""Fragments rendered once per version: article heads, bodies with their cards,
"Lees ook" and the navigation are cached under the versions of what they show, in
the default cache and each process's memory (``layered.py``), whatever PAGE_CACHE
says."""

import hashlib

from django.utils.translation import get_language

from articles.caching.layered import layered_get, layered_set

__all__ = ["FRAGMENT_SECONDS", "RENDER_VERSION", "cached_fragment"]

# Raise when the way bodies or cards are rendered changes, so fragments cached by an
# earlier release are not reused (they also expire after FRAGMENT_SECONDS).
RENDER_VERSION = 1
FRAGMENT_SECONDS = 7 * 24 * 3600


def cached_fragment(name: str, parts, render) -> str:
    """``render()``, cached under ``name`` and ``parts`` (versions of what it shows)
    in the default cache and this process's memory, whatever PAGE_CACHE says."""
    digest = hashlib.sha256(
        repr((RENDER_VERSION, get_language(), *parts)).encode()
    ).hexdigest()[:32]
    key = f"fragment:{name}:{digest}"
    found = layered_get(key, FRAGMENT_SECONDS)
    if found is None:
        found = render()
        layered_set(key, found, FRAGMENT_SECONDS)
    return found
