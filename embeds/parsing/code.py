"""Pasted embed code to a Post: one reader per platform (pure).

Each platform's code is a blockquote (X, Bluesky, Mastodon, Instagram, TikTok) or an
iframe (YouTube, Vimeo, Mastodon before 4.3) that its script replaces; the script
itself tells nothing and is ignored. A reader takes the element and returns a Post,
or None when the code does not say which post it is: code without the post's URL is
of no use, however much text it holds. embeds.parsing re-exports
:func:`parse_embed_code`.
"""

import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from embeds.canonical import canonicalize, post_from_url
from embeds.parsing.code_parts import (
    byline,
    children_between,
    clean_href,
    date_of,
    https,
    post_link,
    post_text,
)
from embeds.parsing.markup import Element, parse_html
from embeds.post import Post
from embeds.sanitize import html_to_text, linkify_post_text

__all__ = ["MAX_CODE_LENGTH", "parse_embed_code"]

# The longest real code (Instagram's, with inline styles) is some 6,000 characters.
MAX_CODE_LENGTH = 100_000
_X_HANDLE = re.compile(r"@?([A-Za-z0-9_]{1,15})")
_BSKY_HANDLE = re.compile(r"@?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_AT_URI = re.compile(r"at://(did:[a-z]+:[A-Za-z0-9._:%-]+)/app\.bsky\.feed\.post/(\w+)")
_MASTODON_ACCOUNT = re.compile(r"@[A-Za-z0-9_]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_SHARED_BY = re.compile(
    r"A post shared by\s+(?:(?P<name>.*?)\s*\(\s*@(?P<handle>[\w.]{1,30})\s*\)"
    r"|@(?P<bare>[\w.]{1,30}))",
    re.IGNORECASE,
)
_INSTAGRAM_FILLER = {"", "view this post on instagram"}
# What sites put in an iframe's title when they have nothing to say.
_PLACEHOLDER_TITLES = {"youtube video player", "vimeo video player", "vimeo-player"}


def _x(quote: Element, root: Element) -> Post | None:
    """X: text and language from the ``<p lang>``, "— Name (@handle)" and the
    status link whose text is the date; ``pic.twitter.com`` links as images."""
    paragraph = quote.find("p")
    link, found = post_link(quote, "x", skip=paragraph)
    post = found and post_from_url(found[1])
    if not post:
        return None
    text_html, text, media = post_text(paragraph, pictures=True)
    name, handle, _ = byline(children_between(quote, paragraph, link))
    author = {}
    if handle := _X_HANDLE.fullmatch(handle):
        author = {
            "author_handle": "@" + handle[1],
            "author_url": f"https://x.com/{handle[1]}",
        }
    return replace(
        post,
        source="code",
        author_name=name,
        **author,
        text_html=text_html,
        text=text,
        media=media,
        published_at=date_of(link),
        language=paragraph.get("lang") if paragraph else "",
    )


def _bluesky(quote: Element, root: Element) -> Post | None:
    """Bluesky: the at:// URI (``platform_ref``), text, byline and date link; the
    post's URL from that link, else from the URI."""
    paragraph = quote.find("p")
    link, found = post_link(quote, "bluesky", skip=paragraph)
    uri = _AT_URI.fullmatch(quote.get("data-bluesky-uri").strip())
    if not found and uri:
        found = canonicalize(
            "https://bsky.app/profile/{}/post/{}".format(*uri.groups())
        )
    post = found and post_from_url(found[1])
    if not post:
        return None
    text_html, text, _ = post_text(paragraph)
    name, handle, profile = byline(children_between(quote, paragraph, link))
    extra = {"platform_ref": uri.group(0)} if uri else {}
    if handle := _BSKY_HANDLE.fullmatch(handle):
        extra["author_handle"] = handle[1].lower()
    profile_url = clean_href(https(profile.get("href"))) if profile else ""
    if profile_url.startswith("https://bsky.app/profile/"):
        extra["author_url"] = profile_url
    return replace(
        post,
        source="code",
        author_name=name,
        **extra,
        text_html=text_html,
        text=text,
        published_at=date_of(link),
        language=paragraph.get("lang") if paragraph else "",
    )


def _mastodon_post(url: str) -> Post | None:
    """The post at ``url`` on whatever host: the code says it is Mastodon."""
    url = https(url)
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    post = post_from_url(url, mastodon_instances=[host]) if host else None
    return post if post and post.provider == "mastodon" else None


def _mastodon_quote(quote: Element, root: Element) -> Post | None:
    """Mastodon 4.3+: the post from ``data-embed-url`` (or a link inside), the
    account from "Post by @user@instance", any paragraphs and ``<time>``."""
    post = _mastodon_post(quote.get("data-embed-url"))
    anchors = (el.get("href") for el in quote.iter() if el.tag == "a")
    post = post or next(filter(None, map(_mastodon_post, anchors)), None)
    if not post:
        return None
    paragraphs = [el for el in quote.iter() if el.tag == "p"]
    text_html, text, _ = post_text(Element("div", children=paragraphs))
    extra = {}
    # The code's "Post by @user@instance" is the account as its readers know it.
    if account := _MASTODON_ACCOUNT.search(quote.text()):
        extra["author_handle"] = account.group(0)
    language = next((p.get("lang") for p in paragraphs if p.get("lang")), "")
    return replace(
        post,
        source="code",
        **extra,
        text_html=text_html,
        text=text,
        published_at=date_of(quote.find("time")),
        language=language or quote.get("lang"),
    )


def _instagram(quote: Element, root: Element) -> Post | None:
    """Instagram: the permalink, the caption paragraph (plain text, links made),
    "A post shared by Name (@handle)" and its ``<time>``."""
    post = post_from_url(https(quote.get("data-instgrm-permalink")))
    if not post or post.provider != "instagram":
        _link, found = post_link(quote, "instagram")
        post = found and post_from_url(found[1])
    if not post:
        return None
    caption, extra = "", {}
    for paragraph in (el for el in quote.iter() if el.tag == "p"):
        words = paragraph.text()
        if shared := _SHARED_BY.match(words):
            handle = shared["handle"] or shared["bare"]
            extra["author_name"] = (shared["name"] or "").strip()
            extra["author_handle"] = "@" + handle
            extra["author_url"] = f"https://www.instagram.com/{handle}/"
        elif not caption and words.lower() not in _INSTAGRAM_FILLER:
            caption = words
    text_html = linkify_post_text(caption, provider="instagram")
    return replace(
        post,
        source="code",
        **extra,
        text_html=text_html,
        text=html_to_text(text_html),
        published_at=date_of(quote.find("time")),
    )


def _tiktok(quote: Element, root: Element) -> Post | None:
    """TikTok: ``cite`` (or handle and ``data-video-id``), the ``@handle`` link
    and the caption with its hashtag links; the sound's link is left out."""
    section = quote.find("section") or quote
    anchors = [el for el in section.iter() if el.tag == "a"]
    author = next((a for a in anchors if a.text().startswith("@")), None)
    handle = author.text() if author else ""
    post = post_from_url(https(quote.get("cite")))
    video_id = quote.get("data-video-id").strip()
    if (not post or post.provider != "tiktok") and handle and video_id:
        post = post_from_url(f"https://www.tiktok.com/{handle}/video/{video_id}")
    if not post or post.provider != "tiktok":
        return None
    # The caption is what the section holds besides the author and the sound.
    music = {
        id(a) for a in anchors if a.text().startswith("♬") or "/music/" in a.get("href")
    }
    kept = [n for n in section.children if n is not author and id(n) not in music]
    text_html, text, _ = post_text(Element("p", children=kept))
    return replace(
        post,
        source="code",
        text_html=text_html,
        text=text,
        published_at=date_of(quote.find("time")),
        language=quote.get("lang"),
    )


def _vimeo_byline(root: Element, post: Post) -> dict[str, str]:
    """Title and author from Vimeo's older "<p>Title from Author on Vimeo.</p>"."""
    for paragraph in (el for el in root.iter() if el.tag == "p"):
        links = [el for el in paragraph.iter() if el.tag == "a"]
        target = canonicalize(https(links[0].get("href"))) if links else None
        if target and target[1] == post.url and len(links) > 1:
            profile = clean_href(https(links[1].get("href")))
            found = {"title": links[0].text(), "author_name": links[1].text()}
            if re.fullmatch(r"https://vimeo\.com/[A-Za-z][\w-]*", profile):
                found["author_url"] = profile
            return found
    return {}


def _frame(frame: Element, root: Element) -> Post | None:
    """An iframe: YouTube or Vimeo (with ``title``), Mastodon's older embed on
    any instance when its class says so, or any other known post URL."""
    src = https(frame.get("src"))
    if "mastodon-embed" in frame.classes:
        post = _mastodon_post(src)
    else:
        post = post_from_url(src)
    if not post:
        return None
    extra = {}
    if post.provider == "vimeo":
        extra = _vimeo_byline(root, post)
        # An unlisted video plays only with its hash: the player needs it.
        try:
            secret = parse_qs(urlsplit(src).query).get("h", [""])[0]
        except ValueError:
            secret = ""
        if re.fullmatch(r"[0-9a-f]{6,40}", secret):
            extra["platform_ref"] = secret
    title = " ".join(frame.get("title").split())
    if title and title.lower() not in _PLACEHOLDER_TITLES:
        extra["title"] = title
    return replace(post, source="code", **extra)


_QUOTE_READERS: dict[str, Callable[[Element, Element], Post | None]] = {
    "twitter-tweet": _x,
    "twitter-video": _x,
    "bluesky-embed": _bluesky,
    "mastodon-embed": _mastodon_quote,
    "instagram-media": _instagram,
    "tiktok-embed": _tiktok,
}


def _reader(element: Element) -> Callable[[Element, Element], Post | None] | None:
    if element.tag == "iframe":
        return _frame
    if element.tag == "blockquote":
        known = sorted(element.classes & _QUOTE_READERS.keys())
        return _QUOTE_READERS[known[0]] if known else None
    return None


def parse_embed_code(code: str) -> Post | None:
    """The post that pasted embed ``code`` shows (source "code"), or None.

    The first blockquote or iframe of a known platform that names its post wins.
    Everything the code holds is kept: author, text (reduced by
    embeds.sanitize.sanitize_post_html), language, date, media links, a video's
    title. Cut-off or broken code gives what can be read, as long as the post's URL
    can; code of an unknown site, code without the URL, or code longer than
    ``MAX_CODE_LENGTH`` gives None. Never raises.
    """
    if not isinstance(code, str) or len(code) > MAX_CODE_LENGTH:
        return None
    root = parse_html(code)
    for element in list(root.iter()):
        reader = _reader(element)
        post = reader(element, root) if reader else None
        if post:
            return post
    return None
