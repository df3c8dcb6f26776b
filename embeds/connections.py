"""Outgoing HTTP on one deadline: name resolution, then a connection pinned to the
addresses found (embeds.fetching; the CDN purge in articles.caching.purge).

A deadline is a point on the monotonic clock, fixed once per outside operation; every
step gets what is left of it, so resolving, connecting, TLS, sending, redirects and
reading together never take longer than the one budget.

``resolve`` bounds name resolution, which the socket timeout does not cover:
``socket.getaddrinfo`` blocks for as long as the system's resolver likes (about 10 s
per name when DNS is unreachable). It runs in a daemon thread and we wait for it only
until the deadline; a lookup still hanging then is abandoned to finish on its own. At
most ``MAX_LOOKUPS`` lookups run at once, so a DNS outage cannot pile up threads: past
that, a caller waits for a free slot, on the same deadline.

A pinned connection never resolves its host name: it connects to the addresses
resolved (and, in embeds.fetching, checked), while the Host header, TLS SNI and the
certificate check still use the name. Its sockets re-arm their timeout before every
send and receive with what is left until the deadline, so a server that trickles its
answer a byte at a time cannot keep a fetch waiting past its timeout.
"""

import http.client
import socket
import ssl
import threading
import time

__all__ = ["MAX_LOOKUPS", "pinned_connection", "remaining", "resolve"]

Address = tuple[int, tuple]  # (family, sockaddr) as socket.getaddrinfo gives them
AddressInfo = tuple[int, int, int, str, tuple]  # one entry of socket.getaddrinfo

MAX_LOOKUPS = 16
_lookup_slots = threading.BoundedSemaphore(MAX_LOOKUPS)


def remaining(deadline: float) -> float:
    """Seconds left until ``deadline``; TimeoutError once it has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline passed")
    return left


def resolve(host: str, port: int, *, deadline: float) -> list[AddressInfo]:
    """``socket.getaddrinfo(host, port)`` for TCP, given up at ``deadline``.

    Raises what getaddrinfo raises (socket.gaierror, UnicodeError), or
    TimeoutError("... resolving ...") when the answer does not come in time.
    """
    slots = _lookup_slots  # the one this lookup will give back
    if not slots.acquire(timeout=remaining(deadline)):
        raise TimeoutError(f"deadline passed waiting to resolve {host}")
    outcome: dict = {}
    done = threading.Event()

    def lookup():
        try:
            # Looked up when called, so a test may replace the system's resolver.
            outcome["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as error:  # handed to the caller, if it still waits
            outcome["error"] = error
        finally:
            slots.release()
            done.set()

    try:
        threading.Thread(target=lookup, name=f"resolve {host}", daemon=True).start()
    except BaseException:
        slots.release()
        raise
    if not done.wait(max(deadline - time.monotonic(), 0)):
        raise TimeoutError(f"deadline passed while resolving {host}")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["infos"]


def pinned_connection(
    scheme: str, host: str, port: int, *, addresses: list[Address], deadline: float
) -> http.client.HTTPConnection:
    """An unopened connection to ``host`` that will connect to ``addresses`` only.

    Every operation raises TimeoutError once ``deadline`` (time.monotonic()) passed.
    """
    if scheme == "https":
        connection = _PinnedHTTPSConnection(host, port)
    else:
        connection = _PinnedHTTPConnection(host, port)
    connection.addresses, connection.deadline = addresses, deadline
    return connection


class _DeadlineMixin:
    deadline = float("inf")

    def arm(self):
        self.settimeout(remaining(self.deadline))

    def recv_into(self, *args, **kwargs):
        self.arm()
        return super().recv_into(*args, **kwargs)

    def sendall(self, *args, **kwargs):
        self.arm()
        return super().sendall(*args, **kwargs)


class _DeadlineSocket(_DeadlineMixin, socket.socket):
    pass


class _DeadlineSSLSocket(_DeadlineMixin, ssl.SSLSocket):
    pass


def _connect(addresses: list[Address], deadline: float) -> socket.socket:
    """A socket connected to the first of ``addresses`` that answers."""
    error = None
    for family, sockaddr in addresses:
        sock = _DeadlineSocket(family, socket.SOCK_STREAM)
        sock.deadline = deadline
        try:
            sock.arm()
            sock.connect(sockaddr)
        except TimeoutError:
            sock.close()
            raise
        except OSError as failure:
            sock.close()
            error = failure
        else:
            return sock
    raise error or OSError("no address to connect to")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    addresses: list[Address]
    deadline: float

    def connect(self):
        self.sock = _connect(self.addresses, self.deadline)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    addresses: list[Address]
    deadline: float

    def __init__(self, host: str, port: int):
        self.tls = ssl.create_default_context()
        self.tls.sslsocket_class = _DeadlineSSLSocket
        super().__init__(host, port, context=self.tls)

    def connect(self):
        sock = _connect(self.addresses, self.deadline)
        try:
            self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise
        self.sock.deadline = self.deadline
