"""Misbehaving servers on 127.0.0.1: each bad source fails alone, the good ones carry on."""

from __future__ import annotations

import asyncio
import gzip
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime

from signaldesk.settings import Settings
from signaldesk.sources.fetch import Fetcher
from signaldesk.sources.poller import Poller
from signaldesk.sources.registry import SourceRegistry
from signaldesk.store.sqlite import SQLiteStore

GOOD = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Calm Post (fictional)</title>
<item><title>Fictional grain tender</title><link>http://127.0.0.1/a1</link>
<guid isPermaLink="false">a1</guid>
<pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate><description>Body one.</description></item>
<item><title>Fictional copper note</title><link>http://127.0.0.1/a2</link>
<guid isPermaLink="false">a2</guid>
<pubDate>Tue, 03 Mar 2026 08:30:00 GMT</pubDate><description>Body two.</description></item>
</channel></rss>"""
BOMB = gzip.compress(b"\0" * 30_000_000, compresslevel=6)  # ~30 KB on the wire, 30 MB inflated


async def _head(writer: asyncio.StreamWriter, status: str, headers: dict[str, str]) -> None:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    writer.write("\r\n".join(lines).encode())
    await writer.drain()


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    request = await reader.readuntil(b"\r\n\r\n")
    path = request.split(b" ", 2)[1].decode()
    try:
        if path.startswith("/good"):
            await _head(writer, "200 OK", {"Content-Type": "application/rss+xml",
                                           "Content-Length": str(len(GOOD)), "ETag": '"g"'})
            writer.write(GOOD)
        elif path == "/hang":
            await asyncio.sleep(3600)
        elif path == "/500":
            await _head(writer, "500 Internal Server Error", {"Content-Length": "0"})
        elif path == "/html":
            page = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body>Hi</body></html>"
            await _head(writer, "200 OK", {"Content-Type": "text/html",
                                           "Content-Length": str(len(page))})
            writer.write(page)
        elif path == "/garbage":
            junk = os.urandom(4096)
            await _head(writer, "200 OK", {"Content-Type": "application/xml",
                                           "Content-Length": str(len(junk))})
            writer.write(junk)
        elif path == "/endless":
            await _head(writer, "200 OK", {"Content-Type": "application/xml",
                                           "Connection": "close"})
            while True:
                writer.write(b"<item>" * 10_000)
                await writer.drain()
        elif path == "/bomb":
            await _head(writer, "200 OK", {"Content-Type": "application/xml",
                                           "Content-Encoding": "gzip",
                                           "Content-Length": str(len(BOMB))})
            writer.write(BOMB)
        elif path == "/drip":
            await _head(writer, "200 OK", {"Content-Type": "application/xml",
                                           "Content-Length": "100000"})
            while True:
                writer.write(b" ")
                await writer.drain()
                await asyncio.sleep(0.1)
        await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


@asynccontextmanager
async def local_server() -> AsyncIterator[str]:
    server = await asyncio.start_server(_serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        for task in asyncio.all_tasks():
            if task.get_coro().__qualname__.startswith("_serve"):  # type: ignore[union-attr]
                task.cancel()


BAD = ["/hang", "/500", "/html", "/garbage", "/endless", "/bomb", "/drip"]


def test_each_bad_source_fails_alone() -> None:
    settings = replace(Settings(), fetch_allow_private=True, fetch_timeout_s=0.4,
                       fetch_max_bytes=1_000_000, poll_min_s=60, poll_max_s=3600)
    now = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)

    async def main() -> None:
        async with local_server() as base:
            store = SQLiteStore(":memory:")
            registry = SourceRegistry(store, clock=lambda: now)
            for path in ["/good/1", "/good/2", *BAD]:
                registry.add(base + path, name=path)
            async with Fetcher(settings, retries=0, host_rate=0) as fetcher:
                poller = Poller(settings, registry, fetcher, clock=lambda: now)
                outcomes = {o.url[len(base):]: o for o in await poller.poll_due()}
            records = {r.url[len(base):]: r for r in registry.all()}
        for path in ["/good/1", "/good/2"]:
            assert outcomes[path].error is None
            assert [d.guid for d in outcomes[path].docs] == ["a1", "a2"]
            assert records[path].consecutive_failures == 0 and records[path].etag == '"g"'
        expected = {"/hang": "timed out", "/500": "HTTP 500", "/html": "not a feed",
                    "/garbage": "not a feed", "/endless": "larger than",
                    "/bomb": "larger than", "/drip": "no complete answer"}
        for path, words in expected.items():
            assert outcomes[path].docs == []
            assert words in (outcomes[path].error or ""), (path, outcomes[path].error)
            assert records[path].consecutive_failures == 1
            assert records[path].last_error == outcomes[path].error
            assert not records[path].health(now)["healthy"]
        # the good sources keep their normal schedule; nothing is due again right away
        assert registry.due(now) == []
        store.close()

    asyncio.run(main())
