"""The SSRF guard: which addresses SignalDesk refuses to contact, and DNS pinning.

A user-supplied feed URL is an attack surface: it may name, directly or through DNS or
a redirect, the metadata service, the database or the admin page of the host we run
on. So every URL (and every redirect) is resolved *once*, every answer is checked, and
the connection goes to the address that was checked (the request URL carries the IP,
`Host` and TLS SNI carry the name). A DNS answer that changes between the check and
the connect (rebinding) therefore never reaches a private address.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from signaldesk.errors import FetchError, UnsafeURLError

__all__ = ["PinnedTarget", "Resolver", "check_address", "check_source_url", "pin",
           "system_resolver"]

Resolver = Callable[[str, int], Awaitable[list[str]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host` (A and AAAA)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def _unsafe_reason(addr: IPAddress) -> str | None:
    if isinstance(addr, ipaddress.IPv6Address):
        embedded = addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
        if embedded is not None:
            return _unsafe_reason(embedded) or ("an IPv6 tunnel address" if addr.teredo
                                                else None)
    for reason in ("loopback", "private", "link_local", "multicast", "reserved",
                   "unspecified"):
        if getattr(addr, f"is_{reason}"):
            return reason.replace("_", "-")
    if not addr.is_global:
        return "not globally routable"
    return None


def check_address(ip: str, url: str) -> IPAddress:
    """Return the parsed address, or raise `UnsafeURLError` if we must not contact it."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError as exc:
        raise UnsafeURLError(f"{url}: resolver gave a non-address {ip!r}") from exc
    reason = _unsafe_reason(addr)
    if reason:
        raise UnsafeURLError(
            f"{url}: resolves to {addr} ({reason}); refused by the SSRF guard "
            "(set SIGNALDESK_FETCH_ALLOW_PRIVATE=1 to allow private networks)"
        )
    return addr


@dataclass(frozen=True, slots=True)
class PinnedTarget:
    """Where a request really goes: the checked IP, and the name for Host and SNI."""

    url: httpx.URL  # with the checked IP as host
    host_header: str
    sni_hostname: str | None


async def pin(url: httpx.URL, resolver: Resolver, allow_private: bool) -> PinnedTarget | None:
    """Resolve and check `url`; None when private networks are allowed (no pinning)."""
    if url.scheme not in {"http", "https"}:
        raise UnsafeURLError(f"{url}: scheme {url.scheme!r} is not allowed (http or https)")
    if not url.host:
        raise UnsafeURLError(f"{url}: no host")
    if allow_private:
        return None
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        answers = await resolver(url.host, port)
    except OSError as exc:
        raise FetchError(f"{url}: cannot resolve {url.host!r} ({exc})") from exc
    if not answers:
        raise FetchError(f"{url}: {url.host!r} has no address")
    # Every answer must be safe: a mixed answer is how rebinding attacks start.
    addrs = [check_address(a, str(url)) for a in answers]
    host_header = url.netloc.decode("ascii").rsplit("@", 1)[-1]
    return PinnedTarget(
        url=url.copy_with(host=str(addrs[0])),
        host_header=host_header,
        sni_hostname=url.host if url.scheme == "https" else None,
    )


async def check_source_url(url: str, resolver: Resolver = system_resolver,
                           allow_private: bool = False) -> None:
    """Refuse, before it is even registered, a source URL the fetcher would refuse.

    Raises `UnsafeURLError` (loopback, private, ... address; bad scheme; not a URL) or
    `FetchError` (the name does not resolve). The fetcher checks again at every fetch
    and redirect, so a name that is rebound later is still caught.
    """
    if len(url) > 2000:
        raise UnsafeURLError("source URL longer than 2000 characters")
    try:
        parsed = httpx.URL(url.strip())
    except httpx.InvalidURL as exc:
        raise UnsafeURLError(f"{url!r} is not a valid URL ({exc})") from exc
    if not allow_private and parsed.scheme in {"http", "https"}:
        try:  # an address literal needs no resolver: judge it as written
            ipaddress.ip_address(parsed.host.split("%", 1)[0])
        except ValueError:
            pass
        else:
            check_address(parsed.host, str(parsed))
            return
    await pin(parsed, resolver, allow_private)
