"""Name resolution under the test's control: only ``socket.getaddrinfo`` is replaced
(embeds.connections calls it when it resolves), never an HTTP client.

``names(monkeypatch, hang=..., point=...)`` makes the names in ``hang`` block until
the returned ``Resolver.release`` is set (a DNS server that does not answer), and
resolves the names in ``point`` to the given address (a name for a loopback server).
Every other name goes to the system's resolver. ``Resolver.asked`` lists the names
asked, in order; ``Resolver.hanging`` counts the lookups still blocked.
"""

import socket
import threading
from dataclasses import dataclass, field

__all__ = ["Resolver", "names"]


@dataclass
class Resolver:
    release: threading.Event = field(default_factory=threading.Event)
    asked: list[str] = field(default_factory=list)
    hanging: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)


def names(monkeypatch, *, hang=(), point=None) -> Resolver:
    real = socket.getaddrinfo
    point = point or {}
    resolver = Resolver()

    def getaddrinfo(host, port, *args, **kwargs):
        resolver.asked.append(host)
        if host in hang:
            with resolver._lock:
                resolver.hanging += 1
            resolver.release.wait(30)
            with resolver._lock:
                resolver.hanging -= 1
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure")
        return real(point.get(host, host), port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return resolver
