"""Ingest benchmark: fetches/s over many sources, and poll vs WebSub push latency; prints JSON.

    .venv/bin/python bench/ingest.py [--sources 2000] [--items 40] [--every 0.25] [--poll 1.0]
                                     [--mode all|fetch|latency|sse]

A local feed server (raw asyncio HTTP/1.1 with keep-alive, in its own process so it
does not share the client's event loop) serves one small RSS feed per source path
with an ETag, and a live feed that gains an item every `--every` seconds; it is also
a WebSub hub that verifies our intent and pushes each new item, HMAC-signed, to our
Starlette callback (served by uvicorn on 127.0.0.1).

1. fetches/s: the SignalDesk `Poller` (SSRF check, streaming size cap, feed parse,
   registry update in SQLite per source) over `--sources` sources: a first round (200 +
   parse) and a second (all 304, conditional GET); against the plain alternatives at
   the same concurrency: bare `httpx.AsyncClient` GETs (no guards, no bookkeeping) for
   the 304 round, and bare GETs + `feedparser.parse` for the first. Ratios: ours / plain.
2. latency: time from an item's appearance on the server to its arrival as a Doc in
   the process, p50 / p99, by polling (interval `--poll` s) and by WebSub push.
3. end to end (`--mode sse`): the real app (`create_app` with `LiveIngest`, the full
   pipeline in its worker thread, the in-process bus) served by uvicorn on 127.0.0.1;
   time from an item's appearance on the feed server to its frame on /api/v1/stream,
   p50 / p99, for a WebSub push (hub -> mounted callback) and for `serve --poll`.
All on 127.0.0.1, so `fetch_allow_private` is on; `fetch_per_host` is raised because
every source shares one host here.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import statistics
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from signaldesk.models import Doc
from signaldesk.settings import Settings
from signaldesk.sources.feeds import ParsedFeed
from signaldesk.sources.fetch import Fetcher
from signaldesk.sources.poller import Poller
from signaldesk.sources.registry import SourceRegistry
from signaldesk.sources.websub import Subscription, WebSubSubscriber, routes, sign
from signaldesk.store.sqlite import SQLiteStore

# -- the feed server + hub (child process)
# Invented sentences; each item mixes a different handful (seeded by its guid) so the
# dedupe stage does not drop bench items as near-duplicates of each other.
_SENTENCES = [
    "The fictional Exlandia central bank held its policy rate at {n} percent.",
    "Traders in the made-up port of Veloria bid the krona up {n} basis points.",
    "An invented steel maker said quarterly orders rose {n} percent on the year.",
    "Bench officials in the imaginary republic announced a {n} billion bond sale.",
    "Shipping rates on the fictional northern route fell for a {n}th straight week.",
    "A pretend grain cooperative cut its harvest estimate to {n} million tonnes.",
    "The imaginary stock exchange index closed {n} points higher after a quiet session.",
    "Regulators in a made-up province fined an invented lender {n} million crowns.",
    "Copper stocks in fictional warehouses dropped to {n} thousand tonnes.",
    "An invented airline ordered {n} aircraft for its regional network.",
    "Inflation in the pretend federation slowed to {n} percent in the latest month.",
    "A fictional power utility said outages hit {n} thousand homes after the storm.",
    "The invented finance ministry expects a deficit of {n} percent of output.",
    "Dock workers at an imaginary harbour began a strike lasting {n} days.",
    "A made-up chip designer raised its revenue forecast by {n} percent.",
    "The pretend housing agency counted {n} thousand new permits last quarter.",
]


def _text(guid: str) -> str:
    import random

    rng = random.Random(guid)
    picks = rng.sample(_SENTENCES, 5)
    return " ".join(p.format(n=rng.randint(2, 990)) for p in picks)


def _rss(items: list[tuple[str, float]]) -> bytes:
    body = "".join(
        f"<item><title>Bench item {guid}</title><link>http://bench.invalid/{guid}</link>"
        f'<guid isPermaLink="false">{guid}</guid><description>{_text(guid)}'
        f"</description><pubDate>{_http_date(t)}</pubDate></item>" for guid, t in items)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed</title>'
            f"<link>http://bench.invalid/</link>{body}</channel></rss>").encode()


def _http_date(t: float) -> str:
    return time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(t))


class FeedServer:
    def __init__(self, every: float, count: int) -> None:
        self.static = _rss([(f"s{i}", 1_700_000_000.0 + i) for i in range(10)])
        self.live: list[tuple[str, float]] = []
        self.subscribers: list[tuple[str, str]] = []  # (callback, secret)
        self.every, self.count = every, count

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = {k.lower(): v.strip() for k, _, v in
                           (line.partition(":") for line in lines[1:] if line)}
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                status, payload, extra = await self.route(method, target, headers, body)
                out = [f"HTTP/1.1 {status}", f"Content-Length: {len(payload)}",
                       "Content-Type: application/rss+xml", *extra, "", ""]
                writer.write("\r\n".join(out).encode() + payload)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def route(self, method: str, target: str, headers: dict[str, str],
                    body: bytes) -> tuple[str, bytes, list[str]]:
        path = urlsplit(target).path
        if path.startswith("/feed/"):
            if headers.get("if-none-match") == '"static"':
                return "304 Not Modified", b"", ['ETag: "static"']
            return "200 OK", self.static, ['ETag: "static"']
        if path == "/live":
            return "200 OK", _rss(self.live[::-1]), []
        if path == "/hub" and method == "POST":
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            asyncio.get_running_loop().create_task(self.verify(form))
            return "202 Accepted", b"", []
        if path == "/start":
            asyncio.get_running_loop().create_task(self.publish())
            return "200 OK", b"", []
        return "404 Not Found", b"", []

    async def verify(self, form: dict[str, str]) -> None:
        async with httpx.AsyncClient() as client:
            r = await client.get(form["hub.callback"], params={
                "hub.mode": "subscribe", "hub.topic": form["hub.topic"],
                "hub.challenge": "bench-challenge", "hub.lease_seconds": "3600"})
        if r.text == "bench-challenge":
            self.subscribers.append((form["hub.callback"], form["hub.secret"]))

    async def publish(self) -> None:
        async with httpx.AsyncClient() as client:
            for n in range(self.count):
                await asyncio.sleep(self.every)
                appeared = time.time()
                self.live.append((f"live-{n}-{appeared:.6f}", appeared))
                push = _rss([self.live[-1]])
                for callback, secret in self.subscribers:
                    try:  # a subscriber of an earlier phase may be gone
                        await client.post(callback, content=push, headers={
                            "X-Hub-Signature": sign(secret, push), "Content-Type":
                            "application/rss+xml"})
                    except httpx.HTTPError:
                        continue


def _serve(port: int, every: float, count: int) -> None:
    async def main() -> None:
        server = FeedServer(every, count)
        srv = await asyncio.start_server(server.handle, "127.0.0.1", port, backlog=4096)
        async with srv:
            await srv.serve_forever()

    asyncio.run(main())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the measurements (this process)
async def fetch_rate(base: str, n: int, settings: Settings) -> dict[str, Any]:
    store = SQLiteStore(":memory:")
    registry = SourceRegistry(store)
    for i in range(n):
        registry.add(f"{base}/feed/{i}")
    out: dict[str, Any] = {"sources": n}
    async with Fetcher(settings, retries=0, host_rate=0) as fetcher:
        poller = Poller(settings, registry, fetcher, clock=lambda: datetime(2030, 1, 1, tzinfo=UTC))
        for label in ("first_round_200", "second_round_304"):
            for rec in registry.all():  # everything due again
                rec.next_poll_at = None
                registry.save(rec)
            t0 = time.perf_counter()
            outcomes = await poller.poll_due()
            dt = time.perf_counter() - t0
            errors = sum(o.error is not None for o in outcomes)
            out[label] = {"fetches_per_s": round(n / dt, 1), "errors": errors}
    plain = await _plain(base, n, settings.fetch_per_host, parse=False)
    plain_parse = await _plain(base, n, settings.fetch_per_host, parse=True)
    out["plain_httpx_fetches_per_s"] = round(plain, 1)
    out["plain_httpx_feedparser_fetches_per_s"] = round(plain_parse, 1)
    out["ratio_ours_over_plain_304_round"] = round(
        out["second_round_304"]["fetches_per_s"] / plain, 3)
    out["ratio_ours_over_plain_feedparser_first_round"] = round(
        out["first_round_200"]["fetches_per_s"] / plain_parse, 3)
    store.close()
    return out


async def _plain(base: str, n: int, concurrency: int, parse: bool) -> float:
    """The plain alternative: bare httpx GETs (and feedparser on the bytes, if `parse`)."""
    import io

    import feedparser

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(limits=limits) as client:
        sem = asyncio.Semaphore(concurrency)

        async def get(i: int) -> None:
            async with sem:
                response = await client.get(f"{base}/feed/{i}")
                response.raise_for_status()
                if parse:
                    feedparser.parse(io.BytesIO(response.content))

        t0 = time.perf_counter()
        await asyncio.gather(*(get(i) for i in range(n)))
        return n / (time.perf_counter() - t0)


def _appeared(guid: str | None) -> float:
    return float((guid or "x-0-0").rsplit("-", 1)[1])


def _pcts(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    if not values:
        return {"n": 0}
    p99 = values[min(len(values) - 1, round(0.99 * (len(values) - 1)))]
    return {"n": len(values), "p50_ms": round(statistics.median(values) * 1000, 1),
            "p99_ms": round(p99 * 1000, 1)}


async def latency(base: str, args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    import uvicorn
    from starlette.applications import Starlette

    push_lat: list[float] = []
    poll_lat: list[float] = []

    async def on_feed(sub: Subscription, feed: ParsedFeed) -> None:
        now = time.time()
        push_lat.extend(now - _appeared(e.id) for e in feed.entries)

    async def sink(docs: list[Doc]) -> None:
        now = time.time()
        poll_lat.extend(now - _appeared(d.guid) for d in docs)

    store = SQLiteStore(":memory:")
    cb_port = _free_port()
    async with Fetcher(settings, retries=0, host_rate=0) as fetcher:
        subscriber = WebSubSubscriber(fetcher, f"http://127.0.0.1:{cb_port}/websub", store)
        app = Starlette(routes=routes(subscriber, on_feed))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=cb_port,
                                               log_level="warning", lifespan="off"))
        serving = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.01)
        await subscriber.subscribe(f"{base}/live", f"{base}/hub")
        await asyncio.sleep(0.3)  # the hub verifies intent
        registry = SourceRegistry(store)
        registry.add(f"{base}/live", interval_s=args.poll)
        poller = Poller(settings, registry, fetcher)
        stop = asyncio.Event()
        polling = asyncio.create_task(poller.run(sink, stop, idle_s=0.02))
        await fetcher.fetch(f"{base}/start")
        await asyncio.sleep(args.every * args.items + args.poll + 0.5)
        stop.set()
        await polling
        server.should_exit = True
        await serving
    store.close()
    return {"push": _pcts(push_lat), "poll": _pcts(poll_lat), "poll_interval_s": args.poll,
            "push_over_poll_p50": round(statistics.median(push_lat) /
                                        statistics.median(poll_lat), 4)
            if push_lat and poll_lat else None}


async def _read_sse(url: str, arrivals: list[tuple[float, str]],
                    connected: asyncio.Event) -> None:
    """Collect (arrival time, item url) of every item frame on the SSE stream."""
    async with httpx.AsyncClient(timeout=None) as client, \
            client.stream("GET", url) as response:
        connected.set()
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                item = json.loads(line[6:]).get("item") or {}
                arrivals.append((time.time(), str(item.get("url") or "")))


async def sse_phase(base: str, args: argparse.Namespace, settings: Settings,
                    mode: str) -> list[float]:
    """One app (real pipeline, bus, uvicorn on 127.0.0.1) fed by push or by polling:
    seconds from each item's appearance on the feed server to its SSE frame."""
    import uvicorn

    from signaldesk.bus.memory import MemoryBus
    from signaldesk.sources.live import LiveIngest
    from signaldesk.web.app import create_app

    port = _free_port()
    settings = replace(settings, host="127.0.0.1", port=port)
    store, bus = SQLiteStore(":memory:"), MemoryBus()
    ingest = LiveIngest(settings, store, bus)
    # Registered before the app starts: the Poller reloads its schedule every 30 s only.
    record = ingest.registry.add(f"{base}/live", interval_s=args.poll)
    app = create_app(settings, store, bus, ingest=ingest, poll=mode == "poll", poll_idle_s=0.02)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    arrivals: list[tuple[float, str]] = []
    connected = asyncio.Event()
    reading = asyncio.create_task(_read_sse(f"http://127.0.0.1:{port}/api/v1/stream",
                                            arrivals, connected))
    await connected.wait()
    if mode == "push":
        sub = await ingest.websub.subscribe(f"{base}/live", f"{base}/hub")
        record.websub_id = sub.id  # as the Poller does when a feed advertises a hub
        ingest.registry.save(record)
    ingest._ensure_worker()
    await asyncio.to_thread(ingest.ready.wait, 120)  # the pipeline loads its models once
    await asyncio.sleep(3.0)  # earlier phases' items (a first poll) clear the pipeline
    started = time.time()
    await ingest.fetcher.fetch(f"{base}/start")
    await asyncio.sleep(args.every * args.items + args.poll + 3.0)
    reading.cancel()
    await asyncio.gather(reading, return_exceptions=True)
    server.should_exit = True
    await serving
    store.close()
    # Only items published in this phase (an earlier phase's items reach a first poll).
    return [t - _appeared(u.rsplit("/", 1)[-1]) for t, u in arrivals
            if "/live-" in u and _appeared(u.rsplit("/", 1)[-1]) >= started]


async def sse_latency(base: str, args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    push = await sse_phase(base, args, settings, "push")
    poll = await sse_phase(base, args, settings, "poll")
    return {"push_to_sse": _pcts(push), "poll_to_sse": _pcts(poll),
            "items_published_per_phase": args.items, "poll_interval_s": args.poll,
            "push_over_poll_p50": round(statistics.median(push) / statistics.median(poll), 4)
            if push and poll else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--every", type=float, default=0.25)
    parser.add_argument("--poll", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--mode", choices=["all", "fetch", "latency", "sse"], default="all",
                        help="sse: appearance -> SSE frame of a served app (push and poll)")
    args = parser.parse_args()
    port = _free_port()
    proc = multiprocessing.Process(target=_serve, args=(port, args.every, args.items),
                                   daemon=True)
    proc.start()
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        settings = replace(Settings(), fetch_allow_private=True, fetch_per_host=args.concurrency,
                           poll_min_s=min(args.poll, 60.0), fetch_timeout_s=30.0)
        result: dict[str, Any] = {}
        if args.mode in {"all", "fetch"}:
            result["fetch"] = asyncio.run(fetch_rate(base, args.sources, settings))
        if args.mode in {"all", "latency"}:
            result["latency"] = asyncio.run(latency(base, args, settings))
        if args.mode in {"all", "sse"}:
            result["sse"] = asyncio.run(sse_latency(base, args, settings))
    finally:
        proc.terminate()
        proc.join()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
