"""`signaldesk demo`: a fresh wire, the bundled fictional day replayed into it, live."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
from pathlib import Path

from signaldesk.demo.run import DEFAULT_DEMO_SECONDS, PACK_DIR, DemoFeeder
from signaldesk.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="replay the bundled (fictional) demo day into the wire and serve it",
        description=f"Replays the demo pack through the whole pipeline at accelerated time "
        f"(the day in about {DEFAULT_DEMO_SECONDS:.0f} s unless --speed is given) while "
        "serving the wire on settings.host:settings.port.",
    )
    p.add_argument("--speed", type=float, default=None, help="speed-up factor, e.g. 600")
    p.add_argument("--pack", type=Path, default=PACK_DIR, help="a directory in the pack format")
    p.add_argument(
        "--no-serve",
        action="store_true",
        help="replay as fast as possible into the store, print counts as JSON and exit",
    )
    p.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.bus import open_bus
    from signaldesk.store import open_store

    store = open_store(settings)
    bus = open_bus(settings)
    speed = args.speed if args.speed is not None else settings.demo_speed
    feeder = DemoFeeder(settings, store, bus, pack=args.pack, speed=speed, fast=args.no_serve)
    try:
        if args.no_serve:
            counts = feeder.run()
            print(json.dumps({**counts, "first_item_s": feeder.first_item_s}, sort_keys=True))
            return 0
        asyncio.run(_serve_while_feeding(feeder, settings))
    finally:
        feeder.stop.set()
        asyncio.run(bus.aclose())
        store.close()
    return 0


def _replay(feeder: DemoFeeder) -> None:
    """The replay thread: says when the day is done, and why if it stopped early."""
    try:
        counts = feeder.run()
    except Exception as exc:  # the wire keeps serving what arrived; say why replay stopped
        print(f"signaldesk: demo replay stopped: {type(exc).__name__}: {exc}", file=sys.stderr)
        return
    if not feeder.stop.is_set():
        print(
            f"SignalDesk demo: replay done, {counts['items']} items "
            f"from {counts['documents']} documents",
            flush=True,
        )


async def _serve_while_feeding(feeder: DemoFeeder, settings: Settings) -> None:
    from signaldesk.web.app import create_app
    from signaldesk.web.server import serve

    app = create_app(settings, feeder.store, feeder.bus)
    thread = threading.Thread(target=_replay, args=(feeder,), name="demo-replay", daemon=True)
    thread.start()
    try:
        await serve(app, settings, "warning")
    finally:
        feeder.stop.set()
        thread.join(timeout=10)
