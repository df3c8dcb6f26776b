"""What a post's URL alone tells about the post (pure).

The canonical URL names the author on X, TikTok, Mastodon and (by handle) Bluesky,
and a YouTube URL the still image of the video; the rest must come from elsewhere
(pasted code, oEmbed). embeds.parsing re-exports :func:`post_from_url`.
"""

from collections.abc import Iterable

from embeds.post import Media, Post
from embeds.urls import canonicalize

__all__ = ["post_from_url", "youtube_thumbnail"]


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
