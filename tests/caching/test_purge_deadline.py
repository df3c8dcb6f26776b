"""http_purge: all the PURGE requests of one change end by one PURGE_DEADLINE, name
resolution included; a CDN that hangs or trickles costs a change that much at most.

Real loopback servers play the CDN; only the system's resolver is replaced
(tests/helpers/dns.py). That the deadline held is counted: requests never sent,
lookups given up on while blocked, bytes trickled before we hung up.
"""

import logging
import socket
import threading

import pytest

from articles.caching.purge import purge


@pytest.fixture
def cdn(settings):
    """http_purge on, a 0.4 s budget, SITE_URL naming the public host."""
    settings.PAGE_CACHE_PURGE = "articles.caching.purge.http_purge"
    settings.PURGE_DEADLINE = 0.4
    settings.SITE_URL = "https://nieuws.example.org"
    return settings


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_the_cdn_name_is_resolved_once_for_all_requests(cdn, dns, httpserver, caplog):
    """Paths and keys go to the address resolved once, with the site's Host."""
    resolver = dns(point={"cdn.test": "127.0.0.1"})
    cdn.PAGE_CACHE_PURGE_URL = f"http://cdn.test:{httpserver.port}"
    httpserver.expect_request("/a/", method="PURGE").respond_with_data("ok")
    httpserver.expect_request("/b/", method="PURGE").respond_with_data("", status=404)
    httpserver.expect_request("/", method="PURGE").respond_with_data("ok")
    with caplog.at_level(logging.WARNING):
        purge(["/a/", "/b/"], ["article-1", "lists"])
    sent = [(request.path, request.headers) for request, _ in httpserver.log]
    assert [path for path, _ in sent] == ["/a/", "/b/", "/"]
    assert {headers["Host"] for _, headers in sent} == {"nieuws.example.org"}
    assert sent[2][1]["Surrogate-Key"] == "article-1 lists"
    assert resolver.asked == ["cdn.test"]
    assert _warnings(caplog) == []  # a 404 is "not cached there", not a failure


def test_a_cdn_name_that_never_resolves_fails_the_purge_not_the_change(
    cdn, dns, httpserver, caplog
):
    """A hanging DNS: the lookup is abandoned at the deadline, every request counts
    as failed and none is sent."""
    resolver = dns(hang={"cdn.test"})
    cdn.PAGE_CACHE_PURGE_URL = f"http://cdn.test:{httpserver.port}"
    with caplog.at_level(logging.WARNING):
        purge(["/a/", "/b/"], ["article-1"])
    assert _warnings(caplog) == [
        f"Purging 3 of 3 requests at http://cdn.test:{httpserver.port} failed"
    ]
    assert resolver.hanging == 1
    assert httpserver.log == []


@pytest.fixture
def trickling_cdn():
    """A CDN on loopback that accepts every connection and answers a byte every
    50 ms (each read gets something, so only a total deadline can end it), at most
    400 bytes. Counts connections and bytes sent."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    seen = {"connections": 0, "bytes": 0}

    def trickle(conn):
        with conn:
            conn.recv(65536)
            answer = b"HTTP/1.1 200 OK\r\nX-Padding: " + b"x" * 400
            for byte in answer[:400]:
                if stop.wait(0.05):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return  # we hung up, as we should
                seen["bytes"] += 1

    def serve():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            seen["connections"] += 1
            threading.Thread(target=trickle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", seen
    stop.set()
    thread.join(timeout=5)
    listener.close()


def test_a_trickling_cdn_is_cut_off_at_the_deadline(cdn, trickling_cdn, caplog):
    """The first answer trickles: the budget runs out during it, so the requests
    after it are not sent and all three count as failed."""
    url, seen = trickling_cdn
    cdn.PAGE_CACHE_PURGE_URL = url
    with caplog.at_level(logging.WARNING):
        purge(["/a/", "/b/"], ["article-1"])
    assert _warnings(caplog) == [f"Purging 3 of 3 requests at {url} failed"]
    assert seen["connections"] == 1
    # 0.4 s at a byte every 50 ms is about 8 bytes; far from the 400 on offer.
    assert 0 < seen["bytes"] < 100
