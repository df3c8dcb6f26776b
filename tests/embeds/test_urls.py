"""Canonical post URLs (embeds.canonical): every spelling of one post gives one URL."""

import pytest

from embeds.canonical import MAX_URL_LENGTH, canonicalize, find_url

INSTANCES = ["mastodon.social", "mastodon.nl", "toot.example.org"]

X_CANONICAL = "https://x.com/JanDeVries/status/1765432109876543210"
X_SPELLINGS = [
    "https://x.com/JanDeVries/status/1765432109876543210",
    "http://x.com/JanDeVries/status/1765432109876543210",
    "https://twitter.com/JanDeVries/status/1765432109876543210",
    "https://www.twitter.com/JanDeVries/status/1765432109876543210",
    "https://www.x.com/JanDeVries/status/1765432109876543210",
    "https://mobile.twitter.com/JanDeVries/status/1765432109876543210",
    "https://mobile.x.com/JanDeVries/status/1765432109876543210",
    "https://twitter.com/JanDeVries/statuses/1765432109876543210",
    "https://x.com/JanDeVries/status/1765432109876543210/",
    "https://x.com/JanDeVries/status/1765432109876543210?s=20",
    "https://x.com/JanDeVries/status/1765432109876543210?s=20&t=Ab1cD2eF3gH4iJ5kL6",
    "https://twitter.com/JanDeVries/status/1765432109876543210?ref_src=twsrc%5Etfw",
    "https://x.com/JanDeVries/status/1765432109876543210#m",
    "https://x.com/JanDeVries/status/1765432109876543210/photo/1",
    "https://twitter.com/JanDeVries/status/1765432109876543210/video/1?s=46",
    "HTTPS://X.COM/JanDeVries/status/1765432109876543210",
    "  https://x.com/JanDeVries/status/1765432109876543210  ",
    "https://x.com:443/JanDeVries/status/1765432109876543210",
]


@pytest.mark.parametrize("url", X_SPELLINGS)
def test_x_spellings_give_one_canonical_url(url):
    """Hosts, schemes, ?s=20, ref_src, fragments and /photo/1 all give one URL."""
    assert canonicalize(url, mastodon_instances=[]) == (
        "x",
        X_CANONICAL,
        "1765432109876543210",
    )


def test_x_keeps_the_handle_as_written():
    """The handle's case is kept: X itself ignores it, so either spelling works."""
    found = canonicalize("https://twitter.com/jandevries/status/42")
    assert found == ("x", "https://x.com/jandevries/status/42", "42")


def test_x_web_status_without_handle():
    """/i/web/status/<id> has no handle: https://x.com/i/status/<id>."""
    expected = (
        "x",
        "https://x.com/i/status/1765432109876543210",
        "1765432109876543210",
    )
    assert canonicalize("https://x.com/i/web/status/1765432109876543210") == expected
    assert canonicalize("https://x.com/i/status/1765432109876543210") == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com/JanDeVries",
        "https://x.com/JanDeVries/status/",
        "https://x.com/JanDeVries/status/abc",
        "https://x.com/JanDeVries/status/123/likes",
        "https://x.com/JanDeVries/status/123/photo/one",
        "https://x.com/hashtag/verkiezingen",
        "https://x.com/search?q=brug",
        "https://x.com/a_handle_far_too_long/status/1",
        "https://x.com/",
    ],
)
def test_x_pages_that_are_not_one_post(url):
    """Profiles, searches, hashtags and broken status paths are not posts."""
    assert canonicalize(url) is None


def test_bluesky_with_handle_and_with_did():
    """Bluesky keeps the handle (lowercased) or the DID the URL names."""
    assert canonicalize(
        "https://bsky.app/profile/Redactie.Example.NL/post/3kq2zyxwvut2a?ref_src=embed"
    ) == (
        "bluesky",
        "https://bsky.app/profile/redactie.example.nl/post/3kq2zyxwvut2a",
        "3kq2zyxwvut2a",
    )
    did = "did:plc:abcdefghijklmnopqrstuvwx"
    assert canonicalize(f"https://bsky.app/profile/{did}/post/3kq2zyxwvut2a/") == (
        "bluesky",
        f"https://bsky.app/profile/{did}/post/3kq2zyxwvut2a",
        "3kq2zyxwvut2a",
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://bsky.app/profile/redactie.example.nl",
        "https://bsky.app/profile/redactie/post/3kq2zyxwvut2a",
        "https://bsky.app/profile/redactie.example.nl/post/",
        "https://bsky.app/search?q=brug",
    ],
)
def test_bluesky_pages_that_are_not_one_post(url):
    """A profile, a handle without a domain or a post without a key is not a post."""
    assert canonicalize(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://mastodon.nl/@redactie/112233445566778899",
        "https://mastodon.nl/@redactie/112233445566778899/",
        "https://mastodon.nl/@redactie/112233445566778899/embed",
        "https://mastodon.nl/users/redactie/statuses/112233445566778899",
        "https://MASTODON.NL/@redactie/112233445566778899?utm_source=x",
        "https://mastodon.nl/@redactie@mastodon.nl/112233445566778899",
    ],
)
def test_mastodon_spellings(url):
    """/@user/id, /users/user/statuses/id and /embed give https://<inst>/@user/id."""
    assert canonicalize(url, mastodon_instances=INSTANCES) == (
        "mastodon",
        "https://mastodon.nl/@redactie/112233445566778899",
        "112233445566778899",
    )


def test_mastodon_remote_account_keeps_its_domain():
    """On another instance, @user@domain stays: @user alone is a local account."""
    assert canonicalize(
        "https://mastodon.social/@redactie@Mastodon.NL/112233445566778899",
        mastodon_instances=INSTANCES,
    ) == (
        "mastodon",
        "https://mastodon.social/@redactie@mastodon.nl/112233445566778899",
        "112233445566778899",
    )


def test_mastodon_only_on_known_instances():
    """A Mastodon-shaped URL counts only on an instance we know."""
    url = "https://social.unknown.example/@redactie/112233445566778899"
    assert canonicalize(url, mastodon_instances=INSTANCES) is None
    assert canonicalize(url, mastodon_instances=["social.unknown.example"])[0] == (
        "mastodon"
    )


def test_mastodon_instances_default_to_the_settings(settings):
    """Without a list, the default instances and EMBEDS_MASTODON_INSTANCES count."""
    settings.EMBEDS_MASTODON_INSTANCES = ["toot.example.org"]
    assert canonicalize("https://mastodon.social/@kim/1")[0] == "mastodon"
    assert canonicalize("https://toot.example.org/@kim/1")[0] == "mastodon"
    assert canonicalize("https://elsewhere.example.org/@kim/1") is None


def test_mastodon_never_on_another_providers_host():
    """A setting naming youtube.com does not make its URLs Mastodon posts."""
    assert (
        canonicalize(
            "https://youtube.com/@kanaal/123", mastodon_instances=["youtube.com"]
        )
        is None
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://mastodon.nl/@redactie",
        "https://mastodon.nl/@redactie/with_replies",
        "https://mastodon.nl/tags/brug",
        "https://mastodon.nl/@redactie/112233445566778899/favourites",
    ],
)
def test_mastodon_pages_that_are_not_one_post(url):
    """Profiles, tags and a post's sub-pages are not posts."""
    assert canonicalize(url, mastodon_instances=INSTANCES) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=Qw3rTy_uI-9",
        "https://youtube.com/watch?feature=share&v=Qw3rTy_uI-9&t=42s",
        "https://m.youtube.com/watch?v=Qw3rTy_uI-9",
        "https://youtu.be/Qw3rTy_uI-9",
        "https://youtu.be/Qw3rTy_uI-9?si=AbCdEfGh&t=10",
        "https://www.youtube.com/embed/Qw3rTy_uI-9?si=AbCdEfGh",
        "https://www.youtube-nocookie.com/embed/Qw3rTy_uI-9",
        "https://youtube-nocookie.com/embed/Qw3rTy_uI-9?rel=0",
        "https://www.youtube.com/shorts/Qw3rTy_uI-9",
        "https://www.youtube.com/live/Qw3rTy_uI-9?feature=shared",
    ],
)
def test_youtube_spellings(url):
    """watch?v=, youtu.be, embed, nocookie, shorts and live give watch?v=<id>."""
    assert canonicalize(url) == (
        "youtube",
        "https://www.youtube.com/watch?v=Qw3rTy_uI-9",
        "Qw3rTy_uI-9",
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/@kanaal",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch",
        "https://www.youtube.com/embed/videoseries?list=PL0123456789",
        "https://www.youtube.com/playlist?list=PL0123456789",
        "https://youtu.be/",
    ],
)
def test_youtube_pages_that_are_not_one_video(url):
    """Channels, playlists and malformed ids are not videos."""
    assert canonicalize(url) is None


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://www.instagram.com/p/C4xYz12AbCd/", "/p/C4xYz12AbCd/"),
        ("https://instagram.com/p/C4xYz12AbCd", "/p/C4xYz12AbCd/"),
        (
            "https://www.instagram.com/p/C4xYz12AbCd/?igsh=MTc4&img_index=2",
            "/p/C4xYz12AbCd/",
        ),
        ("https://www.instagram.com/tv/C4xYz12AbCd/", "/p/C4xYz12AbCd/"),
        ("https://www.instagram.com/fotonoord/p/C4xYz12AbCd/", "/p/C4xYz12AbCd/"),
        ("https://www.instagram.com/p/C4xYz12AbCd/embed/captioned/", "/p/C4xYz12AbCd/"),
        ("https://www.instagram.com/reel/C5aBc34DeFg/", "/reel/C5aBc34DeFg/"),
        ("https://www.instagram.com/fotonoord/reel/C5aBc34DeFg/", "/reel/C5aBc34DeFg/"),
    ],
)
def test_instagram_spellings(url, canonical):
    """Posts and tv give /p/<code>/, reels /reel/<code>/; a username prefix goes."""
    provider, found, code = canonicalize(url)
    assert (provider, found) == ("instagram", "https://www.instagram.com" + canonical)
    assert code == canonical.split("/")[2]


@pytest.mark.parametrize(
    "url",
    ["https://www.instagram.com/fotonoord/", "https://www.instagram.com/explore/"],
)
def test_instagram_profiles_are_not_posts(url):
    """A profile or the explore page is not a post."""
    assert canonicalize(url) is None


def test_tiktok():
    """/@handle/video/<id> on any TikTok host gives the www form."""
    canonical = "https://www.tiktok.com/@weerman.nl/video/7301234567890123456"
    for url in [
        canonical,
        "https://tiktok.com/@weerman.nl/video/7301234567890123456?is_from_webapp=1",
        "https://m.tiktok.com/@weerman.nl/video/7301234567890123456/",
    ]:
        assert canonicalize(url) == ("tiktok", canonical, "7301234567890123456")
    assert canonicalize("https://www.tiktok.com/@weerman.nl") is None
    assert canonicalize("https://www.tiktok.com/weerman/video/1") is None


@pytest.mark.parametrize(
    "url",
    [
        "https://vimeo.com/912345678",
        "https://www.vimeo.com/912345678?share=copy",
        "https://vimeo.com/channels/staffpicks/912345678",
        "https://vimeo.com/groups/documentaires/videos/912345678",
        "https://player.vimeo.com/video/912345678?h=ab12cd34ef&badge=0",
    ],
)
def test_vimeo_spellings(url):
    """vimeo.com/<id>, channels, groups and the player give vimeo.com/<id>."""
    assert canonicalize(url) == ("vimeo", "https://vimeo.com/912345678", "912345678")


def test_vimeo_pages_that_are_not_videos():
    """A user page or a channel is not a video."""
    assert canonicalize("https://vimeo.com/redactie") is None
    assert canonicalize("https://vimeo.com/channels/staffpicks") is None


CANONICAL_URLS = [
    X_CANONICAL,
    "https://x.com/i/status/1",
    "https://bsky.app/profile/redactie.example.nl/post/3kq2zyxwvut2a",
    "https://mastodon.nl/@redactie/112233445566778899",
    "https://mastodon.social/@redactie@mastodon.nl/112233445566778899",
    "https://www.youtube.com/watch?v=Qw3rTy_uI-9",
    "https://www.instagram.com/p/C4xYz12AbCd/",
    "https://www.instagram.com/reel/C5aBc34DeFg/",
    "https://www.tiktok.com/@weerman.nl/video/7301234567890123456",
    "https://vimeo.com/912345678",
]


@pytest.mark.parametrize("url", CANONICAL_URLS)
def test_canonical_urls_are_their_own_canonical_form(url):
    """Canonicalizing a canonical URL changes nothing."""
    assert canonicalize(url, mastodon_instances=INSTANCES)[1] == url


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com.evil.example/JanDeVries/status/1",
        "https://evilx.com/JanDeVries/status/1",
        "https://notx.com/JanDeVries/status/1",
        "https://x.co/JanDeVries/status/1",
        "https://x.com@evil.example/JanDeVries/status/1",
        "https://user:pass@x.com/JanDeVries/status/1",
        "https://evil.example/x.com/JanDeVries/status/1",
        "https://evil.example/?u=https://x.com/JanDeVries/status/1",
        "https://x.com\\@evil.example/JanDeVries/status/1",
        "https://x.com:8080/JanDeVries/status/1",
        "https://x.com:99999/JanDeVries/status/1",
        "https://[::1/JanDeVries/status/1",
        "javascript://x.com/JanDeVries/status/1",
        "ftp://x.com/JanDeVries/status/1",
        "data:text/html,https://x.com/JanDeVries/status/1",
        "x.com/JanDeVries/status/1",
        "//x.com/JanDeVries/status/1",
        "https://x.com/Jan DeVries/status/1",
        "https://x.com/JanDeVries/status/1\nhttps://evil.example/",
        "https://youtube.com.evil.example/watch?v=Qw3rTy_uI-9",
        "https://bsky.app.evil.example/profile/a.example/post/3kq2zyxwvut2a",
        "https://www.instagram.com.evil.example/p/C4xYz12AbCd/",
        "",
        "   ",
        "not a url at all",
    ],
)
def test_rejections(url):
    """Look-alike hosts, user info, odd ports, other schemes: None, never an error."""
    assert canonicalize(url, mastodon_instances=INSTANCES) is None


def test_over_long_input_is_rejected():
    """A URL past MAX_URL_LENGTH is refused, whatever it looks like."""
    url = "https://x.com/JanDeVries/status/1?pad=" + "a" * MAX_URL_LENGTH
    assert canonicalize(url) is None


@pytest.mark.parametrize("value", [None, 42, b"https://x.com/a/status/1", ["x"]])
def test_non_strings_are_not_urls(value):
    """Anything but a string gives None from both functions."""
    assert canonicalize(value) is None
    assert find_url(value) is None


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  https://x.com/a/status/1?s=20 \n", "https://x.com/a/status/1?s=20"),
        ("<https://example.org/a>", "https://example.org/a"),
        ("HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/"),
        ("Lees https://example.org/a", None),
        ("https://example.org/a https://example.org/b", None),
        ("<https://example.org/a", None),
        ("https://example.org/a>", None),
        ("mailto:redactie@example.org", None),
        ("ftp://example.org/a", None),
        ("example.org/a", None),
        ("https://", None),
        ("https://[::1", None),
        ("", None),
    ],
)
def test_find_url(text, url):
    """find_url gives the URL only when it is all of the text."""
    assert find_url(text) == url
