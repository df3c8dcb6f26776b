"""One safe HTTP GET, for oEmbed answers and media copies (docs/architecture.md: no
network at render time).

What a fetch guarantees:

- only http and https; the host is resolved once and every address it resolves to must
  be public (no private, loopback, link-local, multicast, reserved, unspecified or
  shared 100.64/10 addresses, also not wrapped in IPv6), and the connection goes to that
  checked address (embeds.connections), so the name cannot point elsewhere meanwhile;
- redirects are followed by hand, at most ``MAX_REDIRECTS``, each target checked again
  (scheme, address and, when given, ``allowed_hosts``);
- the body stops at ``max_bytes``; resolving every name, connecting, TLS, sending,
  following redirects and reading all end by one deadline, ``timeout`` seconds after
  the call (embeds.connections: a resolver that hangs is abandoned at the deadline);
- every failure is a ``FetchError`` whose message an editor can read (Dutch), raised
  from the original exception.

Settings: ``EMBEDS_FETCH_DEADLINE`` (seconds, default 3) is the budget of one fetch.
``EMBEDS_ALLOW_LOOPBACK`` (default False) lets fetches reach loopback addresses
(127.0.0.0/8, ::1), for tests against a local server. It allows loopback only: private
and other internal ranges stay refused. Never turn it on in production.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings

from embeds.connections import pinned_connection, resolve

__all__ = [
    "FetchBlocked",
    "FetchError",
    "FetchFailed",
    "FetchHTTPError",
    "FetchTimeout",
    "FetchTooLarge",
    "Fetched",
    "fetch",
    "is_forbidden_address",
]

MAX_REDIRECTS = 3
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK_SIZE = 64 * 1024

_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv4 addresses translated to IPv6


class FetchError(Exception):
    """A fetch failed; ``str(error)`` says why, in words for an editor."""


class FetchBlocked(FetchError):
    """The URL, a redirect or an address it resolves to is not ours to fetch."""


class FetchTooLarge(FetchError):
    """The answer is (or announced to be) larger than allowed."""


class FetchTimeout(FetchError):
    """The server did not answer completely in time."""


class FetchHTTPError(FetchError):
    """The server answered with a status outside 2xx (``status``)."""

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.status = status


class FetchFailed(FetchError):
    """Anything else: unknown host, refused connection, TLS, a malformed answer."""


@dataclass(frozen=True)
class Fetched:
    """A 2xx answer, read whole."""

    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes
    url: str  # after redirects


def is_forbidden_address(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
    *,
    allow_loopback: bool = False,
) -> bool:
    """Whether ``address`` is internal: anything but a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return is_forbidden_address(embedded, allow_loopback=allow_loopback)
    if address.is_loopback:
        return not allow_loopback
    return (
        address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or address in _SHARED
        or not address.is_global
    )


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float | None = None,
    accept: str = "*/*",
    allowed_hosts: Iterable[str] | None = None,
) -> Fetched:
    """GET ``url`` under the rules in this module's docstring; a 2xx answer or raise.

    ``timeout``: the whole fetch's budget in seconds; by default the setting
    ``EMBEDS_FETCH_DEADLINE`` (3 s).
    """
    if timeout is None:
        timeout = float(getattr(settings, "EMBEDS_FETCH_DEADLINE", 3.0))
    hosts = None if allowed_hosts is None else {_host(h) for h in allowed_hosts}
    deadline = time.monotonic() + timeout
    for _redirect in range(MAX_REDIRECTS + 1):
        target = _Target.check(url, hosts)
        try:
            addresses = _resolve(target.host, target.port, deadline, timeout)
            answer = _get(target, addresses, deadline, accept, max_bytes)
        except FetchError:
            raise
        except TimeoutError as error:
            raise FetchTimeout(
                f"De server van {target.host} antwoordde niet binnen "
                f"{_number(timeout)} seconden."
            ) from error
        except ssl.SSLCertVerificationError as error:
            raise FetchFailed(
                f"Het certificaat van {target.host} klopt niet; de verbinding is niet "
                "te vertrouwen."
            ) from error
        except ssl.SSLError as error:
            raise FetchFailed(
                f"De beveiligde verbinding met {target.host} mislukte."
            ) from error
        except ConnectionRefusedError as error:
            raise FetchFailed(f"{target.host} weigert de verbinding.") from error
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise FetchFailed(
                f"De server van {target.host} gaf een onleesbaar of onvolledig "
                "antwoord, of de verbinding viel weg."
            ) from error
        if isinstance(answer, Fetched):
            return answer
        url = answer  # a redirect: check and follow it
    raise FetchFailed(
        f"De server van {target.host} stuurde ons meer dan {MAX_REDIRECTS} keer door "
        "naar een ander adres."
    )


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def check(cls, url: str, hosts: set[str] | None) -> "_Target":
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as error:
            raise FetchFailed(f"{url!r} is geen geldig webadres.") from error
        scheme = parts.scheme.lower()
        if scheme not in {"http", "https"}:
            raise FetchBlocked(
                f"Alleen http- en https-adressen worden opgehaald, niet {url!r}."
            )
        if not parts.hostname:
            raise FetchFailed(f"{url!r} is geen geldig webadres: de server ontbreekt.")
        if parts.username is not None or parts.password is not None:
            raise FetchBlocked(
                "Adressen met een gebruikersnaam of wachtwoord erin worden niet "
                "opgehaald."
            )
        host = _host(parts.hostname)
        if hosts is not None and host not in hosts:
            raise FetchBlocked(
                f"{host} is geen server die hiervoor benaderd mag worden "
                f"(toegestaan: {', '.join(sorted(hosts))})."
            )
        # Keep what is already escaped; escape what http.client would refuse.
        path = quote(parts.path or "/", safe="!$%&'()*+,/:;=@[]~")
        if parts.query:
            path += "?" + quote(parts.query, safe="!$%&'()*+,/:;=?@[]~")
        port = port or (443 if scheme == "https" else 80)
        return cls(url, scheme, host, port, path)


def _host(name: str) -> str:
    return name.strip().lower().rstrip(".")


def _resolve(
    host: str, port: int, deadline: float, timeout: float
) -> list[tuple[int, tuple]]:
    """``host``'s addresses as (family, sockaddr), refused if any one is internal."""
    try:
        infos = resolve(host, port, deadline=deadline)
    except TimeoutError as error:
        raise FetchTimeout(
            f"Het adres van {host} was niet binnen {_number(timeout)} seconden op te "
            "zoeken (DNS antwoordde niet op tijd)."
        ) from error
    except (socket.gaierror, UnicodeError) as error:
        raise FetchFailed(f"De server {host} is niet te vinden.") from error
    allow_loopback = getattr(settings, "EMBEDS_ALLOW_LOOPBACK", False)
    addresses = []
    for family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])
        if is_forbidden_address(address, allow_loopback=allow_loopback):
            raise FetchBlocked(
                f"{host} verwijst naar een intern netwerkadres ({address}); dat wordt "
                "niet opgehaald."
            )
        if (family, sockaddr) not in addresses:
            addresses.append((family, sockaddr))
    if not addresses:
        raise FetchFailed(f"De server {host} is niet te vinden.")
    return addresses


def _get(
    target: _Target,
    addresses: list[tuple[int, tuple]],
    deadline: float,
    accept: str,
    max_bytes: int,
) -> Fetched | str:
    """One request: the answer, or the URL a redirect points to."""
    connection = pinned_connection(
        target.scheme, target.host, target.port, addresses=addresses, deadline=deadline
    )
    response = None
    try:
        connection.putrequest("GET", target.path, skip_accept_encoding=True)
        connection.putheader("User-Agent", f"Redactie/0.1 (+{settings.SITE_URL})")
        connection.putheader("Accept", accept)
        connection.putheader("Accept-Encoding", "identity")  # no decompression bombs
        connection.putheader("Connection", "close")
        connection.endheaders()
        response = connection.getresponse()
        headers = {}
        for name, value in response.getheaders():
            name = name.lower()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        if response.status in REDIRECT_STATUSES and headers.get("location"):
            return urljoin(target.url, headers["location"].strip())
        if not 200 <= response.status < 300:
            raise FetchHTTPError(
                f"De server van {target.host} antwoordde met foutcode "
                f"{response.status}.",
                status=response.status,
            )
        body = _read(response, headers, max_bytes, target.host)
        return Fetched(response.status, headers, body, target.url)
    finally:
        if response is not None:
            response.close()
        connection.close()


def _read(
    response: http.client.HTTPResponse,
    headers: dict[str, str],
    max_bytes: int,
    host: str,
) -> bytes:
    too_large = FetchTooLarge(
        f"Het antwoord van {host} is groter dan de grens van {_size(max_bytes)}."
    )
    announced = headers.get("content-length", "").strip()
    if announced.isdigit() and int(announced) > max_bytes:
        raise too_large
    body = bytearray()
    while chunk := response.read1(min(CHUNK_SIZE, max_bytes + 1 - len(body))):
        body += chunk
        if len(body) > max_bytes:
            raise too_large
    if not response.chunked and announced.isdigit() and len(body) < int(announced):
        raise http.client.IncompleteRead(bytes(body), int(announced) - len(body))
    return bytes(body)


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _size(limit: int) -> str:
    if limit >= 1_000_000:
        return f"{_number(limit / 1_000_000)} MB"
    if limit >= 1_000:
        return f"{_number(limit / 1_000)} kB"
    return f"{limit} bytes"
