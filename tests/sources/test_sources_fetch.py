"""The fetcher with httpx.MockTransport: SSRF guard, redirects, conditional GET, retries."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any

import httpx
import pytest

from signaldesk.errors import FetchError, UnsafeURLError
from signaldesk.settings import Settings
from signaldesk.sources.fetch import Fetcher, FetchResult, FetchStatusError
from signaldesk.sources.robots import RobotsDisallowed
from signaldesk.sources.ssrf import Resolver

PUBLIC = "93.184.216.34"  # documentation-style public address; never contacted (mock)


def resolver_for(table: dict[str, list[str]]) -> Resolver:
    async def resolve(host: str, port: int) -> list[str]:
        return table.get(host, [PUBLIC])

    return resolve


def run_fetch(handler: Callable[[httpx.Request], httpx.Response], url: str,
              settings: Settings | None = None, table: dict[str, list[str]] | None = None,
              sleeps: list[float] | None = None, **kw: Any) -> FetchResult:
    async def main() -> FetchResult:
        async def fake_sleep(s: float) -> None:
            if sleeps is not None:
                sleeps.append(s)

        fetcher = Fetcher(settings or Settings(), httpx.MockTransport(handler),
                          resolver_for(table or {}),
                          sleep=fake_sleep, rng=random.Random(7), host_rate=0)
        async with fetcher:
            return await fetcher.fetch(url, **kw)

    return asyncio.run(main())


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, text="fine", headers={"ETag": '"v1"'})


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.9", "169.254.169.254",
                                     "::1", "fe80::1", "fc00::5", "::ffff:127.0.0.1",
                                     "224.0.0.7", "0.0.0.0", "100.64.3.3", "240.1.1.1"])
def test_ssrf_guard_refuses_private_answers(address: str) -> None:
    with pytest.raises(UnsafeURLError, match="SSRF"):
        run_fetch(ok, "http://feeds.example/rss", table={"feeds.example": [address]})


def test_ssrf_guard_refuses_mixed_answers_and_bad_schemes() -> None:
    with pytest.raises(UnsafeURLError):
        run_fetch(ok, "http://feeds.example/", table={"feeds.example": [PUBLIC, "10.0.0.1"]})
    for url in ["file:///etc/passwd", "ftp://feeds.example/x", "gopher://x/"]:
        with pytest.raises(UnsafeURLError, match="scheme"):
            run_fetch(ok, url)


def test_connects_to_the_checked_address_with_host_and_sni() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="x")

    run_fetch(handler, "https://feeds.example:8443/rss")
    assert seen[0].url.host == PUBLIC and seen[0].url.port == 8443
    assert seen[0].headers["host"] == "feeds.example:8443"
    assert seen[0].extensions["sni_hostname"] == "feeds.example"
    assert seen[0].headers["user-agent"] == Settings().fetch_user_agent


def test_redirect_to_private_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["host"] == "public.example":
            return httpx.Response(302, headers={"Location": "http://inside.example/admin"})
        return httpx.Response(200, text="secret")

    with pytest.raises(UnsafeURLError, match=r"inside\.example"):
        run_fetch(handler, "http://public.example/feed", table={"inside.example": ["10.0.0.8"]})


def test_redirects_followed_and_capped() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        n = int(request.url.path.strip("/") or 0)
        if n < 3:
            return httpx.Response(301, headers={"Location": f"/{n + 1}"})
        return httpx.Response(200, text="end")

    result = run_fetch(handler, "http://a.example/0")
    assert result.url == "http://a.example/3" and result.body == b"end"
    assert len(result.redirects) == 3
    with pytest.raises(FetchError, match="more than 2 redirects"):
        run_fetch(handler, "http://a.example/0", replace(Settings(), fetch_max_redirects=2))


def test_conditional_get_sends_validators_and_reports_304() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            assert request.headers["if-modified-since"] == "Tue, 03 Mar 2026 08:00:00 GMT"
            return httpx.Response(304)
        return httpx.Response(200, text="body", headers={"ETag": '"v1"'})

    first = run_fetch(handler, "http://a.example/f")
    assert first.etag == '"v1"' and not first.not_modified
    again = run_fetch(handler, "http://a.example/f", etag='"v1"',
                      last_modified="Tue, 03 Mar 2026 08:00:00 GMT")
    assert again.not_modified and again.body == b""


def test_retry_after_and_backoff() -> None:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(429, headers={"Retry-After": "7"})
        if calls["n"] == 2:
            return httpx.Response(503)
        return httpx.Response(200, text="ok")

    sleeps: list[float] = []
    result = run_fetch(handler, "http://a.example/f", sleeps=sleeps)
    assert result.body == b"ok"
    assert sleeps[0] == 7.0 and 0 <= sleeps[1] <= 2.0  # Retry-After, then jittered backoff
    calls["n"] = -10  # always 429 then: gives up after `retries`
    with pytest.raises(FetchStatusError) as info:
        run_fetch(lambda r: httpx.Response(500), "http://a.example/f")
    assert info.value.status == 500


def test_client_errors_are_not_retried() -> None:
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        return httpx.Response(404)

    with pytest.raises(FetchStatusError, match="HTTP 404"):
        run_fetch(handler, "http://a.example/f")
    assert calls["n"] == 1


def test_size_cap_counts_decoded_bytes() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 5000)

    with pytest.raises(FetchError, match="declares 5000 bytes"):
        run_fetch(handler, "http://a.example/f", replace(Settings(), fetch_max_bytes=1000))

    async def stream() -> AsyncIterator[bytes]:
        for _ in range(50):
            yield b"y" * 100

    with pytest.raises(FetchError, match="larger than 1000 bytes"):  # no Content-Length
        run_fetch(lambda r: httpx.Response(200, content=stream()), "http://a.example/g",
                  replace(Settings(), fetch_max_bytes=1000))


def test_robots_txt_is_honoured_for_pages() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        return httpx.Response(200, text="page")

    assert run_fetch(handler, "http://a.example/news/1", robots=True).body == b"page"
    with pytest.raises(RobotsDisallowed):
        run_fetch(handler, "http://a.example/private/2", robots=True)
    # a 5xx robots.txt means "disallow for now" (RFC 9309); a 404 means no rules
    with pytest.raises(RobotsDisallowed):
        run_fetch(lambda r: httpx.Response(503 if r.url.path == "/robots.txt" else 200),
                  "http://b.example/x", robots=True)
    assert run_fetch(lambda r: httpx.Response(404 if r.url.path == "/robots.txt" else 200,
                                              text="y"),
                     "http://c.example/x", robots=True).body == b"y"


def test_dns_rebinding_cannot_reach_a_private_address() -> None:
    """The resolver answers public first, private after: we connect to what we checked."""
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])
    seen: list[httpx.Request] = []

    async def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, text="public content")

    async def main() -> FetchResult:
        async with Fetcher(Settings(), httpx.MockTransport(handler), rebinding,
                           host_rate=0) as fetcher:
            return await fetcher.fetch("http://rebind.example/feed")

    assert asyncio.run(main()).body == b"public content"
    assert [r.url.host for r in seen] == [PUBLIC]
    # and the next fetch, now resolving to loopback, is refused
    with pytest.raises(UnsafeURLError, match="loopback"):
        asyncio.run(main())


def test_private_networks_allowed_when_configured() -> None:
    result = run_fetch(ok, "http://intranet.example/feed",
                       replace(Settings(), fetch_allow_private=True),
                       table={"intranet.example": ["10.0.0.2"]})
    assert result.body == b"fine"
