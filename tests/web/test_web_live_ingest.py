"""Live ingestion in the app: WebSub through the mounted routes, and `serve --poll`.

Everything runs on 127.0.0.1 or through httpx.MockTransport; the feeds are invented.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.server
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from webtools import TestClient, running_server

from signaldesk.accounts.users import Accounts
from signaldesk.bus.memory import MemoryBus
from signaldesk.models import Doc
from signaldesk.settings import Settings
from signaldesk.sources.fetch import Fetcher
from signaldesk.sources.live import LiveIngest
from signaldesk.sources.registry import SourceRegistry
from signaldesk.sources.websub import sign
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.web import cli as web_cli
from signaldesk.web import create_app

TOPIC = "https://ledger.example/feed.xml"
HUB = "https://hub.example/"


def rss(guid: str, title: str, pub: str = "Mon, 02 Mar 2026 11:58:00 GMT") -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>The Fictional Ledger</title>'
        f"<link>https://ledger.example/</link><item><title>{title}</title>"
        f"<link>https://ledger.example/{guid}</link><guid>{guid}</guid><pubDate>{pub}</pubDate>"
        "<description>The invented central bank of Exlandia lifted its policy rate by half a "
        f"point on Monday ({guid}), its governor told reporters in the made-up capital. "
        "Traders in the fictional currency bought it after the surprise decision."
        "</description></item></channel></rss>").encode()


def wait_for(check: Callable[[], Any], timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (value := check()):
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_websub_verification_and_signed_push_end_up_in_the_store() -> None:
    store = SQLiteStore(":memory:")
    hub_calls: list[dict[str, str]] = []

    def hub(request: httpx.Request) -> httpx.Response:
        hub_calls.append(dict(httpx.QueryParams(request.content.decode())))
        return httpx.Response(202)

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"]

    settings = Settings(secret_key="s" * 32, public_url="https://wire.example")
    fetcher = Fetcher(settings, httpx.MockTransport(hub), public, host_rate=0)
    ingest = LiveIngest(settings, store, None, fetcher=fetcher)
    app = create_app(settings, store, None, ingest=ingest)
    with TestClient(app) as client:
        registry = SourceRegistry(store)
        record = registry.add(TOPIC)
        sub = client.portal.call(ingest.websub.subscribe, TOPIC, HUB)  # type: ignore[union-attr]
        record.websub_id = sub.id
        registry.save(record)
        callback = hub_calls[0]["hub.callback"]
        assert callback == f"https://wire.example/websub/{sub.id}"
        path = "/websub/" + sub.id
        # The hub verifies our intent: only the right topic gets its challenge echoed.
        wrong = client.get(path, params={"hub.mode": "subscribe", "hub.topic": "https://x.example/",
                                         "hub.challenge": "c1"})
        assert wrong.status_code == 404
        ok = client.get(path, params={"hub.mode": "subscribe", "hub.topic": TOPIC,
                                      "hub.challenge": "c2-challenge", "hub.lease_seconds": "600"})
        assert ok.status_code == 200 and ok.text == "c2-challenge"
        # A forged push (wrong secret) is acknowledged but ignored.
        forged = rss("forged-1", "Forged push must not appear")
        response = client.post(path, content=forged,
                               headers={"X-Hub-Signature": sign("not-the-secret", forged),
                                        "Content-Type": "application/rss+xml"})
        assert response.status_code == 202
        # A correctly signed push of garbage is acknowledged, dropped, and breaks nothing.
        garbage = b"\x00\xff<rss><channel><item><title>unterminated"
        response = client.post(path, content=garbage,
                               headers={"X-Hub-Signature": sign(sub.secret, garbage, "sha1")})
        assert response.status_code == 202
        body = rss("push-1", "Exlandia lifts its policy rate by half a point")
        response = client.post(path, content=body,
                               headers={"X-Hub-Signature": sign(sub.secret, body),
                                        "Content-Type": "application/rss+xml"})
        assert response.status_code == 202
        item = wait_for(lambda: store.last_seq() and store.events_since(0))
        stored = store.get_item(item[0].item_id)
        assert stored is not None and "Exlandia" in str(stored.get("headline"))
        assert len(store.events_since(0)) == 1  # the forged push added nothing
        assert registry.get(TOPIC).seen_ids  # the push counted as this source's delivery
    store.close()


class _Feeds(http.server.BaseHTTPRequestHandler):
    """/good.xml: a valid feed with one item; /bad.xml: always 500."""

    def do_GET(self) -> None:
        if self.path == "/good.xml":
            body = rss("poll-1", "Exlandia lifts its policy rate by half a point")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
        else:
            body = b"broken"
            self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def feed_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Feeds)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def read_sse_item(base: str, timeout: float = 30.0) -> dict[str, Any]:
    with httpx.Client(timeout=timeout) as client, \
            client.stream("GET", f"{base}/api/v1/stream",
                          headers={"Last-Event-ID": "0"}) as response:  # from the start
        assert response.status_code == 200
        deadline = time.monotonic() + timeout  # keep-alives would reset httpx's read timeout
        for line in response.iter_lines():
            assert time.monotonic() < deadline, "no item on the stream in time"
            if line.startswith("data: "):
                frame: dict[str, Any] = json.loads(line[6:])
                if frame.get("item"):
                    return frame
    raise AssertionError("stream ended without an item")


def test_serve_poll_feeds_the_pipeline_and_the_stream(tmp_path: Any) -> None:
    settings = Settings(secret_key="s" * 32, fetch_allow_private=True,
                        db=str(tmp_path / "wire.db"))
    store = SQLiteStore(settings.db)
    bus = MemoryBus()
    accounts = Accounts(store)
    accounts.add("ops@example.test", "pw-for-tests", operator=True)
    key = accounts.create_api_key("ops@example.test")
    with feed_server() as feeds:
        registry = SourceRegistry(store)
        registry.add(f"{feeds}/bad.xml")  # a broken source first: it must not stop the other
        app = web_cli.build_app(settings, store, bus, poll=True)
        with running_server(app) as base:
            # Added through the API while the poller runs: polled at once (not at the
            # poller's 30 s schedule reload, which would outlast the read timeout below).
            added = httpx.post(f"{base}/api/v1/sources", json={"url": f"{feeds}/good.xml"},
                               headers={"Authorization": f"Bearer {key}"})
            assert added.status_code == 201, added.text
            frame = read_sse_item(base, timeout=20.0)
            assert "Exlandia" in frame["item"]["headline"]
            bad = wait_for(lambda: (r := registry.get(f"{feeds}/bad.xml")).last_error and r)
            assert bad.consecutive_failures >= 1 and "500" in bad.last_error
            assert registry.get(f"{feeds}/good.xml").last_success_at
            assert httpx.get(f"{base}/healthz").status_code == 200
    store.close()


def test_serve_command_wires_poll_flag(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    seen: dict[str, Any] = {}

    def fake_build(settings: Settings, store: Any, bus: Any, *, poll: bool) -> Starlette:
        seen["poll"] = poll
        return Starlette()

    async def fake_serve(app: Starlette, settings: Settings, log_level: str = "info") -> None:
        seen["app"] = app

    monkeypatch.setattr(web_cli, "build_app", fake_build)
    monkeypatch.setattr("signaldesk.web.server.serve", fake_serve)
    parser = argparse.ArgumentParser()
    web_cli.register(parser.add_subparsers())
    settings = Settings(db=str(tmp_path / "x.db"))
    for argv, expected in ((["serve", "--poll"], True), (["serve"], False)):
        args = parser.parse_args(argv)
        assert args.handler(args, settings) == 0
        assert seen["poll"] is expected and isinstance(seen["app"], Starlette)


def test_a_failing_pipeline_batch_does_not_stop_the_worker() -> None:
    store = SQLiteStore(":memory:")
    done: list[str] = []

    class Flaky:
        def process_batch(self, batch: list[Doc]) -> list[Doc]:
            if batch[0].id == "boom":
                raise RuntimeError("stage exploded")
            done.extend(d.id for d in batch)
            return batch

        def close(self) -> None:
            done.append("closed")

    settings = replace(Settings(), fetch_allow_private=True)
    ingest = LiveIngest(settings, store, None, processor_factory=Flaky)

    async def main() -> None:
        await ingest.submit([Doc(id="boom", text="x")])
        await ingest.submit([Doc(id="fine", text="y")])
        await ingest.aclose()

    asyncio.run(main())
    assert done == ["fine", "closed"]
    assert ingest.batch_failures == 1 and "stage exploded" in str(ingest.last_error)
    store.close()
