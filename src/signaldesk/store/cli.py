"""`signaldesk db migrate|item|story`: the store from the command line (operators, debugging).

These print what the store holds, unfiltered: they are operator tools run on the
server, not a way to serve readers (readers go through the web's `Viewer`).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from signaldesk.errors import InputError, NotFound
from signaldesk.settings import Settings
from signaldesk.store.common import parse_time
from signaldesk.store.factory import open_store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="migrate the store, show an item's history or a story")
    verbs = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    migrate = verbs.add_parser("migrate", help="create or upgrade the schema; print its version")
    migrate.set_defaults(handler=_migrate)
    item = verbs.add_parser("item", help="an item as JSON: latest, --as-of a time, or --history")
    item.add_argument("item_id")
    item.add_argument("--as-of", metavar="ISO_TIME", help="the revision current at that time")
    item.add_argument("--history", action="store_true", help="every revision, oldest first")
    item.set_defaults(handler=_item)
    story = verbs.add_parser("story", help="a story with every source, as JSON")
    story.add_argument("story_id")
    story.set_defaults(handler=_story)


def _migrate(args: argparse.Namespace, settings: Settings) -> int:
    from signaldesk.store.postgres import PostgresStore
    from signaldesk.store.sqlite import SQLiteStore

    store = open_store(settings)
    try:
        if isinstance(store, (SQLiteStore, PostgresStore)):
            print(f"{type(store).__name__}: schema version {store.schema_version}")
    finally:
        store.close()
    return 0


def _item(args: argparse.Namespace, settings: Settings) -> int:
    as_of = _time(args.as_of) if args.as_of else None
    store = open_store(settings)
    try:
        found: Any = (store.item_history(args.item_id) if args.history
                      else store.get_item(args.item_id, as_of=as_of))
    finally:
        store.close()
    if not found:
        when = f" as of {args.as_of}" if as_of else ""
        raise NotFound(f"no item {args.item_id!r}{when} in this store")
    print(json.dumps(found, ensure_ascii=False, indent=2))
    return 0


def _story(args: argparse.Namespace, settings: Settings) -> int:
    store = open_store(settings)
    try:
        story = store.get_story(args.story_id)
    finally:
        store.close()
    if story is None:
        raise NotFound(f"no story {args.story_id!r} in this store")
    print(json.dumps(story, ensure_ascii=False, indent=2))
    return 0


def _time(text: str) -> datetime:
    moment = parse_time(text)
    if moment is None:
        raise InputError(f"--as-of {text!r}: give an ISO 8601 time, e.g. 2031-03-04T09:30:00Z")
    return moment
