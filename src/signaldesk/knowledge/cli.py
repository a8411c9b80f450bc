"""`signaldesk kb stats | lookup NAME | holder ROLE [--at DATE]`: look into the knowledge base."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date

from signaldesk.errors import InputError
from signaldesk.knowledge.base import KnowledgeBase
from signaldesk.knowledge.loader import load_kb
from signaldesk.knowledge.model import KBEntity
from signaldesk.settings import Settings

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("kb", help="look up the entity knowledge base")
    sub = parser.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    stats = sub.add_parser("stats", help="entities per kind and the data version")
    stats.set_defaults(handler=_stats)
    lookup = sub.add_parser("lookup", help="entities a name refers to, or one entity by id")
    lookup.add_argument("name", help='a name ("greenback", "BoJ") or an id ("cb:BOJ")')
    lookup.set_defaults(handler=_lookup)
    holder = sub.add_parser("holder", help="who held a role on a day")
    holder.add_argument("role", help="e.g. cb-governor:BOJ, head-of-state:US")
    holder.add_argument("--at", default=None, help="YYYY-MM-DD (default: today)")
    holder.set_defaults(handler=_holder)


def _show(kb: KnowledgeBase, ent: KBEntity) -> dict[str, object]:
    data = asdict(ent)
    data["names"] = kb.names(ent.id)[:12]
    if ent.type == "person":
        data["roles"] = [{"role": t.role, "title": t.title, "start": t.start.isoformat(),
                          "end": t.end.isoformat() if t.end else None}
                         for t in kb.roles_of(ent.id)]
    return data


def _stats(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_kb()
    print(json.dumps({"version": kb.version, "entities": kb.counts(),
                      "aliases": len(kb.aliases)}, indent=2))
    return 0


def _lookup(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_kb()
    found = [kb.get(args.name)] if args.name in kb else kb.lookup(args.name)
    print(json.dumps([_show(kb, e) for e in found], indent=2, ensure_ascii=False))
    return 0 if found else 1


def _holder(args: argparse.Namespace, settings: Settings) -> int:
    try:
        day = date.fromisoformat(args.at) if args.at else date.today()
    except ValueError as exc:
        raise InputError(f"--at {args.at!r}: expected YYYY-MM-DD") from exc
    kb = load_kb()
    person = kb.holder(args.role, day)
    print(json.dumps(_show(kb, person) if person else None, indent=2, ensure_ascii=False))
    return 0 if person else 1
