"""HTTP connections for embeds.fetching: pinned to checked addresses, on a deadline.

A pinned connection never resolves its host name: it connects to the addresses
embeds.fetching resolved and checked, while the Host header, TLS SNI and the
certificate check still use the name. Its sockets re-arm their timeout before every
send and receive with what is left until one deadline, so a server that trickles its
answer a byte at a time cannot keep a fetch waiting past its timeout.
"""

import http.client
import socket
import ssl
import time

__all__ = ["pinned_connection"]

Address = tuple[int, tuple]  # (family, sockaddr) as socket.getaddrinfo gives them


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
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline passed")
        self.settimeout(remaining)

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
