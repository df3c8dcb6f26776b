"""embeds.fetching: one safe GET, against real servers on loopback.

The pytest-httpserver server plays the providers; a bare TCP server plays the ones
that break HTTP itself. Timeouts are fractions of a second so the suite stays fast.
"""

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from embeds.fetching import (
    FetchBlocked,
    FetchError,
    FetchFailed,
    FetchHTTPError,
    FetchTimeout,
    FetchTooLarge,
    fetch,
    is_forbidden_address,
)
from tests.helpers.parts import CI


@pytest.fixture(scope="module")
def make_httpserver():
    """A threaded server for this module: HTTP/1.1 (chunked bodies), and a slow
    handler keeps no other request waiting."""
    server = HTTPServer(threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(autouse=True)
def _loopback(settings):
    settings.EMBEDS_ALLOW_LOOPBACK = True


@pytest.fixture
def release():
    """An event that slow handlers wait on; set when the test ends."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def raw_server():
    """Start a one-connection TCP server on loopback that plays ``play(conn)``."""
    threads = []

    def start(play):
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(5)

        def serve():
            with listener:
                try:
                    conn, _ = listener.accept()
                except OSError:
                    return
                with conn:
                    conn.settimeout(5)
                    try:
                        conn.recv(65536)  # the request
                        play(conn)
                    except OSError:
                        pass  # the client hung up, as it should

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        threads.append(thread)
        return f"http://127.0.0.1:{listener.getsockname()[1]}/"

    yield start
    for thread in threads:
        thread.join(timeout=5)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- a good answer ----------------------------------------------------------------


def test_fetch_returns_status_lowercased_headers_body_and_final_url(httpserver):
    """A 200 answer comes back whole, with header names in lower case."""
    httpserver.expect_request("/post").respond_with_data(
        b"hallo", headers={"X-Custom": "ja"}, content_type="text/plain"
    )
    url = httpserver.url_for("/post")
    result = fetch(url, max_bytes=100)
    assert result.status == 200
    assert result.body == b"hallo"
    assert result.headers["x-custom"] == "ja"
    assert result.headers["content-type"].startswith("text/plain")
    assert result.url == url


def test_fetch_names_the_project_and_the_host(httpserver, settings):
    """The request carries our User-Agent, the Accept asked for and the host name."""
    httpserver.expect_request("/").respond_with_data(b"ok")
    fetch(httpserver.url_for("/"), max_bytes=100, accept="application/json")
    request, _ = httpserver.log[0]
    assert request.headers["User-Agent"] == f"Redactie/0.1 (+{settings.SITE_URL})"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["Host"] == f"localhost:{httpserver.port}"


def test_fetch_accepts_a_body_exactly_at_the_cap(httpserver):
    """max_bytes is inclusive."""
    httpserver.expect_request("/").respond_with_data(b"x" * 1000)
    assert len(fetch(httpserver.url_for("/"), max_bytes=1000).body) == 1000


def test_fetch_connects_to_the_address_it_checked(httpserver, monkeypatch):
    """A name is resolved once: a resolver that changes its answer (DNS rebinding to
    10.0.0.1) after the check is never asked again, and Host still names the host."""
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["127.0.0.1", "10.0.0.1", "10.0.0.1"])
    asked = []

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.test":
            asked.append(host)
            return real_getaddrinfo(next(answers), port, *args, **kwargs)
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    httpserver.expect_request("/").respond_with_data(b"ok")
    result = fetch(f"http://rebind.test:{httpserver.port}/", max_bytes=100)
    assert result.body == b"ok"
    assert asked == ["rebind.test"]
    assert httpserver.log[0][0].headers["Host"] == f"rebind.test:{httpserver.port}"


# --- addresses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "allow_loopback", "forbidden"),
    [
        ("93.184.216.34", False, False),
        ("2606:4700:4700::1111", False, False),
        ("::ffff:93.184.216.34", False, False),
        ("127.0.0.1", False, True),
        ("127.0.0.1", True, False),
        ("::1", False, True),
        ("::1", True, False),
        ("::ffff:127.0.0.1", True, False),
        ("10.0.0.1", True, True),
        ("172.16.5.4", True, True),
        ("192.168.1.1", True, True),
        ("100.64.0.1", True, True),
        ("169.254.169.254", True, True),
        ("224.0.0.1", True, True),
        ("240.0.0.1", True, True),
        ("255.255.255.255", True, True),
        ("0.0.0.0", True, True),  # noqa: S104 (an address under test, not a bind)
        ("::", True, True),
        ("fe80::1", True, True),
        ("fd00::1", True, True),
        ("ff02::1", True, True),
        ("::ffff:10.0.0.1", True, True),
        ("::ffff:169.254.169.254", True, True),
        ("2002:a00:1::", True, True),  # 6to4 around 10.0.0.1
        ("64:ff9b::a9fe:a9fe", True, True),  # NAT64 around 169.254.169.254
        ("192.0.2.1", False, True),  # documentation range
    ],
)
def test_is_forbidden_address(address, allow_loopback, forbidden):
    """Only public unicast addresses pass; the loopback switch opens loopback only."""
    ip = ipaddress.ip_address(address)
    assert is_forbidden_address(ip, allow_loopback=allow_loopback) is forbidden


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "127.1", "2130706433", "[::ffff:127.0.0.1]", "[::1]"],
)
def test_loopback_is_refused_unless_allowed(httpserver, settings, host):
    """Without EMBEDS_ALLOW_LOOPBACK every spelling of loopback is refused unasked."""
    settings.EMBEDS_ALLOW_LOOPBACK = False
    httpserver.expect_request("/").respond_with_data(b"geheim")
    with pytest.raises(FetchBlocked, match="intern netwerkadres"):
        fetch(f"http://{host}:{httpserver.port}/", max_bytes=100)
    assert httpserver.log == []


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://0.0.0.0:8000/",
        "http://[fd00::1]/",
        "http://[::ffff:10.0.0.1]/",
    ],
)
def test_allowing_loopback_still_refuses_private_ranges(url):
    """EMBEDS_ALLOW_LOOPBACK=True (as in these tests) never opens internal networks."""
    with pytest.raises(FetchBlocked):
        fetch(url, max_bytes=100, timeout=0.5)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://example.org/file",
        "gopher://example.org/",
        "javascript:alert(1)",
        "http://user:secret@localhost/",
    ],
)
def test_only_plain_http_and_https_urls_are_fetched(url):
    """Other schemes and URLs with credentials are refused before any connection."""
    with pytest.raises(FetchBlocked):
        fetch(url, max_bytes=100)


def test_allowed_hosts_limits_the_first_request(httpserver):
    """A host outside allowed_hosts is refused."""
    with pytest.raises(FetchBlocked, match="localhost"):
        fetch(httpserver.url_for("/"), max_bytes=100, allowed_hosts=["example.org"])
    assert httpserver.log == []


# --- redirects --------------------------------------------------------------------


def _redirect(httpserver, path, location, status=302):
    httpserver.expect_request(path).respond_with_data(
        b"", status=status, headers={"Location": location}
    )


def test_fetch_follows_three_redirects(httpserver):
    """Up to three redirects are followed; relative Locations resolve."""
    _redirect(httpserver, "/a", httpserver.url_for("/b"), status=301)
    _redirect(httpserver, "/b", "/c", status=307)
    _redirect(httpserver, "/c", "d", status=308)
    httpserver.expect_request("/d").respond_with_data(b"eind")
    result = fetch(httpserver.url_for("/a"), max_bytes=100)
    assert result.body == b"eind"
    assert result.url == httpserver.url_for("/d")


def test_a_fourth_redirect_fails(httpserver):
    """A redirect loop stops after three redirects."""
    _redirect(httpserver, "/loop", "/loop")
    with pytest.raises(FetchFailed, match="meer dan 3 keer"):
        fetch(httpserver.url_for("/loop"), max_bytes=100)
    assert len(httpserver.log) == 4


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00::1]:8080/",
        "http://100.64.0.1/",
        "file:///etc/passwd",
    ],
)
def test_redirect_to_an_internal_address_is_blocked(httpserver, location):
    """Each redirect target is checked again before it is contacted."""
    _redirect(httpserver, "/", location)
    with pytest.raises(FetchBlocked):
        fetch(httpserver.url_for("/"), max_bytes=100, timeout=0.5)
    assert len(httpserver.log) == 1


@pytest.mark.parametrize("target_fixture", ["httpserver_ipv4", "httpserver_ipv6"])
def test_redirect_to_loopback_is_blocked_when_loopback_is_not_allowed(
    httpserver, settings, request, target_fixture
):
    """The loopback switch is read for every hop: once it is off, a redirect to
    127.0.0.1 or [::1] is refused and that server never hears from us."""
    target = request.getfixturevalue(target_fixture)
    target.expect_request("/").respond_with_data(b"geheim")
    host = "[::1]" if target_fixture.endswith("6") else "127.0.0.1"

    def first_hop(_request):
        settings.EMBEDS_ALLOW_LOOPBACK = False  # the first server was a test stand-in
        return Response(
            b"", status=302, headers={"Location": f"http://{host}:{target.port}/"}
        )

    httpserver.expect_request("/").respond_with_handler(first_hop)
    with pytest.raises(FetchBlocked, match="intern netwerkadres"):
        fetch(httpserver.url_for("/"), max_bytes=100)
    assert target.log == []


def test_redirect_outside_allowed_hosts_is_blocked(httpserver):
    """With allowed_hosts, a redirect to another host name is refused."""
    other = f"http://127.0.0.1:{httpserver.port}/other"
    _redirect(httpserver, "/", other)
    httpserver.expect_request("/other").respond_with_data(b"elders")
    with pytest.raises(FetchBlocked, match="127.0.0.1"):
        fetch(httpserver.url_for("/"), max_bytes=100, allowed_hosts=["localhost"])
    assert [entry[0].path for entry in httpserver.log] == ["/"]


# --- failures ---------------------------------------------------------------------


def test_slow_answer_times_out(httpserver, release):
    """A server that does not answer in time gives FetchTimeout, in time."""

    def slow(_request):
        release.wait(3)
        return Response(b"te laat")

    httpserver.expect_request("/").respond_with_handler(slow)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="niet binnen 0,3 seconden") as caught:
        fetch(httpserver.url_for("/"), max_bytes=100, timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert isinstance(caught.value.__cause__, TimeoutError)


def test_trickling_body_times_out_at_the_deadline(httpserver, release):
    """A body sent a byte at a time cannot stretch the timeout."""

    def trickle():
        while not release.wait(0.05):
            yield b"x"

    httpserver.expect_request("/").respond_with_response(Response(trickle()))
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(httpserver.url_for("/"), max_bytes=10_000, timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_trickling_headers_time_out_at_the_deadline(raw_server):
    """Headers sent a byte at a time cannot stretch the timeout either."""

    def trickle(conn):
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        for _ in range(100):
            conn.sendall(b"X")
            time.sleep(0.05)

    url = raw_server(trickle)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(url, max_bytes=100, timeout=0.5)
    assert time.monotonic() - started < 1.5


def _streamed(size):
    def chunks():
        for _ in range(size // 1000):
            yield b"x" * 1000

    return chunks()


@pytest.mark.parametrize(
    "response",
    [
        pytest.param(lambda: Response(b"x" * 5000), id="content-length"),
        pytest.param(lambda: Response(_streamed(50_000)), id="chunked"),
        pytest.param(
            lambda: Response(iter([b"x"]), headers={"Content-Length": "1000000000"}),
            id="announced",
        ),
    ],
)
def test_body_over_the_cap_is_refused(httpserver, response):
    """More than max_bytes, announced or streamed, gives FetchTooLarge."""
    httpserver.expect_request("/").respond_with_handler(lambda _request: response())
    with pytest.raises(FetchTooLarge, match="groter dan de grens van 1 kB"):
        fetch(httpserver.url_for("/"), max_bytes=1000)


def test_chunked_answer_is_read_whole(httpserver):
    """A chunked body under the cap arrives complete."""
    httpserver.expect_request("/").respond_with_response(Response(_streamed(5000)))
    result = fetch(httpserver.url_for("/"), max_bytes=5000)
    assert result.headers.get("transfer-encoding") == "chunked"
    assert result.body == b"x" * 5000


@pytest.mark.parametrize("status", [404, 410, 403, 500, 304])
def test_status_outside_2xx_raises_with_the_status(httpserver, status):
    """Non-2xx answers (and a 3xx without Location) give FetchHTTPError."""
    httpserver.expect_request("/").respond_with_data(b"", status=status)
    with pytest.raises(FetchHTTPError, match=f"foutcode {status}") as caught:
        fetch(httpserver.url_for("/"), max_bytes=100)
    assert caught.value.status == status


def test_refused_connection_fails():
    """Nobody listening gives FetchFailed."""
    with pytest.raises(FetchFailed, match="weigert de verbinding") as caught:
        fetch(f"http://127.0.0.1:{_free_port()}/", max_bytes=100)
    assert isinstance(caught.value.__cause__, ConnectionRefusedError)


def test_unknown_host_fails():
    """A name that does not resolve gives FetchFailed."""
    with pytest.raises(FetchFailed, match="niet te vinden"):
        fetch("http://bestaat-niet.invalid/", max_bytes=100)


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(b"GEEN HTTP\r\n\r\n", id="garbage"),
        pytest.param(
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nnog maar tien", id="short"
        ),
        pytest.param(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx", id="chunks"
        ),
    ],
)
def test_malformed_or_incomplete_answer_fails(raw_server, answer):
    """What is not HTTP, or stops halfway, gives FetchFailed."""
    url = raw_server(lambda conn: conn.sendall(answer))
    with pytest.raises(FetchFailed, match="onleesbaar of onvolledig"):
        fetch(url, max_bytes=1000)


def test_every_error_is_a_fetch_error_from_its_cause(httpserver):
    """All failures share FetchError and keep the original exception as cause."""
    httpserver.expect_request("/").respond_with_data(b"", status=500)
    with pytest.raises(FetchError) as caught:
        fetch(httpserver.url_for("/"), max_bytes=100)
    assert isinstance(caught.value, FetchHTTPError)
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{_free_port()}/", max_bytes=100)
    assert caught.value.__cause__ is not None


# --- TLS --------------------------------------------------------------------------


def _certificate(tmp_path, name):
    """A self-signed certificate and key for ``name``, made with openssl."""
    if not shutil.which("openssl"):
        if CI:
            pytest.fail("CI=true: openssl is needed to make a test certificate")
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
         f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def https_server(tmp_path):
    """Start an HTTPS server on loopback with a certificate for the given name."""
    servers = []

    def start(name):
        cert, key = _certificate(tmp_path, name)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server = HTTPServer(ssl_context=context)
        server.expect_request("/").respond_with_data(b"versleuteld")
        server.start()
        servers.append(server)
        return server, cert

    yield start
    for server in servers:
        server.stop()


def test_https_to_the_pinned_address_checks_the_host_name(https_server, monkeypatch):
    """TLS goes to the checked address yet verifies the certificate for the name."""
    server, cert = https_server("localhost")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust our test certificate
    result = fetch(f"https://localhost:{server.port}/", max_bytes=100)
    assert result.body == b"versleuteld"


def test_https_with_an_untrusted_certificate_fails(https_server):
    """A certificate no authority signed gives FetchFailed."""
    server, _cert = https_server("localhost")
    with pytest.raises(FetchFailed, match="certificaat") as caught:
        fetch(f"https://localhost:{server.port}/", max_bytes=100)
    assert isinstance(caught.value.__cause__, ssl.SSLCertVerificationError)


def test_https_with_a_certificate_for_another_name_fails(https_server, monkeypatch):
    """A trusted certificate for another host name gives FetchFailed."""
    server, cert = https_server("elders.example")
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    with pytest.raises(FetchFailed, match="certificaat"):
        fetch(f"https://localhost:{server.port}/", max_bytes=100)
    assert server.log == []
