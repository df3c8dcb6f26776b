"""Server-side request forgery: oEmbed and media fetches never reach inside.

Against a real server on loopback (pytest-httpserver). With the guard on
(``EMBEDS_ALLOW_LOOPBACK`` off, as in production) the server must see no request;
with loopback allowed, as tests need, every other internal address stays refused,
also behind a redirect or a DNS name. Names are resolved by ``socket.getaddrinfo``,
which embeds.fetching calls once per hop; the ``dns`` fixture answers for the
``.test`` names and counts the lookups, so a second lookup (DNS rebinding) shows.
"""

import socket
import time
from types import SimpleNamespace

import pytest

from embeds.fetching import FetchBlocked, FetchError, fetch
from embeds.media import copy_image
from embeds.oembed import EmbedUnavailable, fetch_oembed
from embeds.parsing import parse_embed_code
from tests.helpers.samples.images import encode, scene

# Loopback in its many spellings; each names the test server's port.
LOOPBACK_HOSTS = [
    "127.0.0.1",
    "127.1.2.3",
    "localhost",
    "LOCALHOST.",
    "\u24db\u24de\u24d2\u24d0\u24db\u24d7\u24de\u24e2\u24e3",  # ⓛⓞⓒⓐⓛⓗⓞⓢⓣ (IDNA)
    "[::1]",
    "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]",
    "[0:0:0:0:0:ffff:127.0.0.1]",
    "[2002:7f00:1::]",  # 6to4
    "[64:ff9b::7f00:1]",  # NAT64
    "2130706433",  # decimal
    "0x7f000001",  # hex
    "0x7f.0.0.1",
    "0177.0.0.1",  # octal
    "017700000001",
    "127.1",
    "127.000.000.001",
]
# Internal addresses refused even where loopback is allowed (tests).
INTERNAL_HOSTS = [
    "10.0.0.1",
    "10.255.255.254",
    "172.16.0.1",
    "172.31.255.254",
    "192.168.1.1",
    "169.254.169.254",  # cloud metadata
    "169.254.0.1",
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",  # noqa: S104 (an address to refuse, not to bind)
    "0",
    "224.0.0.1",
    "255.255.255.255",
    "192.0.2.1",
    "198.18.0.1",
    "167772161",  # 10.0.0.1, decimal
    "0xa9fea9fe",  # 169.254.169.254, hex
    "0251.0376.0251.0376",  # 169.254.169.254, octal
    "0xA9.0xFE.0xA9.0xFE",
    "3232235521",  # 192.168.0.1
    "[fc00::1]",
    "[fd12:3456::1]",
    "[fd00:ec2::254]",  # AWS metadata over IPv6
    "[fe80::1]",
    "[::]",
    "[::7f00:1]",  # IPv4-compatible (deprecated)
    "[::ffff:10.0.0.1]",
    "[::ffff:169.254.169.254]",
    "[::ffff:0.0.0.0]",
    "[64:ff9b::a9fe:a9fe]",  # NAT64 of the metadata address
    "[2002:a9fe:a9fe::]",  # 6to4 of the metadata address
    "[ff02::1]",
]


@pytest.fixture
def guard_on(settings):
    """As in production: loopback refused like every other internal address."""
    settings.EMBEDS_ALLOW_LOOPBACK = False


@pytest.fixture
def loopback_allowed(settings):
    """As in tests against a local server: loopback only; the rest stays refused."""
    settings.EMBEDS_ALLOW_LOOPBACK = True


@pytest.fixture
def dns(monkeypatch):
    """Name resolution as embeds.fetching sees it: ``table`` answers for names (a
    list of addresses, or a callable giving one per lookup); ``calls`` lists every
    name looked up. Other names go to the system."""
    real = socket.getaddrinfo
    state = SimpleNamespace(table={}, calls=[])

    def getaddrinfo(host, port, *args, **kwargs):
        state.calls.append(host)
        answer = state.table.get(host)
        if answer is None:
            return real(host, port, *args, **kwargs)
        answer = answer() if callable(answer) else answer
        return [
            (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
            if ":" in address
            else (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
            for address in answer
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return state


def _refused(url: str, **options) -> FetchBlocked:
    """Fetch ``url``: refused as internal, at once (nothing waited on a connection)."""
    started = time.monotonic()
    with pytest.raises(FetchBlocked) as caught:
        fetch(url, max_bytes=1000, timeout=2, **options)
    assert time.monotonic() - started < 1, "a refusal must not wait for a connection"
    return caught.value


def test_the_guard_is_on_by_default():
    """Production settings refuse loopback; only tests switch it off."""
    from newsroom import settings as production

    assert production.EMBEDS_ALLOW_LOOPBACK is False


def test_the_test_server_answers_when_loopback_is_allowed(httpserver, loopback_allowed):
    """The control: the loopback server is really there and reachable."""
    httpserver.expect_request("/").respond_with_data("hallo")
    assert fetch(httpserver.url_for("/"), max_bytes=100).body == b"hallo"


@pytest.mark.parametrize("host", LOOPBACK_HOSTS)
def test_loopback_in_any_spelling_is_refused(httpserver, guard_on, host):
    """127/8, ::1, IPv4-mapped, 6to4, NAT64, decimal, hex, octal, short forms and
    IDNA look-alikes of localhost: refused, and the server there sees nothing."""
    httpserver.expect_request("/").respond_with_data("geheim")
    error = _refused(f"http://{host}:{httpserver.port}/")
    assert "intern netwerkadres" in str(error)
    assert httpserver.log == []


@pytest.mark.parametrize("host", INTERNAL_HOSTS)
def test_internal_addresses_are_refused_even_with_loopback_allowed(
    loopback_allowed, host
):
    """Private, link-local (metadata), shared, unspecified, multicast, reserved and
    unique-local addresses, and IPv4 ones wrapped in IPv6, are never fetched."""
    _refused(f"http://{host}/latest/meta-data/")


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[fd00::1]/",
        "http://[::ffff:192.168.0.1]/",
        "http://0.0.0.0:{port}/geheim",
        "http://3232235521/",
        "//169.254.169.254/latest/meta-data/",  # scheme-relative
        "http://intern.test/",  # a name resolving to 10.0.0.1
        "file:///etc/passwd",
        "gopher://127.0.0.1:{port}/",
    ],
)
def test_redirect_to_an_internal_address_is_refused(
    httpserver, loopback_allowed, dns, status, location
):
    """A redirect from an allowed server to an internal address (or another scheme)
    is refused before any connection: the allowed server saw the one request."""
    dns.table["intern.test"] = ["10.0.0.1"]
    target = location.format(port=httpserver.port)
    httpserver.expect_request("/").respond_with_data(
        "", status=status, headers={"Location": target}
    )
    httpserver.expect_request("/geheim").respond_with_data("geheim")
    _refused(httpserver.url_for("/"))
    assert [request.path for request, _ in httpserver.log] == ["/"]


def test_redirect_chain_is_checked_at_every_hop(httpserver, loopback_allowed):
    """Allowed, allowed, then internal: the last hop is refused."""
    httpserver.expect_request("/een").respond_with_data(
        "", status=302, headers={"Location": "/twee"}
    )
    httpserver.expect_request("/twee").respond_with_data(
        "", status=307, headers={"Location": "http://169.254.169.254/"}
    )
    _refused(httpserver.url_for("/een"))
    assert [request.path for request, _ in httpserver.log] == ["/een", "/twee"]


@pytest.mark.parametrize(
    "addresses",
    [
        ["127.0.0.1"],
        ["::ffff:127.0.0.1"],
        ["10.0.0.1"],
        ["169.254.169.254"],
        ["fd00::1"],
        ["93.184.216.34", "10.0.0.1"],  # one internal address among public ones
        ["93.184.216.34", "127.0.0.1"],
    ],
)
def test_a_name_resolving_inside_is_refused(httpserver, guard_on, dns, addresses):
    """A DNS name is judged by every address it resolves to; the loopback server
    behind it is never contacted."""
    dns.table["nieuws.test"] = addresses
    httpserver.expect_request("/").respond_with_data("geheim")
    _refused(f"http://nieuws.test:{httpserver.port}/")
    assert httpserver.log == []
    assert dns.calls == ["nieuws.test"]


def test_the_connection_goes_to_the_checked_address(httpserver, loopback_allowed, dns):
    """DNS rebinding: the name answers the test server's address first and the
    metadata address after. The fetch looks it up once and connects to what it
    checked; the Host header still names the name."""
    answers = iter([["127.0.0.1"], ["169.254.169.254"], ["169.254.169.254"]])
    dns.table["wissel.test"] = lambda: next(answers)
    httpserver.expect_request("/").respond_with_data("publiek")
    result = fetch(f"http://wissel.test:{httpserver.port}/", max_bytes=100)
    assert result.body == b"publiek"
    assert dns.calls == ["wissel.test"]
    request, _ = httpserver.log[0]
    assert request.headers["Host"] == f"wissel.test:{httpserver.port}"


def test_a_redirect_to_the_same_name_is_looked_up_and_checked_again(
    httpserver, loopback_allowed, dns
):
    """Each hop resolves afresh and is judged afresh: a name that now points at
    the metadata address is refused on the second hop."""
    answers = iter([["127.0.0.1"], ["169.254.169.254"]])
    dns.table["wissel.test"] = lambda: next(answers)
    httpserver.expect_request("/").respond_with_data(
        "", status=302, headers={"Location": "/daarna"}
    )
    _refused(f"http://wissel.test:{httpserver.port}/")
    assert dns.calls == ["wissel.test", "wissel.test"]
    assert len(httpserver.log) == 1


def test_media_copies_refuse_internal_addresses(httpserver, guard_on, dns):
    """A post's image on an internal address is not copied; the server sees
    nothing."""
    dns.table["plaatjes.test"] = ["127.0.0.1"]
    httpserver.expect_request("/foto.jpg").respond_with_data(
        encode(scene(), "JPEG"), content_type="image/jpeg"
    )
    for url in (
        httpserver.url_for("/foto.jpg"),
        f"http://plaatjes.test:{httpserver.port}/foto.jpg",
        f"http://2130706433:{httpserver.port}/foto.jpg",
        "http://169.254.169.254/latest/meta-data/iam/",
    ):
        with pytest.raises(FetchBlocked):
            copy_image(url)
    assert httpserver.log == []


MASTODON_CODE = (
    '<blockquote class="mastodon-embed" data-embed-url="https://{host}/@redactie/1234/'
    'embed"><a href="https://{host}/@redactie/1234">Bekijk</a></blockquote>'
)


@pytest.mark.parametrize("allowed", [False, True], ids=["guard on", "control"])
def test_oembed_on_a_pasted_instance_inside_is_refused(
    httpserver, settings, dns, allowed
):
    """Pasted Mastodon code names its own instance, so an editor's paste decides
    the host that is asked. One that resolves to loopback is refused with the guard
    on; with loopback allowed the same request reaches the server (the control)."""
    settings.EMBEDS_ALLOW_LOOPBACK = allowed
    settings.EMBEDS_OEMBED_ENDPOINTS = {
        "mastodon": f"http://{{instance}}:{httpserver.port}/api/oembed"
    }
    dns.table["sociaal.test"] = ["127.0.0.1"]
    httpserver.expect_request("/api/oembed").respond_with_json(
        {"type": "rich", "author_name": "Redactie"}
    )
    post = parse_embed_code(MASTODON_CODE.format(host="sociaal.test"))
    assert post is not None and post.provider == "mastodon"
    if allowed:
        assert fetch_oembed(post).author_name == "Redactie"
        assert len(httpserver.log) == 1
    else:
        with pytest.raises(EmbedUnavailable) as caught:
            fetch_oembed(post)
        assert isinstance(caught.value.__cause__, FetchBlocked)
        assert httpserver.log == []


@pytest.mark.parametrize("host", ["169.254.169.254", "10.0.0.1", "192.168.0.1"])
def test_oembed_on_an_internal_instance_address_is_refused(loopback_allowed, host):
    """Mastodon code naming an internal address as its instance: refused."""
    post = parse_embed_code(MASTODON_CODE.format(host=host))
    assert post is not None
    with pytest.raises(EmbedUnavailable) as caught:
        fetch_oembed(post)
    assert isinstance(caught.value.__cause__, FetchBlocked)


@pytest.mark.django_db
def test_a_provider_pointing_at_the_metadata_address_gets_nothing(
    httpserver, settings, loopback_allowed
):
    """The provider's answer names a thumbnail on the metadata address: the post is
    archived, the image is not fetched, and the editor is told why."""
    from embeds.post import Post
    from embeds.services import archive_post

    settings.EMBEDS_OEMBED_ENDPOINTS = {"youtube": httpserver.url_for("/oembed")}
    httpserver.expect_request("/oembed").respond_with_json(
        {
            "type": "video",
            "title": "Video",
            "thumbnail_url": "http://169.254.169.254/latest/meta-data/iam/",
        }
    )
    notices = []
    url = "https://www.youtube.com/watch?v=Ab3dEf6hIj0"
    embed = archive_post(
        Post(provider="youtube", url=url, post_id="Ab3dEf6hIj0"),
        notices=notices,
        fetch=True,
    )
    # The test settings' immediate backend ran the enrichment task at once.
    assert embed.title == "Video"
    assert not embed.media.get().image
    # Its title came: the card has content, so the editor gets no notice about it.
    assert notices == [], notices
    assert "intern netwerkadres" in embed.check_error
    assert len(httpserver.log) == 1


def test_every_refusal_is_a_fetch_error():
    """Callers catch FetchError; the refusals are among them."""
    assert issubclass(FetchBlocked, FetchError)
