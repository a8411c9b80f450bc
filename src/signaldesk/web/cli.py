"""`signaldesk serve`: the web wire, API and stream over the configured store."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from signaldesk.settings import Settings

if TYPE_CHECKING:
    from starlette.applications import Starlette

    from signaldesk.bus.base import Bus
    from signaldesk.store.base import Store


class _Setting(argparse.Action):
    """Stores the option as a settings override (the CLI is the top settings layer)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        overrides = dict(getattr(namespace, "setting_overrides", None) or {})
        overrides[self.dest] = values
        namespace.setting_overrides = overrides


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser("serve", help="serve the web wire, JSON API and live stream")
    serve.add_argument("--host", action=_Setting, help="address to listen on (setting: host)")
    serve.add_argument("--port", action=_Setting, help="port to listen on (setting: port)")
    serve.add_argument("--db", action=_Setting, help="SQLite file of the store (setting: db)")
    serve.add_argument("--poll", action="store_true",
                       help="also poll the registered sources in this process and run new "
                            "items through the pipeline (WebSub pushes are always accepted)")
    serve.add_argument("--log-level", default="info",
                       choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.bus import open_bus
    from signaldesk.store import open_store
    from signaldesk.web.server import serve

    store = open_store(settings)
    bus = open_bus(settings)

    async def run() -> None:
        try:
            await serve(build_app(settings, store, bus, poll=args.poll), settings, args.log_level)
        finally:
            await bus.aclose()  # in the loop the bus was used in

    try:
        asyncio.run(run())
    finally:
        store.close()
    return 0


def build_app(settings: Settings, store: Store, bus: Bus | None, *, poll: bool) -> Starlette:
    """The app `serve` runs: with `poll`, the Poller runs inside it and new Docs go
    through `build_pipeline(settings, store=store, bus=bus)` in a worker thread."""
    from signaldesk.sources.live import LiveIngest
    from signaldesk.web.app import create_app

    ingest = LiveIngest(settings, store, bus)
    return create_app(settings, store, bus, ingest=ingest, poll=poll)
