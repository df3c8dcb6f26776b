"""Fragments rendered once per version: article heads, bodies with their cards,
"Lees ook" and the navigation are cached under the versions of what they show, in
the default cache and each process's memory (``layered.py``), whatever PAGE_CACHE
says."""

import hashlib

from django.utils.translation import get_language

from articles.caching.layered import (
    layered_get,
    layered_get_many,
    layered_set,
    layered_set_many,
)

__all__ = ["FRAGMENT_SECONDS", "RENDER_VERSION", "cached_fragment", "cached_fragments"]

# Raise when the way bodies or cards are rendered changes, so fragments cached by an
# earlier release are not reused (they also expire after FRAGMENT_SECONDS).
# 2: cards list their topics by name, a teaser's lede never ends in two ellipses.
RENDER_VERSION = 2
FRAGMENT_SECONDS = 7 * 24 * 3600


def cached_fragment(name: str, parts, render) -> str:
    """``render()``, cached under ``name`` and ``parts`` (versions of what it shows)
    in the default cache and this process's memory, whatever PAGE_CACHE says."""
    key = _key(name, parts)
    found = layered_get(key, FRAGMENT_SECONDS)
    if found is None:
        found = render()
        layered_set(key, found, FRAGMENT_SECONDS)
    return found


def cached_fragments(
    name: str, parts: list, render_missing, *, seconds: int = FRAGMENT_SECONDS
) -> list[str]:
    """Several fragments of one kind at once: for each item of ``parts`` (the
    versions of what its fragment shows), the cached fragment; those missing are
    made by ``render_missing(indexes)``, which returns their HTML in that order.
    One round trip to the shared cache to read, one to write what was missing.
    ``seconds``: how long they are kept."""
    keys = [_key(name, item) for item in parts]
    found = layered_get_many(keys, seconds)
    missing = [i for i, key in enumerate(keys) if key not in found]
    if missing:
        made = dict(
            zip((keys[i] for i in missing), render_missing(missing), strict=True)
        )
        layered_set_many(made, seconds)
        found.update(made)
    return [found[key] for key in keys]


def _key(name: str, parts) -> str:
    digest = hashlib.sha256(
        repr((RENDER_VERSION, get_language(), *parts)).encode()
    ).hexdigest()[:32]
    return f"fragment:{name}:{digest}"
