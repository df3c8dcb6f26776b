"""What a provider's oEmbed endpoint tells about a post, as a Post.

One GET to the endpoint in the provider registry (embeds.providers; Mastodon: the
post's own instance), through embeds.fetching, so no private address, no other host,
``EMBEDS_FETCH_DEADLINE`` seconds for all of it (DNS included) and
``OEMBED_MAX_BYTES`` at most. The answer is untrusted data: every field is
type-checked and the embed HTML is never kept; only what embeds.parsing extracts from
it (sanitized there) reaches the Post.
"""

import json
from urllib.parse import urlencode, urlsplit

from embeds import fetching
from embeds.post import Media, Post, merge
from embeds.providers import PROVIDERS, oembed_endpoint

__all__ = [
    "OEMBED_MAX_BYTES",
    "EmbedError",
    "EmbedGone",
    "EmbedUnavailable",
    "fetch_oembed",
]

OEMBED_MAX_BYTES = 1_000_000
MAX_WIDTH = 550
VIDEO_PROVIDERS = {"youtube", "vimeo", "tiktok"}
JSON_KINDS = {
    list: "een lijst",
    str: "een tekst",
    int: "een getal",
    float: "een getal",
    bool: "een ja/nee-waarde",
    type(None): "null",
}


class EmbedError(Exception):
    """The provider told us nothing usable; ``str(error)`` says why, in Dutch."""


class EmbedGone(EmbedError):
    """The provider says the post no longer exists (404 or 410)."""


class EmbedUnavailable(EmbedError):
    """No answer to use now: private post, no endpoint, or a failing provider."""


def fetch_oembed(post: Post) -> Post:
    """A new Post (``source="oembed"``) of what ``post.provider`` says of ``post.url``.

    Raises EmbedGone when the provider says the post is gone, EmbedUnavailable for
    every other failure (raised from the FetchError behind it).
    """
    name = PROVIDERS[post.provider]["name"]
    endpoint = _endpoint(post)
    if not endpoint:
        raise EmbedUnavailable(
            f"Voor {name} is geen oEmbed beschikbaar: plak de insluitcode van het "
            "bericht om de inhoud te bewaren."
        )
    params = {"url": post.url, "format": "json", "maxwidth": str(MAX_WIDTH)}
    if post.provider == "x":
        params.update(omit_script="1", dnt="1")
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(params)}"
    try:
        answer = fetching.fetch(
            url,
            max_bytes=OEMBED_MAX_BYTES,
            accept="application/json",
            allowed_hosts=[urlsplit(endpoint).hostname or ""],
        )
    except fetching.FetchHTTPError as error:
        if error.status in {404, 410}:
            raise EmbedGone(
                f"{name} meldt dat het bericht niet meer bestaat (foutcode "
                f"{error.status})."
            ) from error
        if error.status in {401, 403}:
            raise EmbedUnavailable(
                f"{name} geeft het bericht niet vrij: het is privé of afgeschermd "
                f"(foutcode {error.status})."
            ) from error
        raise EmbedUnavailable(f"{name} gaf geen gegevens: {error}") from error
    except fetching.FetchError as error:
        raise EmbedUnavailable(f"{name} gaf geen gegevens: {error}") from error
    return _post(post, _json_object(answer.body, name))


def _endpoint(post: Post) -> str | None:
    instance = ""
    if post.provider == "mastodon":
        parts = urlsplit(post.url)
        instance = parts.netloc.rpartition("@")[2]  # host[:port], no credentials
    return oembed_endpoint(post.provider, instance=instance)


def _json_object(body: bytes, name: str) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:  # RecursionError: absurd nesting
        raise EmbedUnavailable(
            f"{name} gaf een antwoord dat geen geldige JSON is."
        ) from error
    if not isinstance(data, dict):
        kind = JSON_KINDS.get(type(data), "iets anders")
        raise EmbedUnavailable(
            f"{name} gaf een onverwacht antwoord: {kind} in plaats van een JSON-object."
        )
    return data


def _string(data: dict, key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _integer(data: dict, key: str) -> int | None:
    value = data.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None


def _web_url(data: dict, key: str) -> str:
    value = _string(data, key)
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme in {"http", "https"} and parts.hostname else ""


def _post(post: Post, data: dict) -> Post:
    media = ()
    thumbnail = _web_url(data, "thumbnail_url")
    if post.provider in VIDEO_PROVIDERS and thumbnail:
        video = Media(
            kind="video",
            url=post.url,
            thumbnail_url=thumbnail,
            width=_integer(data, "thumbnail_width"),
            height=_integer(data, "thumbnail_height"),
        )
        media = (video,)
    told = Post(
        provider=post.provider,
        url=post.url,
        author_name=_string(data, "author_name"),
        author_url=_web_url(data, "author_url"),
        title=_string(data, "title"),
        media=media,
        source="oembed",
    )
    # The embed HTML is read, never kept: the parser extracts text, handle, date,
    # language and media (sanitized there). The oEmbed fields win where both speak.
    html = _string(data, "html")
    if html:
        from embeds.parsing import parse_embed_code

        parsed = parse_embed_code(html)
        if parsed is not None and _same_post(post, parsed):
            return merge(told, parsed)
    return told


def _same_post(post: Post, parsed: Post) -> bool:
    """Whether the embed HTML is about ``post`` (not about another one it quotes)."""
    if parsed.provider != post.provider:
        return False
    return not (post.post_id and parsed.post_id and post.post_id != parsed.post_id)
