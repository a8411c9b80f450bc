"""A polite, safe async HTTP fetcher on httpx.

What it guarantees for every URL, so that one bad source never hurts the others:

* SSRF guard on the URL and on every redirect (`sources.ssrf`), connecting to the
  address that was checked; redirects are followed by hand, at most
  `settings.fetch_max_redirects`.
* Connect/read/write timeouts plus a total deadline (a server that drips one byte a
  second never holds a worker for long), a cap on the *decoded* body size counted while
  streaming (an endless body or a gzip bomb is cut off at the cap, never inflated).
* Conditional GET (ETag / Last-Modified), compression (httpx decodes it), per-host
  concurrency (`settings.fetch_per_host`) and a per-host request rate, `Retry-After`,
  exponential backoff with full jitter for transient failures, robots.txt for pages.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from signaldesk.errors import FetchError, UnsafeURLError
from signaldesk.settings import Settings
from signaldesk.sources.robots import RobotsCache
from signaldesk.sources.ssrf import Resolver, pin, system_resolver

__all__ = ["FetchResult", "FetchStatusError", "FetchTransientError", "Fetcher"]

_REDIRECTS = {301, 302, 303, 307, 308}
_TRANSIENT = {408, 425, 429, 500, 502, 503, 504}


class FetchTransientError(FetchError):
    """A failure worth retrying: timeout, connection reset, DNS hiccup."""


class FetchStatusError(FetchError):
    """The server answered with an error status; `retry_after` is in seconds, if given."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # the final URL, after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes
    redirects: tuple[str, ...] = ()
    elapsed_s: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass
class _Host:
    gate: asyncio.Semaphore
    next_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Fetcher:
    """Fetch URLs safely. Use as `async with Fetcher(settings) as f: await f.fetch(url)`.

    `transport` (e.g. `httpx.MockTransport`), `resolver`, `sleep`, `clock` and `rng` are
    injectable so tests never touch the network and never wait for real.
    """

    def __init__(
        self,
        settings: Settings,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver = system_resolver,
        *,
        host_rate: float = 4.0,
        retries: int = 2,
        backoff_s: float = 1.0,
        max_retry_after_s: float = 30.0,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.resolver = resolver
        self.host_rate = host_rate
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_retry_after_s = max_retry_after_s
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._hosts: dict[str, _Host] = {}
        t = settings.fetch_timeout_s
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(t, connect=t, read=t, write=t, pool=t),
            follow_redirects=False,
            headers={"User-Agent": settings.fetch_user_agent},
            trust_env=False,  # a proxy from the environment would bypass the SSRF guard
        )
        self.robots = RobotsCache(self, settings.fetch_user_agent)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        robots: bool = False,
        max_bytes: int | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        """GET `url` with retries on transient failures; raises `FetchError` subclasses."""
        attempt = 0
        while True:
            try:
                return await self.fetch_once(url, etag=etag, last_modified=last_modified,
                                             robots=robots, max_bytes=max_bytes, accept=accept)
            except FetchStatusError as exc:
                if exc.status not in _TRANSIENT or attempt >= self.retries:
                    raise
                if exc.retry_after is not None and exc.retry_after > self.max_retry_after_s:
                    raise  # too long to wait here: the caller reschedules (see Poller)
                delay = self._delay(attempt, exc.retry_after)
            except FetchTransientError:
                if attempt >= self.retries:
                    raise
                delay = self._delay(attempt, None)
            attempt += 1
            await self._sleep(delay)

    def _delay(self, attempt: int, retry_after: float | None) -> float:
        """Retry-After when the server gives one, else exponential backoff, full jitter."""
        if retry_after is not None:
            return retry_after
        return self._rng.uniform(0, self.backoff_s * 2**attempt)

    async def fetch_once(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        robots: bool = False,
        max_bytes: int | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        """One GET (following redirects by hand), no retries."""
        start = self._clock()
        headers = {"Accept": accept or "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = _parse_url(url)
        redirects: list[str] = []
        while True:
            if robots:  # refuse an unsafe URL before asking its robots.txt
                await pin(current, self.resolver, self.settings.fetch_allow_private)
                await self.robots.check(current)
            status, resp_headers, body = await self._one(current, headers, max_bytes)
            location = resp_headers.get("location")
            if status not in _REDIRECTS or not location:
                break
            if len(redirects) >= self.settings.fetch_max_redirects:
                raise FetchError(f"{url}: more than {self.settings.fetch_max_redirects} "
                                 f"redirects ({' -> '.join([url, *redirects])})")
            current = _parse_url(str(current.join(location)))
            redirects.append(str(current))
        if status >= 400:
            raise FetchStatusError(f"{current}: HTTP {status}", status,
                                   _retry_after(resp_headers.get("retry-after")))
        return FetchResult(url=str(current), status=status, headers=resp_headers, body=body,
                           redirects=tuple(redirects), elapsed_s=self._clock() - start)

    async def post_form(self, url: str, form: Mapping[str, str]) -> FetchResult:
        """POST a form (WebSub hub requests) with the same guards; no redirects, no retries."""
        start = self._clock()
        current = _parse_url(url)
        status, headers, body = await self._one(current, {"Accept": "*/*"}, 100_000,
                                                method="POST", data=dict(form))
        if status >= 400:
            raise FetchStatusError(f"{current}: HTTP {status} ({body[:200]!r})", status,
                                   _retry_after(headers.get("retry-after")))
        return FetchResult(url=str(current), status=status, headers=headers, body=body,
                           elapsed_s=self._clock() - start)

    async def _one(
        self, url: httpx.URL, headers: dict[str, str], max_bytes: int | None,
        method: str = "GET", data: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        target = await pin(url, self.resolver, self.settings.fetch_allow_private)
        host = self._host(url.host)
        async with host.gate:
            await self._pace(host)
            request = self._client.build_request(method, url, headers=headers, data=data)
            if target is not None:
                request = self._client.build_request(
                    method, target.url, headers={**headers, "Host": target.host_header},
                    data=data, extensions={"sni_hostname": target.sni_hostname}
                    if target.sni_hostname else {},
                )
            deadline = self.settings.fetch_timeout_s * 3
            try:
                async with asyncio.timeout(deadline):
                    return await self._send(request, url, max_bytes)
            except TimeoutError as exc:
                raise _transient(f"{url}: no complete answer within {deadline:.0f} s") from exc
            except httpx.TimeoutException as exc:
                raise _transient(f"{url}: timed out ({type(exc).__name__})") from exc
            except httpx.TransportError as exc:
                raise _transient(f"{url}: {type(exc).__name__}: {exc}") from exc

    async def _send(
        self, request: httpx.Request, url: httpx.URL, max_bytes: int | None
    ) -> tuple[int, dict[str, str], bytes]:
        cap = max_bytes or self.settings.fetch_max_bytes
        response = await self._client.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            size = 0
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:  # refuse before reading a byte
                raise FetchError(f"{url}: declares {declared} bytes, more than {cap}; refused")
            if response.status_code not in _REDIRECTS and response.status_code != 304:
                # Count *decoded* bytes as they stream: a gzip bomb stops at the cap.
                try:
                    async for chunk in response.aiter_bytes():
                        size += len(chunk)
                        if size > cap:
                            raise FetchError(f"{url}: body larger than {cap} bytes (decoded); "
                                             "refused")
                        chunks.append(chunk)
                except httpx.DecodingError as exc:
                    raise FetchError(f"{url}: corrupt compressed body ({exc})") from exc
            headers = {k.lower(): v for k, v in response.headers.items()}
            return response.status_code, headers, b"".join(chunks)
        finally:
            await response.aclose()

    def _host(self, name: str) -> _Host:
        if name not in self._hosts:
            self._hosts[name] = _Host(asyncio.Semaphore(max(1, self.settings.fetch_per_host)))
        return self._hosts[name]

    async def _pace(self, host: _Host) -> None:
        """At most `host_rate` request starts per second per host."""
        if self.host_rate <= 0:
            return
        async with host.lock:
            now = self._clock()
            wait = host.next_start - now
            host.next_start = max(now, host.next_start) + 1.0 / self.host_rate
        if wait > 0:
            await self._sleep(wait)


def _parse_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise UnsafeURLError(f"{url!r}: not a valid URL ({exc})") from exc
    if parsed.scheme not in {"http", "https"}:
        raise UnsafeURLError(f"{url}: scheme {parsed.scheme!r} is not allowed (http or https)")
    return parsed


def _transient(message: str) -> FetchError:
    return FetchTransientError(message)


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
