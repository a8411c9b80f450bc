"""The reusable server helper, over a real socket on 127.0.0.1 (no outside network)."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from dataclasses import replace

import httpx
from starlette.applications import Starlette
from webtools import make_item

from signaldesk.cli import build_parser
from signaldesk.settings import Settings
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.web.server import server_for


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_server_serves_the_wire_and_streams_over_http(app: Starlette, store: SQLiteStore) -> None:
    settings = replace(Settings(), host="127.0.0.1", port=_free_port())
    server = server_for(app, settings, log_level="warning")
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        base = f"http://127.0.0.1:{settings.port}"
        assert httpx.get(f"{base}/healthz", timeout=5).json()["status"] == "ok"
        with httpx.stream("GET", f"{base}/api/v1/stream", timeout=5) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            store.append_revision(make_item("live-1"))
            data = next(line for line in response.iter_lines() if line.startswith("data: "))
        assert json.loads(data[len("data: "):])["item_id"] == "live-1"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_serve_command_is_registered_with_its_options() -> None:
    args = build_parser().parse_args(["serve", "--port", "8123", "--host", "0.0.0.0"])
    assert args.setting_overrides == {"port": "8123", "host": "0.0.0.0"}
    assert callable(args.handler)
