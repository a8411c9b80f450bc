"""Source registry, health and adaptive polling; the poller with a MockTransport."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from signaldesk.errors import InputError, NotFound
from signaldesk.models import Doc
from signaldesk.settings import Settings
from signaldesk.sources.fetch import Fetcher
from signaldesk.sources.poller import Poller, decode_html
from signaldesk.sources.registry import SourceRecord, SourceRegistry, next_interval
from signaldesk.store.sqlite import SQLiteStore

NOW = datetime(2026, 3, 3, 12, 0, tzinfo=UTC)
SETTINGS = replace(Settings(), poll_min_s=60.0, poll_max_s=3600.0)


def test_add_list_remove_roundtrip_through_the_store() -> None:
    store = SQLiteStore(":memory:")
    reg = SourceRegistry(store, clock=lambda: NOW)
    reg.add("https://a.example/rss", desk="fx", tier="premium", interval_s=120)
    reg.add("https://b.example/atom")
    assert sorted(r.url for r in reg.all()) == ["https://a.example/rss", "https://b.example/atom"]
    rec = reg.get("https://a.example/rss")
    assert (rec.desk, rec.tier, rec.interval_s) == ("fx", "premium", 120)
    reg.remove("https://b.example/atom")
    with pytest.raises(NotFound):
        reg.get("https://b.example/atom")
    with pytest.raises(InputError):
        reg.add("file:///etc/passwd")
    with pytest.raises(InputError):
        reg.add("https://c.example/", tier="gold")
    store.close()


def test_adaptive_interval_follows_publishing_rate() -> None:
    busy = SourceRecord(url="https://busy.example/")
    busy.arrivals = [(NOW - timedelta(minutes=i)).isoformat() for i in range(1440)]
    quiet = SourceRecord(url="https://quiet.example/")
    quiet.arrivals = [(NOW - timedelta(days=3)).isoformat()]
    new = SourceRecord(url="https://new.example/")
    assert next_interval(busy, NOW, SETTINGS) == 60.0  # floor
    every_5_min = SourceRecord(url="https://steady.example/")
    every_5_min.arrivals = [(NOW - timedelta(minutes=5 * i)).isoformat() for i in range(288)]
    assert next_interval(every_5_min, NOW, SETTINGS) == 150.0  # twice per average gap
    assert next_interval(quiet, NOW, SETTINGS) == 3600.0  # ceiling
    assert 60.0 < next_interval(new, NOW, SETTINGS) < 3600.0
    new.consecutive_failures = 3
    assert next_interval(new, NOW, SETTINGS) == 3600.0  # failures back off


def test_health_counts_lag_and_rate() -> None:
    rec = SourceRecord(url="https://a.example/")
    items = [(f"id{i}", NOW - timedelta(seconds=30 * (i + 1))) for i in range(3)]
    rec.record_success(NOW, items, SETTINGS)
    health = rec.health(NOW)
    assert health["median_lag_s"] == 60.0
    assert health["items_per_day"] == 3.0 and health["healthy"]
    rec.record_failure(NOW, "boom", SETTINGS)
    assert rec.health(NOW)["consecutive_failures"] == 1 and not rec.health(NOW)["healthy"]


FEED = b"""<rss version="2.0"><channel><title>Tidewater Daily (fictional)</title>
<item><title>One</title><link>https://t.example/1</link><guid isPermaLink="false">t1</guid>
<description>Teaser one</description><pubDate>Tue, 03 Mar 2026 11:00:00 GMT</pubDate></item>
</channel></rss>"""


def test_poller_conditional_get_new_items_and_pages() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if request.url.path == "/rss":
            if request.headers.get("if-none-match") == '"e1"':
                return httpx.Response(304)
            return httpx.Response(200, content=FEED, headers={"ETag": '"e1"'})
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        page = "<html><head><meta charset='iso-8859-1'></head><body>Caf\xe9</body></html>"
        return httpx.Response(200, content=page.encode("latin-1"),
                              headers={"Content-Type": "text/html"})

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    async def main() -> None:
        store = SQLiteStore(":memory:")
        clock = [NOW]
        reg = SourceRegistry(store, clock=lambda: clock[0])
        reg.add("https://t.example/rss", name="Tidewater", tier="premium")
        async with Fetcher(SETTINGS, httpx.MockTransport(handler), public, host_rate=0) as f:
            poller = Poller(SETTINGS, reg, f, fetch_pages=True, clock=lambda: clock[0])
            first = await poller.poll_due()
            assert len(first[0].docs) == 1
            doc = first[0].docs[0]
            assert doc.source == "Tidewater" and doc.tier == "premium"
            assert doc.html is not None and "Café" in doc.html  # the article page
            clock[0] = NOW + timedelta(hours=2)
            second = await poller.poll_due()
            assert second[0].not_modified and second[0].docs == []
        rec = reg.get("https://t.example/rss")
        assert rec.etag == '"e1"' and rec.lags_s == [3600.0] and rec.title.startswith("Tidewater")
        store.close()

    asyncio.run(main())
    assert sum(r.url.path == "/rss" for r in requests) == 2


def test_decode_html_prefers_http_charset() -> None:
    assert decode_html("é".encode("cp1252"), "text/html; charset=windows-1252") == "é"
    assert decode_html("é".encode(), "text/html") == "é"
    assert decode_html(b"\xff\xfe\xe9", "") == "ÿþé"


def test_run_keeps_schedule_while_a_source_hangs() -> None:
    calls = {"/good": 0, "/hang": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        calls[request.url.path] += 1
        if request.url.path == "/hang":
            await asyncio.sleep(60)
        return httpx.Response(200, content=FEED)

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    settings = replace(Settings(), poll_min_s=0.05, poll_max_s=0.1, fetch_timeout_s=30)
    got: list[str] = []

    async def sink(docs: list[Doc]) -> None:
        got.extend(d.guid or "" for d in docs)

    async def main() -> None:
        store = SQLiteStore(":memory:")
        reg = SourceRegistry(store)
        reg.add("https://g.example/good")
        reg.add("https://h.example/hang")
        async with Fetcher(settings, httpx.MockTransport(handler), public, host_rate=0) as f:
            poller = Poller(settings, reg, f)
            stop = asyncio.Event()
            runner = asyncio.create_task(poller.run(sink, stop, idle_s=0.02))
            while calls["/good"] < 3:
                await asyncio.sleep(0.02)
            stop.set()
            await runner
        store.close()

    asyncio.run(main())
    assert calls["/hang"] == 1 and calls["/good"] >= 3
    assert got == ["t1"]  # the item arrives once, later polls find nothing new


def test_unchanged_body_without_validators_is_not_reparsed() -> None:
    bodies = [FEED, FEED, FEED.replace(b"</channel>", b"<item><guid isPermaLink='false'>t2"
                                                      b"</guid><title>Two</title></item>"
                                                      b"</channel>")]
    served = iter(bodies)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=next(served))  # no ETag, no Last-Modified

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    async def main() -> list[tuple[bool, list[str | None]]]:
        store = SQLiteStore(":memory:")
        reg = SourceRegistry(store)
        reg.add("https://n.example/rss")
        out = []
        async with Fetcher(SETTINGS, httpx.MockTransport(handler), public, host_rate=0) as f:
            poller = Poller(SETTINGS, reg, f)
            for _ in bodies:
                outcome = await poller.poll_source(reg.get("https://n.example/rss"))
                out.append((outcome.not_modified, [d.guid for d in outcome.docs]))
        store.close()
        return out

    assert asyncio.run(main()) == [(False, ["t1"]), (True, []), (False, ["t2"])]


def test_long_retry_after_reschedules_instead_of_waiting() -> None:
    sleeps: list[float] = []

    async def fake_sleep(s: float) -> None:
        sleeps.append(s)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "3000"})

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    async def main() -> SourceRecord:
        store = SQLiteStore(":memory:")
        reg = SourceRegistry(store, clock=lambda: NOW)
        reg.add("https://busy.example/rss")
        async with Fetcher(SETTINGS, httpx.MockTransport(handler), public, host_rate=0,
                           sleep=fake_sleep) as f:
            outcome = (await Poller(SETTINGS, reg, f, clock=lambda: NOW).poll_due())[0]
            assert outcome.error is not None and "HTTP 429" in outcome.error
        record = reg.get("https://busy.example/rss")
        store.close()
        return record

    record = asyncio.run(main())
    assert sleeps == []  # 3000 s is not slept inside the fetch
    assert record.next_poll_at == (NOW + timedelta(seconds=3000)).isoformat()
    assert record.consecutive_failures == 1
