"""Reading pasted posts (embeds.parsing.text, embeds.sanitize): per platform, per way in.

The samples are ours, written from each platform's documented embed format; the
posts, names and ids are invented. HTML output is checked by parsing it
(tests.helpers.html), never by searching for substrings alone.
"""

import random
import re
from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime

import pytest

from embeds.parsing import (
    Segment,
    find_posts,
    has_signature,
    parse_embed_code,
    parse_signature_post,
    post_from_url,
)
from embeds.parsing.code import MAX_CODE_LENGTH
from embeds.parsing.text import MAX_POST_PARAGRAPHS
from embeds.post import Media, Post
from embeds.sanitize import html_to_text, linkify_post_text, sanitize_post_html
from tests.helpers.html import links, markup
from tests.helpers.samples.platform_code import (
    BLUESKY_CODE,
    BLUESKY_URL,
    CODE_SAMPLES,
    DID,
    INSTAGRAM_CODE,
    MASTODON_CODE,
    MASTODON_IFRAME,
    MASTODON_URL,
    SIGNATURE_TEXT,
    TIKTOK_CODE,
    VIMEO_CODE,
    X_CODE,
    X_URL,
    YOUTUBE_CODE,
    YOUTUBE_NOCOOKIE_CODE,
)

SAFE_TAGS = {"p", "br", "a"}
SAFE_SCHEMES = {"http", "https", "mailto"}


def assert_safe(html: str) -> None:
    """``html`` holds only p, br and a with an http(s) or mailto href."""
    written = markup(html)
    assert written.odd == []
    for tag, attrs in written.tags:
        assert tag in SAFE_TAGS, (tag, html)
        if tag == "a":
            assert [name for name, _ in attrs] == ["href"], html
            scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", attrs[0][1])
            assert scheme and scheme[1].lower() in SAFE_SCHEMES, html
        else:
            assert attrs == [], html


# --- X --------------------------------------------------------------------------------


def test_x_code():
    """X code gives author, date, language, linked text and link-only pictures."""
    post = parse_embed_code(X_CODE)
    assert post.provider == "x"
    assert post.url == X_URL
    assert post.post_id == "1765432109876543210"
    assert post.author_name == "Anouk Visser"
    assert post.author_handle == "@anoukvisser"
    assert post.author_url == "https://x.com/anoukvisser"
    assert post.published_at == date(2024, 3, 3)
    assert post.language == "nl"
    assert post.source == "code"
    assert post.media == (Media("image", "https://pic.twitter.com/Qr5St6Uv7W"),)
    assert links(post.text_html) == [
        ("https://twitter.com/hashtag/Kampen", "#Kampen"),
        ("https://twitter.com/Waterschap_DD", "@Waterschap_DD"),
        ("https://t.co/Zx9Yw8Vu7T", "https://t.co/Zx9Yw8Vu7T"),
    ]
    assert post.text == (
        "De dijk bij #Kampen houdt het. Dank aan @Waterschap_DD voor de snelle "
        "actie.\n\nMeer: https://t.co/Zx9Yw8Vu7T"
    )
    assert_safe(post.text_html)


def test_x_code_ignores_links_to_other_posts_in_the_text():
    """A status link inside the text is a quote; the signature's link is the post."""
    code = X_CODE.replace(
        "Meer: ",
        'Zie <a href="https://twitter.com/ander/status/111?ref_src=twsrc%5Etfw">'
        "eerder</a>. ",
    )
    assert parse_embed_code(code).url == X_URL


def test_x_code_cut_off_after_the_signature_still_reads():
    """Without </blockquote> and script the post is still complete."""
    code = X_CODE[: X_CODE.index("</blockquote>")]
    post = parse_embed_code(code)
    assert (post.url, post.author_handle, post.published_at) == (
        X_URL,
        "@anoukvisser",
        date(2024, 3, 3),
    )


def test_x_code_cut_off_before_the_status_link_is_none():
    """Without the status link the code does not say which post it is."""
    assert (
        parse_embed_code(X_CODE[: X_CODE.index('<a href="https://twitter.com/anouk')])
        is None
    )
    text_only = '<blockquote class="twitter-tweet"><p lang="nl">Alleen tekst, geen link'
    assert parse_embed_code(text_only) is None


def test_x_code_without_text_or_byline():
    """A bare link to the post in an X blockquote gives the post from its URL."""
    code = (
        '<blockquote class="twitter-tweet"><a href="https://twitter.com/anoukvisser/'
        'status/1765432109876543210">March 3, 2024</a></blockquote>'
    )
    post = parse_embed_code(code)
    assert (post.url, post.author_handle, post.text_html) == (X_URL, "@anoukvisser", "")
    assert post.published_at == date(2024, 3, 3)


def test_x_video_code():
    """The twitter-video blockquote reads like a post."""
    code = X_CODE.replace("twitter-tweet", "twitter-video")
    assert parse_embed_code(code).url == X_URL


# --- Bluesky --------------------------------------------------------------------------


def test_bluesky_code():
    """Bluesky code gives the at:// URI, author, date, language and text."""
    post = parse_embed_code(BLUESKY_CODE)
    assert post.provider == "bluesky"
    assert post.url == BLUESKY_URL
    assert post.post_id == "3kq2zyxwvut2a"
    assert post.platform_ref == f"at://{DID}/app.bsky.feed.post/3kq2zyxwvut2a"
    assert post.author_name == "Gemeente Zwolle"
    assert post.author_handle == "zwolle.example.nl"
    assert post.author_url == f"https://bsky.app/profile/{DID}"
    assert post.published_at == date(2024, 3, 3)
    assert post.language == "nl"
    assert post.text == (
        "De pont vaart weer vanaf 7 uur.\n\nLees meer op https://zwolle.example.nl/pont"
    )
    assert_safe(post.text_html)


def test_bluesky_code_with_handle_as_text():
    """The byline may name the handle as text: "— Name (@handle) <a>date</a>"."""
    code = BLUESKY_CODE.replace(
        f'(<a href="https://bsky.app/profile/{DID}?ref_src=embed">@zwolle.example.nl</a>)',
        "(@Zwolle.Example.NL)",
    )
    post = parse_embed_code(code)
    assert post.author_handle == "zwolle.example.nl"
    assert post.author_name == "Gemeente Zwolle"


def test_bluesky_code_without_the_link_uses_the_uri():
    """Cut off before the date link, the at:// URI still names the post."""
    code = BLUESKY_CODE[: BLUESKY_CODE.index("&mdash;")]
    post = parse_embed_code(code)
    assert post.url == BLUESKY_URL
    assert post.text.startswith("De pont vaart weer")


def test_bluesky_code_with_a_handle_link():
    """A date link that names the handle gives the handle's canonical URL."""
    code = BLUESKY_CODE.replace(
        f"/profile/{DID}/post/", "/profile/Zwolle.Example.NL/post/"
    )
    post = parse_embed_code(code)
    assert post.url == ("https://bsky.app/profile/zwolle.example.nl/post/3kq2zyxwvut2a")
    assert post.platform_ref.startswith("at://did:plc:")


# --- Mastodon -------------------------------------------------------------------------


def test_mastodon_code():
    """Mastodon's blockquote gives the post and the account it names."""
    post = parse_embed_code(MASTODON_CODE)
    assert post.provider == "mastodon"
    assert post.url == MASTODON_URL
    assert post.post_id == "112233445566778899"
    assert post.author_handle == "@redactie@mastodon.nl"
    assert post.author_url == "https://mastodon.nl/@redactie"
    assert post.text_html == ""
    assert post.source == "code"


def test_mastodon_code_with_text_and_time():
    """Text and a <time> inside the blockquote are kept."""
    code = MASTODON_CODE.replace(
        "</a> </blockquote>",
        '</a><p lang="nl">Nieuwe podcast: de <a href="https://mastodon.nl/tags/dijk">'
        '#dijk</a> bij Kampen.</p><p>Luister mee!</p><time datetime="2024-03-03T09:'
        '15:00Z">3 mrt 2024</time></blockquote>',
    )
    post = parse_embed_code(code)
    assert post.text == "Nieuwe podcast: de #dijk bij Kampen.\n\nLuister mee!"
    assert post.language == "nl"
    assert post.published_at == datetime(2024, 3, 3, 9, 15, tzinfo=UTC)


def test_mastodon_code_on_any_instance():
    """Pasted Mastodon code names its instance: any host is accepted."""
    code = MASTODON_CODE.replace("mastodon.nl", "social.example.org")
    post = parse_embed_code(code)
    assert post.url == "https://social.example.org/@redactie/112233445566778899"


def test_mastodon_old_iframe():
    """The iframe of Mastodon before 4.3 gives the post on its instance."""
    post = parse_embed_code(MASTODON_IFRAME)
    assert post.provider == "mastodon"
    assert post.url == "https://toot.example.org/@kim/109876543210987654"
    assert post.author_handle == "@kim@toot.example.org"
    assert post.source == "code"


def test_mastodon_code_cannot_claim_another_providers_host():
    """Code calling a YouTube address a Mastodon post is not believed."""
    code = MASTODON_CODE.replace("mastodon.nl", "www.youtube.com")
    assert parse_embed_code(code) is None


def test_mastodon_code_without_its_url_falls_back_to_the_link():
    """Without data-embed-url, the link to the post inside still names it."""
    code = MASTODON_CODE.replace("data-embed-url=", "data-other=")
    assert parse_embed_code(code).url == MASTODON_URL


# --- Instagram ------------------------------------------------------------------------


def test_instagram_code():
    """Instagram code gives permalink, caption, author and date."""
    post = parse_embed_code(INSTAGRAM_CODE)
    assert post.provider == "instagram"
    assert post.url == "https://www.instagram.com/p/C4xYz12AbCd/"
    assert post.post_id == "C4xYz12AbCd"
    assert post.author_name == "Fotograaf Noord"
    assert post.author_handle == "@fotonoord"
    assert post.author_url == "https://www.instagram.com/fotonoord/"
    assert post.published_at == datetime(2024, 3, 3, 6, 12, tzinfo=UTC)
    assert post.text == (
        "Zonsopkomst boven het wad. Meer foto's: https://fotonoord.example.nl/wad"
    )
    assert links(post.text_html) == [
        ("https://fotonoord.example.nl/wad", "https://fotonoord.example.nl/wad")
    ]


def test_instagram_code_without_caption():
    """Uncaptioned code has no text, but still the author."""
    start = INSTAGRAM_CODE.index('<p style=" margin')
    end = INSTAGRAM_CODE.index('<p style="color')
    post = parse_embed_code(INSTAGRAM_CODE[:start] + INSTAGRAM_CODE[end:])
    assert (post.text, post.author_handle) == ("", "@fotonoord")


def test_instagram_reel_without_permalink_attribute():
    """Without data-instgrm-permalink, a link to the post names it."""
    code = INSTAGRAM_CODE.replace("data-instgrm-permalink", "data-x").replace(
        "/p/C4xYz12AbCd/", "/reel/C4xYz12AbCd/"
    )
    assert parse_embed_code(code).url == "https://www.instagram.com/reel/C4xYz12AbCd/"


# --- TikTok ---------------------------------------------------------------------------


def test_tiktok_code():
    """TikTok code gives author, caption with hashtags, and the video; not the sound."""
    post = parse_embed_code(TIKTOK_CODE)
    assert post.provider == "tiktok"
    assert post.url == "https://www.tiktok.com/@weerman.nl/video/7301234567890123456"
    assert post.post_id == "7301234567890123456"
    assert post.author_handle == "@weerman.nl"
    assert post.author_url == "https://www.tiktok.com/@weerman.nl"
    assert post.text == "Hagelbuien vanmiddag in het oosten, let op! #weer #onweer"
    assert links(post.text_html) == [
        ("https://www.tiktok.com/tag/weer", "#weer"),
        ("https://www.tiktok.com/tag/onweer", "#onweer"),
    ]
    assert post.media == (Media("video", post.url),)


def test_tiktok_code_with_caption_paragraph_and_no_cite():
    """The caption may sit in a <p>; without cite, handle and video id name it."""
    code = (
        '<blockquote class="tiktok-embed" data-video-id="7301234567890123456"><section>'
        '<a title="@weerman.nl" href="https://www.tiktok.com/@weerman.nl?refer=embed">'
        "@weerman.nl</a><p>Regen, regen, regen "
        '<a href="https://www.tiktok.com/tag/herfst?refer=embed">#herfst</a></p>'
        '<a href="https://www.tiktok.com/music/regen-1?refer=embed">♬ regen</a>'
        "</section></blockquote>"
    )
    post = parse_embed_code(code)
    assert post.url == "https://www.tiktok.com/@weerman.nl/video/7301234567890123456"
    assert post.text == "Regen, regen, regen #herfst"


# --- YouTube and Vimeo ----------------------------------------------------------------


def test_youtube_iframe():
    """A YouTube iframe gives the video, its title and its still image."""
    post = parse_embed_code(YOUTUBE_CODE)
    assert post.provider == "youtube"
    assert post.url == "https://www.youtube.com/watch?v=Qw3rTy_uI-9"
    assert post.post_id == "Qw3rTy_uI-9"
    assert post.title == "Zo werkt de stormvloedkering"
    assert post.media == (
        Media(
            "video",
            "https://www.youtube.com/watch?v=Qw3rTy_uI-9",
            thumbnail_url="https://i.ytimg.com/vi/Qw3rTy_uI-9/hqdefault.jpg",
        ),
    )
    assert post.source == "code"


def test_youtube_nocookie_iframe_with_placeholder_title():
    """The nocookie iframe reads the same; "YouTube video player" is no title."""
    post = parse_embed_code(YOUTUBE_NOCOOKIE_CODE)
    assert post.url == "https://www.youtube.com/watch?v=Qw3rTy_uI-9"
    assert post.title == ""


def test_youtube_protocol_relative_iframe():
    """An iframe src of //www.youtube.com/... is read as https."""
    code = YOUTUBE_CODE.replace("https://www.youtube.com", "//www.youtube.com")
    assert parse_embed_code(code).post_id == "Qw3rTy_uI-9"


def test_vimeo_iframe_in_its_wrapper():
    """Vimeo's wrapped iframe gives the video, title and the unlisted hash."""
    post = parse_embed_code(VIMEO_CODE)
    assert post.provider == "vimeo"
    assert post.url == "https://vimeo.com/912345678"
    assert post.post_id == "912345678"
    assert post.title == "Documentaire: De Dijk"
    assert post.platform_ref == "ab12cd34ef"
    assert post.media == (Media("video", "https://vimeo.com/912345678"),)


def test_vimeo_iframe_with_byline_paragraph():
    """Vimeo's older code adds "<p>Title from Author on Vimeo.</p>"."""
    code = (
        '<iframe src="https://player.vimeo.com/video/912345678" width="640" '
        'height="360"></iframe><p><a href="https://vimeo.com/912345678">De Dijk</a> '
        'from <a href="https://vimeo.com/studiodelta">Studio Delta</a> on '
        '<a href="https://vimeo.com">Vimeo</a>.</p>'
    )
    post = parse_embed_code(code)
    assert (post.title, post.author_name, post.author_url) == (
        "De Dijk",
        "Studio Delta",
        "https://vimeo.com/studiodelta",
    )


# --- Code that says nothing -----------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "",
        "   ",
        "gewone tekst",
        '<script async src="https://platform.twitter.com/widgets.js"></script>',
        '<iframe src="https://video.example.org/embed/123" title="Iets"></iframe>',
        '<iframe src="javascript:alert(1)"></iframe>',
        "<iframe>",
        "<blockquote>Een citaat, geen bericht.</blockquote>",
        '<blockquote class="twitter-tweet">',
        '<blockquote class="instagram-media" data-instgrm-permalink="https://'
        'www.instagram.com/fotonoord/">',
        '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@weerman.nl">',
        "<![CDATA[<blockquote",
        "<p><b><i>" * 500,
    ],
)
def test_code_without_a_post_is_none(code):
    """Garbage, a script alone, an unknown iframe or a quote without post: None."""
    assert parse_embed_code(code) is None


@pytest.mark.parametrize("value", [None, 7, b"<iframe>", ["<blockquote>"]])
def test_non_string_code_is_none(value):
    """Anything but a string gives None, never an error."""
    assert parse_embed_code(value) is None
    assert parse_signature_post(value) is None
    assert find_posts(value) == []


def test_over_long_code_is_none():
    """Code past MAX_CODE_LENGTH is refused."""
    padding = "<!-- " + "x" * MAX_CODE_LENGTH + " -->"
    assert parse_embed_code(X_CODE + padding) is None


def test_first_known_embed_wins():
    """Of two embeds in one paste, the first is read."""
    assert parse_embed_code(YOUTUBE_CODE + X_CODE).provider == "youtube"
    assert parse_embed_code("<iframe></iframe>" + X_CODE).provider == "x"


def test_hostile_text_in_code_never_survives():
    """Scripts, handlers and javascript: links in embed code are stripped."""
    hostile = (
        '<script>alert(1)</script><img src=x onerror="alert(1)">'
        '<a href="javascript:alert(1)">klik</a> <a href="jav&#x09;ascript:alert(1)">'
        'twee</a> <a href=" data:text/html,x">drie</a> <b onclick="x()">vet</b> '
        '<iframe src="https://evil.example"></iframe><style>p{}</style>'
    )
    for code in [
        X_CODE.replace("De dijk bij ", hostile),
        BLUESKY_CODE.replace("De pont", hostile),
        TIKTOK_CODE.replace("Hagelbuien", hostile),
        MASTODON_CODE.replace("</blockquote>", f"<p>{hostile}</p></blockquote>"),
        INSTAGRAM_CODE.replace("Zonsopkomst", hostile),
    ]:
        post = parse_embed_code(code)
        assert post is not None
        assert_safe(post.text_html)
        assert "alert" not in post.text_html
        assert "klik" in post.text


# --- Posts copied as text -------------------------------------------------------------


def test_signature_post():
    """Text ending in "— Name (@handle) Month D, YYYY" is an X post, linkified."""
    post = parse_signature_post(SIGNATURE_TEXT)
    assert post == Post(
        provider="x",
        url="",
        author_name="Gemeente Kampen",
        author_handle="@gemeentekampen",
        author_url="https://x.com/gemeentekampen",
        text_html=post.text_html,
        text=(
            "Vanavond om 20.00 uur het debat over de dijkversterking, met "
            "@WethouderKim. Kijk mee via https://gemeente.example.nl/live #Kampen"
        ),
        published_at=date(2024, 3, 3),
        media=(Media("image", "https://pic.twitter.com/Ab12Cd34Ef"),),
        source="text",
    )
    assert links(post.text_html) == [
        ("https://x.com/WethouderKim", "@WethouderKim"),
        ("https://gemeente.example.nl/live", "https://gemeente.example.nl/live"),
        ("https://x.com/hashtag/Kampen", "#Kampen"),
    ]
    assert_safe(post.text_html)


def test_signature_post_over_several_paragraphs():
    """The caller's text may span paragraphs; they stay paragraphs."""
    text = (
        "Eerste alinea van het bericht.\n\nTweede regel\nmet een breuk."
        "\n\nSlot — Kim de Boer (@kimdeboer) December 24, 2023"
    )
    post = parse_signature_post(text)
    assert post.text == (
        "Eerste alinea van het bericht.\n\nTweede regel\nmet een breuk.\n\nSlot"
    )
    assert post.text_html.count("<p>") == 3
    assert post.published_at == date(2023, 12, 24)


def test_signature_post_of_only_a_picture():
    """A post that is only a picture has no text but its image."""
    post = parse_signature_post(
        "https://pic.twitter.com/Zz99Yy88 — Kim de Boer (@kimdeboer) May 1, 2024"
    )
    assert post.text == ""
    assert post.media == (Media("image", "https://pic.twitter.com/Zz99Yy88"),)


def test_signature_post_with_an_impossible_date():
    """February 30 is no date: the post stays, without one."""
    post = parse_signature_post("Tekst — Kim (@kim) February 30, 2024")
    assert post.published_at is None
    assert post.author_handle == "@kim"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tekst — Jane Doe (@janedoe) March 3, 2024", True),
        ("— Jane Doe (@janedoe) March 3, 2024", True),
        ("Tekst — Jane Doe (@janedoe) March 3, 2024  ", True),
        ("Tekst — Jane (Doe) Jr. (@jane_doe) September 30, 2019", True),
        ("Tekst - Jane Doe (@janedoe) March 3, 2024", False),
        ("Tekst — Jane Doe (janedoe) March 3, 2024", False),
        ("Tekst — Jane Doe (@janedoe) 3 March 2024", False),
        ("Tekst — Jane Doe (@janedoe) Maart 3, 2024", False),
        ("Tekst — Jane Doe (@janedoe) March 3, 2024 en verder", False),
        ("Tekst—Jane Doe (@janedoe) March 3, 2024", False),
        ("Tekst — Jane Doe (@a_handle_too_long_for_x) March 3, 2024", False),
        ("", False),
    ],
)
def test_has_signature(line, expected):
    """Only X's own signature, at the end of the line, counts."""
    assert has_signature(line) is expected


def test_text_without_signature_is_no_post():
    """No signature on the last line: None."""
    assert parse_signature_post("Gewone tekst.") is None
    assert (
        parse_signature_post("Tekst — Kim (@kim) March 3, 2024\nen nog een regel")
        is None
    )


# --- A whole document -----------------------------------------------------------------


DOCUMENT = "\n".join(
    [
        "De storm trok vannacht over het land.",
        "",
        "https://twitter.com/anoukvisser/status/1765432109876543210?s=20",
        "",
        "Een link naar elders blijft tekst:",
        "https://nieuws.example.nl/storm",
        "",
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://'
        f'{DID}/app.bsky.feed.post/3kq2zyxwvut2a">',
        '<p lang="nl">De pont vaart weer.</p>&mdash; Gemeente Zwolle '
        "(@zwolle.example.nl)",
        f'<a href="{BLUESKY_URL}?ref_src=embed">March 3, 2024 at 10:00 AM</a>',
        "</blockquote>",
        '<script async src="https://embed.bsky.app/static/embed.js" charset="utf-8">'
        "</script>",
        "Daarna de reacties.",
        "",
        SIGNATURE_TEXT,
        "",
        "Nog een alinea.",
        "",
        "",
        "Eerste alinea van een lang bericht.",
        "",
        "Tweede alinea. — Kim de Boer (@kimdeboer) March 4, 2024",
        "",
        YOUTUBE_CODE,
        "Slot.",
    ]
)


def test_find_posts_segments_a_document():
    """URL lines, code blocks and signature posts are posts; the rest stays text."""
    segments = find_posts(DOCUMENT)
    kinds = [(s.kind, s.post.provider if s.post else s.text) for s in segments]
    assert kinds == [
        ("text", "De storm trok vannacht over het land.\n"),
        ("post", "x"),
        (
            "text",
            "\nEen link naar elders blijft tekst:\nhttps://nieuws.example.nl/storm\n",
        ),
        ("post", "bluesky"),
        ("text", "Daarna de reacties.\n"),
        ("post", "x"),
        ("text", "\nNog een alinea.\n\n"),
        ("post", "x"),
        ("text", ""),
        ("post", "youtube"),
        ("text", "Slot."),
    ]
    url_post, code_post, text_post, long_post, video = (
        s.post for s in segments if s.kind == "post"
    )
    assert (url_post.url, url_post.source) == (X_URL, "url")
    assert (code_post.url, code_post.author_name) == (BLUESKY_URL, "Gemeente Zwolle")
    assert segments[3].raw.endswith("</script>")
    assert text_post.author_handle == "@gemeentekampen"
    assert long_post.text == ("Eerste alinea van een lang bericht.\n\nTweede alinea.")
    assert video.title == "Zo werkt de stormvloedkering"


def test_find_posts_gives_back_the_document():
    """Joined with newlines, the segments' text and raw are the document."""
    segments = find_posts(DOCUMENT)
    assert (
        "\n".join(s.text if s.kind == "text" else s.raw for s in segments) == DOCUMENT
    )


def test_signature_post_without_gap_is_its_paragraph():
    """Without two blank lines before it, a post is only its own paragraph."""
    text = "Inleiding van het artikel.\n\nDe post zelf — Kim (@kim) March 3, 2024"
    segments = find_posts(text)
    assert [s.kind for s in segments] == ["text", "post"]
    assert segments[1].post.text == "De post zelf"
    assert segments[1].raw == "De post zelf — Kim (@kim) March 3, 2024"


def test_signature_post_reaches_back_only_so_far():
    """A gap further back than MAX_POST_PARAGRAPHS paragraphs is not the start."""
    paragraphs = [f"Alinea {n}." for n in range(MAX_POST_PARAGRAPHS + 2)]
    text = "Kop\n\n\n" + "\n\n".join(paragraphs) + "\n\nSlot — Kim (@kim) March 3, 2024"
    post = find_posts(text)[-1].post
    assert post.text == "Slot"


def test_signature_in_the_middle_of_a_paragraph_is_text():
    """The signature must end its paragraph."""
    text = "Tekst — Kim (@kim) March 3, 2024\nen nog een regel."
    assert [s.kind for s in find_posts(text)] == ["text"]


def test_two_signature_posts_do_not_overlap():
    """A second post after a gap starts after the first."""
    text = "\n\nEen — Kim (@kim) March 3, 2024\n\nTwee — Jan (@jan) March 4, 2024"
    posts = [s.post for s in find_posts(text) if s.post]
    assert [p.text for p in posts] == ["Een", "Twee"]


def test_cut_off_code_block_ends_at_the_blank_line():
    """Code whose end tag never comes ends before the next blank line."""
    cut = X_CODE[: X_CODE.index("</blockquote>")]
    text = f"Voor.\n\n{cut}\n\nNa de code."
    segments = find_posts(text)
    assert [s.kind for s in segments] == ["text", "post", "text"]
    assert segments[2].text == "\nNa de code."


def test_unreadable_code_block_stays_text():
    """A blockquote that is no post is text, line by line."""
    text = "<blockquote>\nEen citaat.\n</blockquote>\nhttps://youtu.be/Qw3rTy_uI-9"
    segments = find_posts(text)
    assert [s.kind for s in segments] == ["text", "post"]
    assert segments[0].text == "<blockquote>\nEen citaat.\n</blockquote>"


def test_url_between_angle_brackets_is_a_post():
    """<https://...> alone on a line is a URL line."""
    segments = find_posts("<https://vimeo.com/912345678>")
    assert segments[0].post.url == "https://vimeo.com/912345678"


def test_segments_are_frozen():
    """A Segment cannot be changed after the fact."""
    with pytest.raises(FrozenInstanceError):
        Segment("text", text="x").text = "y"


def test_post_from_url():
    """A URL alone tells the author where it names them, and a video's still."""
    post = post_from_url("https://twitter.com/anoukvisser/status/1765432109876543210")
    assert (post.author_handle, post.author_url, post.source) == (
        "@anoukvisser",
        "https://x.com/anoukvisser",
        "url",
    )
    bluesky = post_from_url(BLUESKY_URL)
    assert bluesky.platform_ref == f"at://{DID}/app.bsky.feed.post/3kq2zyxwvut2a"
    remote = post_from_url(
        "https://mastodon.social/@kim@toot.example.org/1",
        mastodon_instances=["mastodon.social"],
    )
    assert remote.author_handle == "@kim@toot.example.org"
    assert post_from_url("https://youtu.be/Qw3rTy_uI-9").media[0].thumbnail_url == (
        "https://i.ytimg.com/vi/Qw3rTy_uI-9/hqdefault.jpg"
    )
    assert post_from_url("https://example.org/") is None


# --- Sanitizing -----------------------------------------------------------------------

HOSTILE_HTML = [
    "<script>alert(1)</script>",
    "<p>a<script>alert(1)</script>b</p>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<p>tekst<script>alert(1)",
    "<img src=x onerror=alert(1)>",
    '<p onclick="alert(1)" class="x" style="color:red" lang="nl">x</p>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\u200bscript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="/relatief">x</a>',
    '<a href="//evil.example/">x</a>',
    '<a href="https://ok.example/" onmouseover="alert(1)" target="_blank">x</a>',
    '<a href="https://ok.example/"><a href="https://twee.example/">geneste</a></a>',
    "<iframe src=https://evil.example></iframe>",
    "<svg><script>alert(1)</script></svg>",
    "<style>body{display:none}</style>",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<form action="https://evil.example"><input name=x></form>',
    "<details open ontoggle=alert(1)>",
    '<p title="</p><script>alert(1)</script>">x</p>',
]


@pytest.mark.parametrize("html", HOSTILE_HTML)
def test_sanitize_post_html_hostile(html):
    """Scripts, handlers and javascript:, data: or relative links never survive."""
    cleaned = sanitize_post_html(html)
    assert_safe(cleaned)
    assert "<script" not in cleaned.lower()


def test_sanitize_post_html_keeps_the_subset():
    """Paragraphs, breaks and http(s)/mailto links stay; the rest is unwrapped."""
    html = (
        '<div><p>Een <b>vet</b> woord<br>en <a href="https://nos.example/a" '
        'rel="nofollow">een link</a>, <a href="mailto:redactie@example.nl">mail</a>'
        "</p></div>"
    )
    assert sanitize_post_html(html) == (
        '<p>Een vet woord<br>en <a href="https://nos.example/a">een link</a>, '
        '<a href="mailto:redactie@example.nl">mail</a></p>'
    )


def test_linkify_post_text_for_x():
    """On X, URLs, @mentions and #hashtags become links; text is escaped."""
    html = linkify_post_text(
        "Zie https://example.nl/a_(b). Met @kim_b & <jan@example.nl>: #dijk #2024\n"
        "Regel twee\n\n\nAlinea twee #Één",
        provider="x",
    )
    assert html == (
        '<p>Zie <a href="https://example.nl/a_(b)">https://example.nl/a_(b)</a>. Met '
        '<a href="https://x.com/kim_b">@kim_b</a> &amp; &lt;jan@example.nl&gt;: '
        '<a href="https://x.com/hashtag/dijk">#dijk</a> #2024<br>Regel twee</p>'
        '<p>Alinea twee <a href="https://x.com/hashtag/%C3%89%C3%A9n">#Één</a></p>'
    )


def test_linkify_post_text_elsewhere_only_urls():
    """On other platforms only URLs become links."""
    html = linkify_post_text(
        "Met @kim en #dijk: https://example.nl.", provider="bluesky"
    )
    assert links(html) == [("https://example.nl", "https://example.nl")]
    assert "@kim en #dijk" in html_to_text(html)


def test_linkify_post_text_escapes_hostile_text():
    """Markup in plain text is shown, never run."""
    html = linkify_post_text(
        '<script>alert(1)</script> https://x.example/"onmouseover="alert(1)',
        provider="x",
    )
    assert_safe(html)
    assert html_to_text(html).startswith("<script>alert(1)</script>")


def test_html_to_text():
    """Breaks become newlines, paragraphs blank lines, entities characters."""
    html = '<p>Een  &amp;\n twee<br>drie <a href="https://a.example">link</a></p><p>vier</p>'
    assert html_to_text(html) == "Een & twee\ndrie link\n\nvier"
    assert html_to_text("<p>a<script>geheim()</script>b</p>") == "ab"
    assert html_to_text("") == ""


# --- Never raise, never let markup through: mutated samples ---------------------------

_INSERTS = [
    "<",
    ">",
    "</",
    "<p>",
    "</p>",
    "</blockquote>",
    '<blockquote class="twitter-tweet">',
    '<iframe src="https://www.youtube.com/embed/Qw3rTy_uI-9">',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">',
    "<![",
    "<!--",
    "&",
    "&#",
    "&mdash;",
    "\x00",
    "\u200b",
    "—",
    '"',
    "'",
    "\n",
    "\n\n\n",
    " — Kim (@kim) March 3, 2024",
    "https://x.com/kim/status/1",
    "pic.twitter.com/Ab12",
    "@kim",
    "#dijk",
]
_SEEDS = [*CODE_SAMPLES, SIGNATURE_TEXT, DOCUMENT, *HOSTILE_HTML]


def _mutate(rng: random.Random, text: str) -> str:
    """``text`` changed one to three times: mostly small edits, sometimes cut off."""
    for _ in range(rng.randint(1, 3)):
        position = rng.randint(0, len(text))
        kind = rng.choices(
            ["insert", "delete", "noise", "cut", "behead"], [8, 5, 4, 2, 1]
        )
        if kind == ["insert"]:
            text = text[:position] + rng.choice(_INSERTS) + text[position:]
        elif kind == ["delete"]:
            text = text[:position] + text[position + rng.randint(1, 40) :]
        elif kind == ["noise"]:
            noise = "".join(rng.choice("<>/\"'=&;#!-[] \nabcpq—@") for _ in range(8))
            text = text[:position] + noise + text[position:]
        elif kind == ["cut"]:
            text = text[:position]
        else:
            text = text[position:]
    return text


def _check_post(post):
    assert post is None or isinstance(post, Post)
    if post:
        assert_safe(post.text_html)
        assert isinstance(post.text, str)


def test_parsers_never_raise_on_mutated_input():
    """Hundreds of mutated samples: no parser raises, no unsafe markup comes out."""
    rng = random.Random(20240303)
    for _ in range(400):
        text = _mutate(rng, rng.choice(_SEEDS))
        _check_post(parse_embed_code(text))
        _check_post(parse_signature_post(text))
        assert has_signature(text) in {True, False}
        for segment in find_posts(text):
            assert segment.kind in {"text", "post"}
            _check_post(segment.post)
        for line in text.split("\n")[:5]:
            found = post_from_url(line.strip())
            _check_post(found)
        assert_safe(sanitize_post_html(text))
        assert_safe(linkify_post_text(text, provider=rng.choice(["x", "tiktok"])))
        assert isinstance(html_to_text(text), str)
