"""The reusable server helper, over a real socket on 127.0.0.1 (no outside network)."""

from __future__ import annotations

import argparse
import json

import httpx
from starlette.applications import Starlette
from webtools import make_item, running_server

from signaldesk.store.sqlite import SQLiteStore
from signaldesk.web.cli import register


def test_server_serves_the_wire_and_streams_over_http(app: Starlette, store: SQLiteStore) -> None:
    with running_server(app) as base:
        assert httpx.get(f"{base}/healthz", timeout=5).json()["status"] == "ok"
        with httpx.stream("GET", f"{base}/api/v1/stream", timeout=5) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            store.append_revision(make_item("live-1"))
            data = next(line for line in response.iter_lines() if line.startswith("data: "))
        assert json.loads(data[len("data: "):])["item_id"] == "live-1"


def test_serve_command_is_registered_with_its_options() -> None:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    args = parser.parse_args(["serve", "--port", "8123", "--host", "0.0.0.0"])
    assert args.setting_overrides == {"port": "8123", "host": "0.0.0.0"}
    assert callable(args.handler)
