"""Helpers of the web tests: fictional items, login, reading the SSE stream.

Every item here is invented for the tests (fictional outlets, countries' names only as
tags). Times are fixed so trial expiry is deterministic.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import socket
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio
from starlette.applications import Starlette

from signaldesk.models import Attribution, DeskScore, Doc, Entity, Instrument, Quote, SourceRef
from signaldesk.settings import Settings
from signaldesk.web.server import server_for

with warnings.catch_warnings():
    # Starlette 1.10 nudges towards the httpx2 fork; plain httpx works the same here.
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def make_item(
    item_id: str,
    *,
    tier: str = "free",
    desk: str = "fx",
    headline: str | None = None,
    lead: str | None = None,
    bullets: list[str] | None = None,
    text: str | None = None,
    story_id: str | None = None,
    minutes: int = 0,
    entity: tuple[str, str, str] = ("country:XL", "Exlandia", "country"),
    symbol: str = "USDXLD",
    url: str | None = None,
    source: str = "The Fictional Ledger",
    action: str = "created",
) -> dict[str, Any]:
    """An item as the pipeline would store it (`Doc.to_item()`), all made up."""
    when = NOW - timedelta(hours=1) + timedelta(minutes=minutes)
    doc = Doc(
        id=item_id,
        item_id=item_id,
        url=url or f"https://ledger.example/{item_id}",
        source=source,
        headline=headline or f"Exlandia central bank weighs move {item_id}",
        lead=lead or (f"The Fictional Ledger reports a policy shift in Exlandia ({item_id}). "
                      "Officials declined to give a date."),
        bullets=bullets if bullets is not None else ["A firmer currency is likely.",
                                                     "Bond yields may climb."],
        text=text or "Body paragraph about the invented economy of Exlandia.",
        tier="premium" if tier == "premium" else "free",
        story_id=story_id or f"story-{item_id}",
        desks=[DeskScore(desk, 0.9, ("mentions the central bank",))],
        entities=[Entity(entity[0], entity[1], entity[2], relevance=80)],
        instruments=[Instrument(symbol, "fx-pair", entity[0])],
        quotes=[Quote("A made-up spokesperson", "spokesperson", "We watch the data.")],
        attribution=Attribution("The Fictional Ledger", "two invented officials"),
        why=["desk fx: mentions the currency"],
        sources=[SourceRef(source, url or f"https://ledger.example/{item_id}", when, when)],
        published_at=when,
        first_seen_at=when,
        recorded_at=when,
        word_count=120,
        action=action,  # type: ignore[arg-type]
    )
    return doc.to_item()


def csrf_of(client: TestClient, path: str = "/login") -> str:
    match = _CSRF.search(client.get(path).text)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def login(client: TestClient, email: str, password: str = PASSWORD) -> None:
    token = csrf_of(client)
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf": token, "next": "/"})
    assert response.status_code == 303, response.text


async def read_stream(
    app: Starlette,
    query: str = "",
    headers: dict[str, str] | None = None,
    *,
    until: Callable[[list[dict[str, Any]]], bool],
    during: Callable[[], None] | None = None,
    timeout: float = 10.0,
) -> list[dict[str, Any]]:
    """Call the SSE endpoint as raw ASGI until `until(events)`; run `during` once it is open.

    (TestClient buffers whole responses, so an endless stream is read this way.)
    """
    events: list[dict[str, Any]] = []
    buffer = b""
    done = anyio.Event()
    opened = anyio.Event()

    async def receive() -> dict[str, Any]:
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal buffer
        if message["type"] == "http.response.start":
            events.append({"status": message["status"]})
        if message["type"] != "http.response.body":
            return
        buffer += message.get("body", b"")
        while b"\n\n" in buffer:
            raw, buffer = buffer.split(b"\n\n", 1)
            fields = dict(line.split(": ", 1) for line in raw.decode().split("\n")
                          if ": " in line and not line.startswith(":"))
            if "retry" in fields:
                opened.set()
            if "data" in fields:
                events.append({"id": fields.get("id"), "event": fields.get("event"),
                               "data": json.loads(fields["data"])})
        if until(events[1:]):
            done.set()

    raw_headers = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
             "http_version": "1.1", "method": "GET", "scheme": "http", "path": "/api/v1/stream",
             "raw_path": b"/api/v1/stream", "query_string": query.encode(), "root_path": "",
             "headers": raw_headers, "client": ("127.0.0.1", 5000),
             "server": ("testserver", 80), "state": {}}
    with anyio.fail_after(timeout):
        async with anyio.create_task_group() as group:
            group.start_soon(app, scope, receive, send)
            if during is not None:
                await opened.wait()
                await anyio.to_thread.run_sync(during)
            await done.wait()
            group.cancel_scope.cancel()
    return events


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_server(app: Starlette) -> Iterator[str]:
    """Serve `app` with uvicorn on 127.0.0.1 in a thread; yields the base URL."""
    settings = replace(Settings(), host="127.0.0.1", port=free_port())
    server = server_for(app, settings, log_level="warning")
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.started, "uvicorn did not start within 10 s"
        yield f"http://127.0.0.1:{settings.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert not thread.is_alive(), "uvicorn did not stop"
