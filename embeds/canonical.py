"""Which post a URL points to, in one canonical spelling per post, and what the URL
alone tells about that post (pure).

The canonical URL is the key of a post: the many ways a platform spells the address
of one post (hosts, tracking parameters, trailing ``/photo/1``) all give the same
string. Only http(s) URLs on the exact hosts of embeds.providers count; the user,
password and port tricks that make a URL look like it goes to one site while going
to another are refused rather than repaired.

``post_from_url``: the canonical URL names the author on X, TikTok, Mastodon and (by
handle) Bluesky, and a YouTube URL the still image of the video; the rest must come
from elsewhere (pasted code, oEmbed).
"""

import re
from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

from embeds import providers
from embeds.post import Media, Post

__all__ = [
    "MAX_URL_LENGTH",
    "canonicalize",
    "find_url",
    "post_from_url",
    "youtube_thumbnail",
]

MAX_URL_LENGTH = 2000

_HOSTNAME = re.compile(
    r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+"
)
# Whitespace, controls, backslashes (browsers read "\" as "/") and the characters
# that cannot stand in a URL: any of them and the URL is not one we take.
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f\\<>\"`{}|^]")
_DIGITS = re.compile(r"[0-9]{1,20}")
_X_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
_BSKY_RKEY = re.compile(r"[A-Za-z0-9._:~-]{1,512}")
_BSKY_DID = re.compile(r"did:[a-z]+:[A-Za-z0-9._:%-]{1,2000}")
_MASTODON_USER = re.compile(r"[A-Za-z0-9_]{1,64}")
_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_INSTAGRAM_CODE = re.compile(r"[A-Za-z0-9_-]{5,64}")
_INSTAGRAM_USER = re.compile(r"[A-Za-z0-9_.]{1,30}")
_TIKTOK_HANDLE = re.compile(r"[A-Za-z0-9_.]{1,64}")


def _hosts(provider: str) -> set[str]:
    return set(providers.PROVIDERS[provider]["hosts"])


def _segments(path: str) -> list[str]:
    """The path's non-empty segments: "/a//b/" and "/a/b" are the same address."""
    return [part for part in path.split("/") if part]


def _x(host: str, parts: list[str], query: str) -> tuple[str, str] | None:
    if host not in _hosts("x"):
        return None
    if parts[:3] == ["i", "web", "status"] and len(parts) == 4:
        parts = ["i", "status", parts[3]]
    if len(parts) < 3 or parts[1] not in {"status", "statuses"}:
        return None
    handle, post_id, rest = parts[0], parts[2], parts[3:]
    if not _X_HANDLE.fullmatch(handle) or not _DIGITS.fullmatch(post_id):
        return None
    # "/photo/1" and "/video/1" show the post with its n-th medium opened.
    if rest and not (
        len(rest) == 2 and rest[0] in {"photo", "video"} and _DIGITS.fullmatch(rest[1])
    ):
        return None
    return f"https://x.com/{handle}/status/{post_id}", post_id


def _bluesky(host: str, parts: list[str], query: str) -> tuple[str, str] | None:
    if host not in _hosts("bluesky") or len(parts) != 4:
        return None
    if parts[0] != "profile" or parts[2] != "post":
        return None
    actor, rkey = parts[1], parts[3]
    if actor.startswith("did:"):
        if not _BSKY_DID.fullmatch(actor):
            return None
    else:
        actor = actor.lower()
        if not _HOSTNAME.fullmatch(actor):
            return None
    if not _BSKY_RKEY.fullmatch(rkey) or rkey in {".", ".."}:
        return None
    return f"https://bsky.app/profile/{actor}/post/{rkey}", rkey


def _mastodon(
    host: str, parts: list[str], instances: set[str]
) -> tuple[str, str] | None:
    if host not in instances:
        return None
    if len(parts) == 4 and parts[0] == "users" and parts[2] == "statuses":
        parts = ["@" + parts[1], parts[3]]
    if len(parts) == 3 and parts[2] == "embed":
        parts = parts[:2]
    if len(parts) != 2 or not parts[0].startswith("@"):
        return None
    user, _, domain = parts[0][1:].partition("@")
    domain = domain.lower()
    if not _MASTODON_USER.fullmatch(user) or not _DIGITS.fullmatch(parts[1]):
        return None
    if domain and not _HOSTNAME.fullmatch(domain):
        return None
    # A remote account keeps its domain: on this instance "@user" alone would be a
    # different (local) account. Its own instance's domain is redundant.
    account = user if domain in {"", host} else f"{user}@{domain}"
    return f"https://{host}/@{account}/{parts[1]}", parts[1]


def _youtube(host: str, parts: list[str], query: str) -> tuple[str, str] | None:
    video_id = None
    if host == "youtu.be" and len(parts) == 1:
        video_id = parts[0]
    elif host == "youtube-nocookie.com":
        if len(parts) == 2 and parts[0] == "embed":
            video_id = parts[1]
    elif host in {"youtube.com", "m.youtube.com"}:
        if parts == ["watch"]:
            video_id = (parse_qs(query).get("v") or [""])[0]
        elif len(parts) == 2 and parts[0] in {"embed", "shorts", "live"}:
            video_id = parts[1]
    # "/embed/videoseries?list=..." is a playlist, though eleven characters long.
    if not video_id or video_id == "videoseries":
        return None
    if not _YOUTUBE_ID.fullmatch(video_id):
        return None
    return f"https://www.youtube.com/watch?v={video_id}", video_id


def _instagram(host: str, parts: list[str], query: str) -> tuple[str, str] | None:
    if host not in _hosts("instagram"):
        return None
    # "/<username>/p/<code>/" is the same post as "/p/<code>/".
    if len(parts) >= 3 and parts[1] in {"p", "reel", "tv"}:
        if not _INSTAGRAM_USER.fullmatch(parts[0]):
            return None
        parts = parts[1:]
    # The embed iframe's address: "/p/<code>/embed/" or ".../embed/captioned/".
    if parts[2:] in (["embed"], ["embed", "captioned"]):
        parts = parts[:2]
    if len(parts) != 2 or parts[0] not in {"p", "reel", "tv"}:
        return None
    kind, code = parts
    if not _INSTAGRAM_CODE.fullmatch(code):
        return None
    kind = "reel" if kind == "reel" else "p"
    return f"https://www.instagram.com/{kind}/{code}/", code


def _tiktok(host: str, parts: list[str], query: str) -> tuple[str, str] | None:
    if host not in _hosts("tiktok") or len(parts) != 3 or parts[1] != "video":
        return None
    handle, post_id = parts[0][1:], parts[2]
    if not parts[0].startswith("@") or not _TIKTOK_HANDLE.fullmatch(handle):
        return None
    if not _DIGITS.fullmatch(post_id):
        return None
    return f"https://www.tiktok.com/@{handle}/video/{post_id}", post_id


def _vimeo(host: str, parts: list[str], query: str) -> tuple[str, str] | None:
    video_id = None
    if host == "player.vimeo.com":
        if len(parts) == 2 and parts[0] == "video":
            video_id = parts[1]
    elif host == "vimeo.com":
        if len(parts) == 1:
            video_id = parts[0]
        elif len(parts) == 3 and parts[0] == "channels":
            video_id = parts[2]
        elif len(parts) == 4 and parts[0] == "groups" and parts[2] == "videos":
            video_id = parts[3]
    if not video_id or not _DIGITS.fullmatch(video_id):
        return None
    return f"https://vimeo.com/{video_id}", video_id


_BY_HOST = [
    ("x", _x),
    ("bluesky", _bluesky),
    ("youtube", _youtube),
    ("instagram", _instagram),
    ("tiktok", _tiktok),
    ("vimeo", _vimeo),
]
# Another provider's host is never a Mastodon instance, whatever the settings say.
_OTHER_HOSTS = {host for key, _ in _BY_HOST for host in _hosts(key)}


def _split(url: str) -> tuple[str, list[str], str] | None:
    """(host, path segments, query) of a plain http(s) URL, or None."""
    if len(url) > MAX_URL_LENGTH or _UNSAFE.search(url):
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a malformed "[...]" host or port
        return None
    if parts.scheme.lower() not in {"http", "https"}:
        return None
    # "https://x.com@evil.example/" goes to evil.example: refuse any user info.
    if "@" in parts.netloc:
        return None
    if port not in {None, 80, 443}:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not _HOSTNAME.fullmatch(host):
        return None
    return host, _segments(parts.path), parts.query


def canonicalize(
    url: str, *, mastodon_instances: Iterable[str] | None = None
) -> tuple[str, str, str] | None:
    """``(provider, canonical_url, post_id)`` for the URL of a known post, else None.

    None for anything else: another site, a known site's page that is not one post
    (a profile, a search), a look-alike host, a URL with user info or an odd port, a
    scheme other than http(s), a URL longer than ``MAX_URL_LENGTH``. A Mastodon URL
    counts only on a host of ``mastodon_instances`` (default: the instances of
    embeds.providers, which reads the settings). Never raises. Canonical forms:
    ``https://x.com/<handle>/status/<id>`` (``/i/status/<id>`` without a handle),
    ``https://bsky.app/profile/<handle or did>/post/<rkey>``,
    ``https://<instance>/@<user>/<id>`` (a remote account: ``@<user>@<domain>``),
    ``https://www.youtube.com/watch?v=<id>``,
    ``https://www.instagram.com/p/<code>/`` (reels: ``/reel/<code>/``),
    ``https://www.tiktok.com/@<handle>/video/<id>``, ``https://vimeo.com/<id>``.
    """
    if not isinstance(url, str):
        return None
    split = _split(url.strip())
    if split is None:
        return None
    host, parts, query = split
    bare = host.removeprefix("www.")
    for provider, match in _BY_HOST:
        found = match(bare, parts, query)
        if found:
            return provider, *found
    if bare in _OTHER_HOSTS:
        return None
    if mastodon_instances is None:
        mastodon_instances = providers.mastodon_instances()
    instances = {name.lower().strip() for name in mastodon_instances}
    found = _mastodon(host, parts, instances)
    return ("mastodon", *found) if found else None


_URL = re.compile(r"<?(https?://[^\s<>]+)>?", re.IGNORECASE)


def find_url(text: str) -> str | None:
    """The URL that is all of ``text`` (spaces around it and ``<...>`` allowed).

    Only http(s) URLs with a host count; a sentence that contains a URL is None.
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    match = _URL.fullmatch(text)
    if not match or (text.startswith("<") != text.endswith(">")):
        return None
    url = match.group(1)
    if len(url) > MAX_URL_LENGTH:
        return None
    try:
        return url if urlsplit(url).hostname else None
    except ValueError:  # a malformed "[...]" host
        return None


# -- what the URL tells about the post ---------------------------------------------


def youtube_thumbnail(video_id: str) -> str:
    """The still image YouTube serves for every video."""
    return f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg"


def _author(provider: str, canonical: str, post_id: str) -> dict[str, str]:
    """author_handle and author_url as the canonical URL spells them."""
    parts = canonical.split("/")  # ["https:", "", host, ...]
    host = parts[2]
    if provider == "x" and parts[3] != "i":
        handle = parts[3]
        return {"author_handle": "@" + handle, "author_url": f"https://x.com/{handle}"}
    if provider == "tiktok":
        handle = parts[3]
        return {"author_handle": handle, "author_url": f"https://{host}/{handle}"}
    if provider == "mastodon":
        account = parts[3]  # "@user" or "@user@remote.example"
        handle = account if account.count("@") == 2 else f"{account}@{host}"
        return {"author_handle": handle, "author_url": f"https://{host}/{account}"}
    if provider == "bluesky":
        actor = parts[4]
        found = {"author_url": f"https://bsky.app/profile/{actor}"}
        if not actor.startswith("did:"):
            found["author_handle"] = actor
        return found
    return {}


def post_from_url(
    url: str, *, mastodon_instances: Iterable[str] | None = None
) -> Post | None:
    """The Post a URL tells of (source "url"), or None if it is not a known post's.

    Besides provider, canonical URL and id: the author's handle and profile URL
    where the URL names them; a Bluesky URL with a DID also its ``at://`` URI
    (``platform_ref``); a video (YouTube, Vimeo, TikTok) as one Media of kind
    "video" whose URL is the post's, on YouTube with its still image. Never raises.
    """
    found = canonicalize(url, mastodon_instances=mastodon_instances)
    if found is None:
        return None
    provider, canonical, post_id = found
    extra: dict = _author(provider, canonical, post_id)
    if provider == "bluesky" and canonical.split("/")[4].startswith("did:"):
        did = canonical.split("/")[4]
        extra["platform_ref"] = f"at://{did}/app.bsky.feed.post/{post_id}"
    if provider == "youtube":
        thumbnail = youtube_thumbnail(post_id)
        extra["media"] = (Media("video", canonical, thumbnail_url=thumbnail),)
    elif provider in {"vimeo", "tiktok"}:
        extra["media"] = (Media("video", canonical),)
    return Post(provider=provider, url=canonical, post_id=post_id, **extra)
