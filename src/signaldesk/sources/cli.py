"""`signaldesk sources ...` and `signaldesk backfill PATH...`."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from signaldesk.errors import FetchError, InputError
from signaldesk.settings import Settings
from signaldesk.store.base import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sources = sub.add_parser("sources", help="add, list, remove, import, export and test sources")
    verbs = sources.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="add (or update) a feed to poll")
    add.add_argument("url")
    add.add_argument("--desk", help="desk this source mostly serves")
    add.add_argument("--interval", type=float, help="fixed poll interval in seconds "
                     "(default: adaptive, between poll_min_s and poll_max_s)")
    add.add_argument("--tier", choices=["free", "premium"], default="free")
    add.add_argument("--name", help="outlet name (default: the feed's title)")
    add.set_defaults(handler=cmd_add)
    lister = verbs.add_parser("list", help="list sources with their health, as JSON lines")
    lister.set_defaults(handler=cmd_list)
    remove = verbs.add_parser("remove", help="stop polling a source")
    remove.add_argument("url")
    remove.set_defaults(handler=cmd_remove)
    imp = verbs.add_parser("import", help="add every feed of an OPML file")
    imp.add_argument("file")
    imp.set_defaults(handler=cmd_import)
    exp = verbs.add_parser("export", help="print the sources as OPML")
    exp.set_defaults(handler=cmd_export)
    test = verbs.add_parser("test", help="fetch a feed once and print what was found (JSON)")
    test.add_argument("url")
    test.set_defaults(handler=cmd_test)
    poll = verbs.add_parser("poll", help="poll due sources and run new items through the "
                            "pipeline into the store (until Ctrl-C, or --once)")
    poll.add_argument("--once", action="store_true", help="one round of due sources, then exit")
    poll.add_argument("--pages", action="store_true",
                      help="also fetch each new entry's article page (robots.txt honoured)")
    poll.set_defaults(handler=cmd_poll)
    disc = verbs.add_parser("discover", help="list the feeds a homepage advertises (JSON)")
    disc.add_argument("url")
    disc.set_defaults(handler=cmd_discover)

    backfill = sub.add_parser("backfill", help="ingest WARC files, JSONL and folders of HTML "
                              "(resumable, idempotent)")
    backfill.add_argument("paths", nargs="+", metavar="PATH")
    backfill.add_argument("--no-progress", action="store_true", help="no progress bar")
    backfill.set_defaults(handler=cmd_backfill)


@contextmanager
def _store(settings: Settings) -> Iterator[Store]:
    from signaldesk.store.sqlite import SQLiteStore

    store = SQLiteStore(settings.db)
    try:
        yield store
    finally:
        store.close()


def cmd_add(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.sources.registry import SourceRegistry

    with _store(settings) as store:
        rec = SourceRegistry(store).add(args.url, name=args.name, desk=args.desk,
                                        tier=args.tier, interval_s=args.interval)
    print(json.dumps({"added": rec.url, "desk": rec.desk, "tier": rec.tier,
                      "interval_s": rec.interval_s}))
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.sources.registry import SourceRegistry

    now = datetime.now(UTC)
    with _store(settings) as store:
        for rec in SourceRegistry(store).all():
            print(json.dumps(rec.health(now), ensure_ascii=False))
    return 0


def cmd_remove(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.sources.registry import SourceRegistry

    with _store(settings) as store:
        SourceRegistry(store).remove(args.url)
    print(json.dumps({"removed": args.url}))
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.sources.opml import read_opml
    from signaldesk.sources.registry import SourceRegistry

    path = Path(args.file)
    try:
        feeds = read_opml(path.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"{path}: {exc}") from exc
    added, bad = 0, 0
    with _store(settings) as store:
        registry = SourceRegistry(store)
        for feed in feeds:
            try:
                registry.add(feed.url, name=feed.title, desk=feed.desk, tier=feed.tier,
                             interval_s=feed.interval_s)
                added += 1
            except InputError as exc:  # one bad outline does not stop the import
                bad += 1
                print(f"signaldesk: {exc}", file=sys.stderr)
    print(json.dumps({"imported": added, "refused": bad}))
    return 0 if not bad else 1


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.sources.opml import write_opml
    from signaldesk.sources.registry import SourceRegistry

    with _store(settings) as store:
        print(write_opml(SourceRegistry(store).all()))
    return 0


def cmd_test(args: argparse.Namespace, settings: Settings) -> int:
    report = asyncio.run(test_source(args.url, settings))
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0 if "error" not in report else 1


def cmd_poll(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.models import Doc
    from signaldesk.pipeline.build import build_pipeline
    from signaldesk.sources.fetch import Fetcher
    from signaldesk.sources.poller import Poller
    from signaldesk.sources.registry import SourceRegistry

    counts = {"docs": 0, "items": 0, "failed_sources": 0}
    with _store(settings) as store:
        pipeline = build_pipeline(settings, store=store)

        async def sink(docs: list[Doc]) -> None:
            # the pipeline is synchronous CPU work: keep the event loop free for fetches
            await asyncio.to_thread(pipeline.process_batch, docs)
            counts["docs"] += len(docs)
            counts["items"] += sum(not d.dropped for d in docs)

        async def run() -> None:
            async with Fetcher(settings) as fetcher:
                poller = Poller(settings, SourceRegistry(store), fetcher, fetch_pages=args.pages)
                if args.once:
                    for outcome in await poller.poll_due():
                        counts["failed_sources"] += outcome.error is not None
                        if outcome.error:
                            print(f"signaldesk: {outcome.error}", file=sys.stderr)
                        if outcome.docs:
                            await sink(outcome.docs)
                else:
                    await poller.run(sink, asyncio.Event())

        try:
            asyncio.run(run())
        finally:
            pipeline.close()
    print(json.dumps(counts))
    return 0


def cmd_discover(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.sources.discover import discover
    from signaldesk.sources.fetch import Fetcher

    async def run() -> list[str]:
        async with Fetcher(settings, retries=0) as fetcher:
            return await discover(fetcher, args.url)

    try:
        feeds = asyncio.run(run())
    except (FetchError, InputError) as exc:
        print(json.dumps({"url": args.url, "error": str(exc)}))
        return 1
    print(json.dumps({"url": args.url, "feeds": feeds}))
    return 0


async def test_source(url: str, settings: Settings, **fetcher_kw: Any) -> dict[str, Any]:
    """Fetch `url` once and describe the feed, or the error (`sources test`)."""
    from signaldesk.sources.feeds import parse_feed
    from signaldesk.sources.fetch import Fetcher

    try:
        async with Fetcher(settings, retries=0, **fetcher_kw) as fetcher:
            result = await fetcher.fetch(url)
        feed = parse_feed(result.body, result.url, result.headers)
    except (FetchError, InputError) as exc:
        return {"url": url, "error": str(exc), "error_type": type(exc).__name__}
    newest = feed.newest()
    return {
        "url": url, "final_url": result.url, "status": result.status, "format": feed.format,
        "version": feed.version, "title": feed.title, "items": len(feed.entries),
        "bozo": feed.bozo, "hubs": feed.hubs,
        "newest": None if newest is None else {
            "title": newest.title, "url": newest.url, "id": newest.id,
            "published_at": newest.published_at.isoformat() if newest.published_at else None,
        },
    }


def cmd_backfill(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.pipeline.build import build_pipeline
    from signaldesk.sources.backfill import Backfill

    with _store(settings) as store:
        pipeline = build_pipeline(settings, store=store)
        try:
            runner = Backfill(store, batch_size=settings.batch_size,
                              max_bytes=settings.extract_max_bytes,
                              progress=not args.no_progress)
            report = runner.run(args.paths, pipeline.process_batch)
        finally:
            pipeline.close()
    for error in report.errors[:50]:
        print(f"signaldesk: {error}", file=sys.stderr)
    drops = {f"{stage}/{reason}": n for (stage, reason), n in pipeline.drops.items()}
    print(json.dumps({"files": report.files, "docs": report.docs, "skipped": report.skipped,
                      "bad": report.bad, "dropped": drops}))
    return 0
