"""`signaldesk tag TEXT [--title T] [--published-at DATE]`: tag one text, print JSON."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime
from typing import Any

from signaldesk.errors import InputError
from signaldesk.knowledge import load_kb
from signaldesk.models import Doc
from signaldesk.settings import Settings
from signaldesk.tag.stage import DocTagger

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "tag", help="entities, instruments, quotes and attribution of one text (JSON)"
    )
    parser.add_argument("text", help="the text to tag (use - to read standard input)")
    parser.add_argument("--title", default=None, help="headline, weighs in relevance")
    parser.add_argument("--source", default=None, help="the publishing outlet")
    parser.add_argument("--published-at", default=None,
                        help="YYYY-MM-DD: picks office holders (default: today)")
    parser.set_defaults(handler=_tag)


def _tag(args: argparse.Namespace, settings: Settings) -> int:
    import sys

    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        day = date.fromisoformat(args.published_at) if args.published_at else date.today()
    except ValueError as exc:
        raise InputError(f"--published-at {args.published_at!r}: expected YYYY-MM-DD") from exc
    doc = Doc(id="cli", text=text, title=args.title, source=args.source,
              published_at=datetime(day.year, day.month, day.day, tzinfo=UTC))
    DocTagger(load_kb()).tag(doc, day)
    item = doc.to_item()
    out: dict[str, Any] = {k: item[k] for k in ("entities", "instruments", "quotes",
                                                "attribution")}
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0
