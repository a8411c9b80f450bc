"""A real feed with its real article pages (Global Voices, June 2009, CC BY 3.0), served
from ../shared/data by a local server on 127.0.0.1: polled, pages fetched, Docs made."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from signaldesk.settings import Settings
from signaldesk.sources.fetch import Fetcher
from signaldesk.sources.poller import Poller, PollOutcome
from signaldesk.sources.registry import SourceRegistry
from signaldesk.store.sqlite import SQLiteStore


@contextmanager
def serve(files: dict[str, tuple[bytes, str]]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the http.server API names it so
            body, ctype = files.get(self.path, (b"", ""))
            self.send_response(200 if ctype else 404)
            self.send_header("Content-Type", ctype or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_global_voices_feed_and_pages(shared_data: Callable[[str], Path]) -> None:
    root = shared_data("demo-corpus") / "globalvoices-2009-06"
    pages = sorted((root / "pages").glob("index_*.html"))
    files = {f"/gv/{p.name}": (p.read_bytes(), "text/html; charset=utf-8") for p in pages}
    settings = replace(Settings(), fetch_allow_private=True)

    async def main(base: str) -> tuple[PollOutcome, dict[str, Any]]:
        # the capture's links carry a placeholder for the site, substituted as Media Cloud's
        # own test harness does before serving
        feed = (root / "feed" / "test.rss").read_bytes().replace(b"<BASE_WEBSITE_URL/>",
                                                                 f"{base}/".encode())
        files["/feed.rss"] = (feed, "application/rss+xml")
        store = SQLiteStore(":memory:")
        registry = SourceRegistry(store)
        registry.add(f"{base}/feed.rss", name="Global Voices")
        async with Fetcher(settings, host_rate=0) as fetcher:
            outcome = (await Poller(settings, registry, fetcher, fetch_pages=True).poll_due())[0]
        assert outcome.error is None
        health = registry.get(f"{base}/feed.rss").health(registry._clock())
        store.close()
        return outcome, health

    with serve(files) as base:
        outcome, health = asyncio.run(main(base))
    docs = outcome.docs
    assert len(docs) == 15 == len(pages)
    times = [d.published_at for d in docs]
    assert all(t is not None and t.year == 2009 for t in times) and times == sorted(times)
    # every doc carries its full article page, not the feed's excerpt
    assert all((d.url or "").startswith(f"{base}/gv/index_") for d in docs)
    page_bodies = {p.read_bytes().decode("utf-8")[:2000] for p in pages}
    assert all((d.html or "")[:2000] in page_bodies for d in docs)
    assert all(d.source == "Global Voices" and d.guid and d.title for d in docs)
    assert health["healthy"] and health["format"] == "rss"
