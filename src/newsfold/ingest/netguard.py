"""Which URLs newsfold may fetch, and which addresses it may connect to.

A URL from a feed or a redirect is written by a stranger, so it could point newsfold at the machine it
runs on, the local network or a cloud metadata service (server-side request forgery). Every URL is
vetted before any traffic: only http and https, no credentials, and every address its host resolves to
must be public. The fetcher then connects to one of those vetted addresses itself, so a second DNS
answer (DNS rebinding) never reaches a socket, and vets again after every redirect.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from newsfold.errors import NewsfoldError, printable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SCHEMES = {"http": 80, "https": 443}

# Cloud metadata endpoints: AWS, GCP, Azure and others answer on 169.254.169.254 (link-local, refused in
# any case), AWS also on fd00:ec2::254 (unique-local), Alibaba on 100.100.100.200 (shared address space).
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
# Refused by name before any DNS look-up; a resolver inside a cloud answers these with metadata addresses.
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
LOCAL_HOSTS = frozenset({"localhost", "localhost.localdomain"})

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class Target:
    """A vetted URL: where to connect (`addresses`, all checked) and what to ask for."""

    url: str
    scheme: str
    host: str  # as written in the URL, lowercased, without brackets: the Host header and TLS name
    port: int
    path: str  # path and query, what goes on the request line
    addresses: tuple[str, ...]


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, NAT64), which is where packets end up."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def refusal(ip: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why newsfold must not connect to `ip` (a short phrase), or None when it is a public address.

    `allow_loopback` lets loopback addresses (127.0.0.0/8, ::1) through, for tests against a local
    server; private, link-local and metadata addresses stay refused even then.
    """
    embedded = _embedded_v4(ip)
    if embedded is not None:
        return refusal(embedded, allow_loopback=allow_loopback)
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if ip.is_loopback:
        return None if allow_loopback else "a loopback address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:  # also documentation, benchmarking and unique-local ranges
        return "a private address"
    if ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:  # 100.64.0.0/10 (carrier-grade NAT) and the like
        return "not a public address"
    return None


def _parse_ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    except ValueError:
        return None


def split_url(url: str) -> tuple[SplitResult, str, int]:
    """The URL's parts, its host (lowercased) and port; NF401 when it is not an http(s) URL to fetch."""
    if not url.isprintable():
        # The error line shows the URL escaped, so a stranger's URL cannot forge lines of newsfold's output.
        raise NewsfoldError("NF401", printable(url), "the URL holds control or invisible characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        host = parts.hostname
    except ValueError as exc:
        raise NewsfoldError("NF401", url, f"malformed URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise NewsfoldError(
            "NF401", url, f"only http and https URLs are fetched, not {scheme or 'a bare path'}"
        )
    if not host:
        raise NewsfoldError("NF401", url, "the URL names no host")
    if parts.username is not None or parts.password is not None:
        raise NewsfoldError("NF401", url, "URLs with credentials are not fetched")
    if port == 0:
        raise NewsfoldError("NF401", url, "port 0 is not a port to fetch from")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError as exc:
        raise NewsfoldError("NF401", url, f"the host name is not a valid name: {exc}") from exc
    return parts, host.rstrip(".").lower() or host, port or SCHEMES[scheme]


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IPv4 and IPv6), in the resolver's order; NF403 when none."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise NewsfoldError("NF403", host, f"the host could not be resolved: {exc}") from exc
    seen: list[str] = []
    for family, _, _, _, sockaddr in infos:
        if family in (socket.AF_INET, socket.AF_INET6) and sockaddr[0] not in seen:
            seen.append(str(sockaddr[0]))
    if not seen:
        raise NewsfoldError("NF403", host, "the host resolved to no IP address")
    return seen


def vet_url(url: str, *, allow_loopback: bool = False) -> Target:
    """Check `url` and every address of its host before any connection is made.

    Returns the Target to connect to. Raises NewsfoldError NF401 for a URL that is not fetched, NF402
    when the host or any address it resolves to is refused (one bad address refuses the host: an
    attacker's DNS can list a public address beside a private one), NF403 when it does not resolve.
    """
    parts, host, port = split_url(url)
    literal = _parse_ip(host)
    if literal is None:
        if host in METADATA_HOSTS:
            raise NewsfoldError("NF402", url, f"{host} is a cloud metadata host")
        if (host in LOCAL_HOSTS or host.endswith(".localhost")) and not allow_loopback:
            raise NewsfoldError("NF402", url, f"{host} is a loopback host")
        try:
            addresses = resolve(host, port)
        except NewsfoldError as err:
            raise NewsfoldError(err.code, url, err.detail) from err
    else:
        addresses = [host.split("%", 1)[0]]
    for address in addresses:
        ip = _parse_ip(address)
        why = "not an IP address" if ip is None else refusal(ip, allow_loopback=allow_loopback)
        if why:
            named = address if literal is not None else f"{host} resolves to {address}"
            raise NewsfoldError("NF402", url, f"{named}, {why}")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(
        url=url, scheme=parts.scheme.lower(), host=host, port=port, path=path, addresses=tuple(addresses)
    )
