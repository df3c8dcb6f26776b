"""embeds.oembed: a provider's oEmbed answer, good or hostile, becomes a safe Post.

The providers are played by a real server on loopback (EMBEDS_OEMBED_ENDPOINTS points
there); the sample answers follow each provider's published oEmbed format.
"""

import json
import threading
from datetime import date

import pytest
from werkzeug import Response

from embeds.fetching import FetchBlocked, FetchHTTPError, FetchTimeout, FetchTooLarge
from embeds.oembed import EmbedGone, EmbedUnavailable, fetch_oembed
from embeds.post import Media, Post

X_URL = "https://x.com/janedoe/status/1790000000000000000"
X_ANSWER = {
    "url": "https://twitter.com/janedoe/status/1790000000000000000",
    "author_name": "Jane Doe",
    "author_url": "https://twitter.com/janedoe",
    "html": (
        '<blockquote class="twitter-tweet" data-dnt="true"><p lang="nl" dir="ltr">'
        "Het water bij Lobith staat op 14,2 meter. "
        '<a href="https://twitter.com/hashtag/hoogwater?src=hash&amp;ref_src=twsrc'
        '%5Etfw">#hoogwater</a></p>&mdash; Jane Doe (@janedoe) <a href="https://'
        'twitter.com/janedoe/status/1790000000000000000?ref_src=twsrc%5Etfw">May 13, '
        "2024</a></blockquote>\n"
    ),
    "width": 550,
    "height": None,
    "type": "rich",
    "cache_age": "3153600000",
    "provider_name": "Twitter",
    "provider_url": "https://twitter.com",
    "version": "1.0",
}
YOUTUBE_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
YOUTUBE_ANSWER = {
    "title": "Hoogwater in Lobith",
    "author_name": "Rijkswaterstaat",
    "author_url": "https://www.youtube.com/@rijkswaterstaat",
    "type": "video",
    "height": 309,
    "width": 550,
    "version": "1.0",
    "provider_name": "YouTube",
    "provider_url": "https://www.youtube.com/",
    "thumbnail_height": 360,
    "thumbnail_width": 480,
    "thumbnail_url": "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
    "html": (
        '<iframe width="550" height="309" src="https://www.youtube.com/embed/'
        'dQw4w9WgXcQ?feature=oembed" frameborder="0" allowfullscreen '
        'title="Hoogwater in Lobith"></iframe>'
    ),
}


@pytest.fixture(autouse=True)
def endpoints(settings, httpserver):
    """Every provider's endpoint on the test server; loopback allowed."""
    settings.EMBEDS_ALLOW_LOOPBACK = True
    settings.EMBEDS_OEMBED_ENDPOINTS = {
        "x": httpserver.url_for("/x/oembed"),
        "bluesky": httpserver.url_for("/bluesky/oembed"),
        "youtube": httpserver.url_for("/youtube/oembed"),
        "vimeo": httpserver.url_for("/vimeo/oembed"),
        "tiktok": httpserver.url_for("/tiktok/oembed"),
        "mastodon": "http://{instance}/api/oembed",
    }


@pytest.fixture
def release():
    """An event that slow handlers wait on; set when the test ends."""
    event = threading.Event()
    yield event
    event.set()


def _x_answers(httpserver, **response):
    if "json" in response:
        response = {"response_data": json.dumps(response.pop("json"))}
    httpserver.expect_request("/x/oembed").respond_with_data(**response)


# --- good answers -----------------------------------------------------------------


def test_x_answer_becomes_a_post(httpserver):
    """X's answer gives the author from its fields, the rest from its blockquote."""
    httpserver.expect_request(
        "/x/oembed",
        query_string={
            "url": X_URL,
            "format": "json",
            "maxwidth": "550",
            "omit_script": "1",
            "dnt": "1",
        },
        headers={"Accept": "application/json"},
    ).respond_with_json(X_ANSWER)
    post = fetch_oembed(Post(provider="x", url=X_URL))
    assert (post.provider, post.url, post.source) == ("x", X_URL, "oembed")
    assert post.author_name == "Jane Doe"
    assert post.author_url == "https://twitter.com/janedoe"
    assert post.author_handle == "@janedoe"
    assert post.post_id == "1790000000000000000"
    assert post.language == "nl"
    assert post.published_at == date(2024, 5, 13)
    assert post.text.startswith("Het water bij Lobith staat op 14,2 meter.")
    assert post.text_html.startswith("<p>Het water bij Lobith")
    assert "blockquote" not in post.text_html


def test_video_answer_gives_title_and_thumbnail(httpserver):
    """A YouTube answer gives the title and a video with its still image."""
    httpserver.expect_request(
        "/youtube/oembed",
        query_string={"url": YOUTUBE_URL, "format": "json", "maxwidth": "550"},
    ).respond_with_json(YOUTUBE_ANSWER)
    post = fetch_oembed(Post(provider="youtube", url=YOUTUBE_URL))
    assert post.title == "Hoogwater in Lobith"
    assert post.author_name == "Rijkswaterstaat"
    assert post.media == (
        Media(
            kind="video",
            url=YOUTUBE_URL,
            thumbnail_url="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
            width=480,
            height=360,
        ),
    )


def test_mastodon_is_asked_at_the_posts_own_instance(httpserver):
    """Mastodon's endpoint is on the instance named by the post's URL."""
    httpserver.expect_request("/api/oembed").respond_with_json(
        {"type": "rich", "author_name": "Jane", "author_url": "https://mas.to/@jane"}
    )
    url = f"http://localhost:{httpserver.port}/@jane/112233445566778899"
    post = fetch_oembed(Post(provider="mastodon", url=url))
    assert (post.author_name, post.author_url) == ("Jane", "https://mas.to/@jane")
    assert httpserver.log[0][0].args["url"] == url


def test_provider_without_endpoint_is_unavailable(httpserver):
    """Instagram has no open oEmbed: the editor is told to paste the code."""
    url = "https://www.instagram.com/p/C7abcdefghi/"
    with pytest.raises(EmbedUnavailable, match="Voor Instagram is geen oEmbed"):
        fetch_oembed(Post(provider="instagram", url=url))
    assert httpserver.log == []


# --- hostile or broken answers ----------------------------------------------------


def test_script_and_handlers_in_the_html_never_reach_the_post(httpserver):
    """The answer's html is parsed and sanitized: no script, no onerror."""
    answer = dict(X_ANSWER)
    answer["html"] = (
        '<blockquote class="twitter-tweet"><p lang="en">Hallo <script>alert(1)'
        '</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">klik'
        '</a></p>&mdash; Jane Doe (@janedoe) <a href="https://twitter.com/janedoe/'
        'status/1790000000000000000">May 13, 2024</a></blockquote><script async '
        'src="https://platform.twitter.com/widgets.js"></script>'
        '<img src=x onerror="alert(4)">'
    )
    _x_answers(httpserver, json=answer)
    post = fetch_oembed(Post(provider="x", url=X_URL))
    assert post.text.startswith("Hallo")
    for forbidden in ("<script", "onerror", "javascript:", "alert", "<img"):
        assert forbidden not in post.text_html.lower()
        assert forbidden not in post.text.lower()


def test_html_about_another_post_is_ignored(httpserver):
    """A blockquote of another post (or platform) adds nothing to this one."""
    answer = dict(X_ANSWER, html=X_ANSWER["html"].replace("1790000000", "1234567890"))
    _x_answers(httpserver, json=answer)
    post = fetch_oembed(Post(provider="x", url=X_URL, post_id="1790000000000000000"))
    assert post.author_name == "Jane Doe"
    assert post.text == ""


def test_fields_of_the_wrong_type_are_ignored(httpserver):
    """Wrong types and non-web URLs are dropped, field by field, without failing."""
    httpserver.expect_request("/youtube/oembed").respond_with_json(
        {
            "title": ["Hoogwater"],
            "author_name": 42,
            "author_url": "javascript:alert(1)",
            "html": {"iframe": True},
            "thumbnail_url": "data:image/png;base64,AAAA",
            "thumbnail_width": "480",
            "thumbnail_height": True,
        }
    )
    post = fetch_oembed(Post(provider="youtube", url=YOUTUBE_URL))
    assert post == Post(provider="youtube", url=YOUTUBE_URL, source="oembed")


def test_video_without_thumbnail_keeps_what_its_iframe_says(httpserver):
    """Without a thumbnail in the answer, the media come from the embed HTML."""
    answer = {k: v for k, v in YOUTUBE_ANSWER.items() if not k.startswith("thumb")}
    httpserver.expect_request("/youtube/oembed").respond_with_json(answer)
    post = fetch_oembed(Post(provider="youtube", url=YOUTUBE_URL))
    assert post.post_id == "dQw4w9WgXcQ"
    assert [(m.kind, m.url) for m in post.media] == [("video", YOUTUBE_URL)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param("<html><body>Even geduld</body></html>", "geen geldige JSON",
                     id="html"),
        pytest.param("[" * 100_000 + "]" * 100_000, "geen geldige JSON", id="nested"),
        pytest.param(json.dumps([X_ANSWER]), "een lijst in plaats van", id="list"),
        pytest.param(json.dumps("Jane Doe"), "een tekst in plaats van", id="string"),
        pytest.param("null", "null in plaats van", id="null"),
        pytest.param(b"\xff\xfe\x00garbage", "geen geldige JSON", id="bytes"),
    ],
)  # fmt: skip
def test_answer_that_is_not_a_json_object_is_unavailable(httpserver, body, message):
    """Not JSON, or JSON that is not an object, is refused with a reason."""
    _x_answers(httpserver, response_data=body, content_type="application/json")
    with pytest.raises(EmbedUnavailable, match=message):
        fetch_oembed(Post(provider="x", url=X_URL))


@pytest.mark.parametrize("status", [404, 410])
def test_gone_post_raises_embed_gone(httpserver, status):
    """404 and 410 mean the post was deleted."""
    _x_answers(httpserver, response_data="", status=status)
    with pytest.raises(EmbedGone, match="niet meer bestaat") as caught:
        fetch_oembed(Post(provider="x", url=X_URL))
    assert isinstance(caught.value.__cause__, FetchHTTPError)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (401, "privé of afgeschermd"),
        (403, "privé of afgeschermd"),
        (500, "foutcode 500"),
    ],
)
def test_refusals_and_server_errors_are_unavailable(httpserver, status, message):
    """401/403 (private) and 5xx leave the post unavailable, not gone."""
    _x_answers(httpserver, response_data="", status=status)
    with pytest.raises(EmbedUnavailable, match=message):
        fetch_oembed(Post(provider="x", url=X_URL))


def test_slow_provider_is_unavailable(httpserver, settings, release):
    """A provider slower than EMBEDS_FETCH_DEADLINE gives EmbedUnavailable, in time."""
    settings.EMBEDS_FETCH_DEADLINE = 0.3

    def slow(_request):
        release.wait(3)
        return Response(json.dumps(X_ANSWER))

    httpserver.expect_request("/x/oembed").respond_with_handler(slow)
    with pytest.raises(EmbedUnavailable, match="niet binnen 0,3 seconden") as caught:
        fetch_oembed(Post(provider="x", url=X_URL))
    assert isinstance(caught.value.__cause__, FetchTimeout)


def _padded_answer():
    yield json.dumps(X_ANSWER)[:-1].encode() + b', "padding": "'
    for _ in range(1100):
        yield b"x" * 1000
    yield b'"}'


@pytest.mark.parametrize("announced", [True, False], ids=["length", "streamed"])
def test_answer_over_one_megabyte_is_unavailable(httpserver, announced):
    """More than OEMBED_MAX_BYTES, announced or not, is not read."""
    if announced:
        response = Response(b"".join(_padded_answer()))
    else:
        response = Response(_padded_answer())
    httpserver.expect_request("/x/oembed").respond_with_response(response)
    with pytest.raises(EmbedUnavailable, match="groter dan de grens van 1 MB") as e:
        fetch_oembed(Post(provider="x", url=X_URL))
    assert isinstance(e.value.__cause__, FetchTooLarge)


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/oembed",
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:{port}/x/elders",  # loopback, but not the endpoint's host
        "https://publish.twitter.com.evil.example/oembed",
    ],
)
def test_redirect_away_from_the_endpoint_is_blocked(httpserver, location):
    """Only the endpoint's host is asked, also after a redirect."""
    httpserver.expect_request("/x/oembed").respond_with_data(
        "", status=302, headers={"Location": location.format(port=httpserver.port)}
    )
    httpserver.expect_request("/x/elders").respond_with_json(X_ANSWER)
    with pytest.raises(EmbedUnavailable) as caught:
        fetch_oembed(Post(provider="x", url=X_URL))
    assert isinstance(caught.value.__cause__, FetchBlocked)
    assert len(httpserver.log) == 1


def test_loopback_endpoint_is_refused_in_production(httpserver, settings):
    """Without EMBEDS_ALLOW_LOOPBACK the local endpoint is never contacted."""
    settings.EMBEDS_ALLOW_LOOPBACK = False
    _x_answers(httpserver, json=X_ANSWER)
    with pytest.raises(EmbedUnavailable, match="intern netwerkadres") as caught:
        fetch_oembed(Post(provider="x", url=X_URL))
    assert isinstance(caught.value.__cause__, FetchBlocked)
    assert httpserver.log == []
