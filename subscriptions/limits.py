"""Rate limits of the follow form, as counters in the cache that expire.

Three counters: one per network (IPv4 /24, IPv6 /64: one household, one office,
one abuser's block), one per address typed, and one per address for the
confirmation mails actually sent. Each is a cache key with a time to live set when
it is first counted; nothing else is stored about the request.
"""

import hashlib
import ipaddress
from dataclasses import dataclass

from django.core.cache import cache

__all__ = ["LIMITS", "Limit", "network_of", "spend"]


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


LIMITS = {
    "network": Limit("network", 20, 60 * 60),
    "address": Limit("address", 5, 60 * 60),
    "mails": Limit("mails", 3, 24 * 60 * 60),
}


def network_of(address: str | None) -> str:
    """The network an address belongs to, as the limits count it."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return "unknown"
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def spend(limit: Limit, who: str) -> bool:
    """Count one use of ``limit`` by ``who``; False once past the limit."""
    # Hashed: the cache holds no addresses in the clear.
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    key = f"subscriptions:limit:{limit.name}:{digest}"
    cache.add(key, 0, limit.seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, limit.seconds)
        used = 1
    return used <= limit.count


def would_pass(limit: Limit, who: str) -> bool:
    """Whether one more use of ``limit`` by ``who`` is allowed (counts nothing)."""
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return (cache.get(f"subscriptions:limit:{limit.name}:{digest}") or 0) < limit.count
