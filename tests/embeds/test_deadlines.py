"""One deadline for a whole fetch, name resolution included (embeds.connections).

Only the system's resolver is replaced (tests/helpers/dns.py), by one that never
answers, as an unreachable DNS server does; the HTTP side is a real loopback server.
That the deadline held is shown by counting, not by clocks: the fetch gave up while
the lookup it started was still blocked, and lookups past the limit never started.
"""

import threading

import pytest

from embeds import connections
from embeds.fetching import FetchBlocked, FetchFailed, FetchTimeout, fetch


@pytest.fixture(autouse=True)
def _loopback(settings):
    settings.EMBEDS_ALLOW_LOOPBACK = True


def test_a_name_that_never_resolves_fails_at_the_deadline(dns):
    """A hanging lookup is abandoned at the deadline with a Dutch FetchTimeout."""
    resolver = dns(hang={"traag.test"})
    with pytest.raises(FetchTimeout, match="niet binnen 0,3 seconden") as caught:
        fetch("http://traag.test/", max_bytes=100, timeout=0.3)
    assert "DNS" in str(caught.value)
    assert isinstance(caught.value.__cause__, TimeoutError)
    assert resolver.asked == ["traag.test"]
    assert resolver.hanging == 1  # given up on while still blocked


def test_the_setting_is_the_default_budget(dns, settings):
    """EMBEDS_FETCH_DEADLINE is what a fetch gets when it is not told otherwise."""
    settings.EMBEDS_FETCH_DEADLINE = 0.2
    dns(hang={"traag.test"})
    with pytest.raises(FetchTimeout, match="niet binnen 0,2 seconden"):
        fetch("http://traag.test/", max_bytes=100)


def test_a_redirect_to_a_name_that_never_resolves_ends_at_the_same_deadline(
    dns, httpserver
):
    """The redirect's lookup gets what is left of the fetch's one budget."""
    resolver = dns(hang={"traag.test"})
    target = f"http://traag.test:{httpserver.port}/post"
    httpserver.expect_request("/").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    with pytest.raises(FetchTimeout, match="DNS"):
        fetch(httpserver.url_for("/"), max_bytes=100, timeout=0.3)
    assert resolver.asked[-1] == "traag.test"
    assert len(httpserver.log) == 1
    assert resolver.hanging == 1


def test_lookups_at_once_are_limited(dns, monkeypatch):
    """With every slot held by a hanging lookup, the next fetch waits for a slot on
    its own deadline and never starts another thread."""
    monkeypatch.setattr(connections, "_lookup_slots", threading.BoundedSemaphore(1))
    resolver = dns(hang={"traag.test", "ook-traag.test"})
    with pytest.raises(FetchTimeout):
        fetch("http://traag.test/", max_bytes=100, timeout=0.2)
    with pytest.raises(FetchTimeout, match="DNS"):
        fetch("http://ook-traag.test/", max_bytes=100, timeout=0.2)
    assert resolver.asked == ["traag.test"]


def test_a_slot_is_free_again_once_a_lookup_ends(dns, monkeypatch, httpserver):
    """A lookup that answers gives its slot back: one slot serves fetch after fetch."""
    monkeypatch.setattr(connections, "_lookup_slots", threading.BoundedSemaphore(1))
    resolver = dns(point={"post.test": "127.0.0.1"})
    httpserver.expect_request("/").respond_with_data("ok")
    for _ in range(3):
        url = f"http://post.test:{httpserver.port}/"
        assert fetch(url, max_bytes=100, timeout=2).body == b"ok"
    assert resolver.asked == ["post.test"] * 3


def test_a_name_resolved_in_a_thread_is_still_checked(dns, httpserver):
    """The lookup moved to a thread; its answer is refused all the same when it
    points inside, and nothing is requested."""
    dns(point={"intern.test": "10.0.0.1"})
    with pytest.raises(FetchBlocked, match="intern netwerkadres"):
        fetch(f"http://intern.test:{httpserver.port}/", max_bytes=100, timeout=1)
    assert httpserver.log == []


def test_a_lookup_that_fails_at_once_is_an_unknown_host(monkeypatch):
    """A resolver error reaches the caller from the lookup's thread, as before."""
    import socket

    def refuse(host, port, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    with pytest.raises(FetchFailed, match="niet te vinden") as caught:
        fetch("http://bestaat-niet.test/", max_bytes=100, timeout=1)
    assert isinstance(caught.value.__cause__, socket.gaierror)
