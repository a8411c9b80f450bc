"""Benchmark of the stores on real newswire text; prints JSON.

    .venv/bin/python bench/store.py [--docs 4000] [--threads 4] [--pg URL]

Items are Reuters-21578 stories (../shared/data/reuters21578, 1987; TITLE and BODY
become headline and text, TOPICS become desks, PLACES entities) built with
`Doc.to_item()` as the pipeline does.

1. Appends per second through `SQLiteStore` (writer thread + queue, one commit per
   revision), from one thread and from `--threads` threads at once, against the
   strongest alternative: the same inserts on one plain sqlite3 connection in the
   calling thread (no queue, no thread hop), and, for the concurrent case, one
   connection per thread with a busy timeout (the "many writers" design).
2. `list_items` latency (ms, p50/p95) at that size: newest page, desk filter, and
   full-text search newest-first and bm25-ranked, top 20.
3. With `--pg`, appends per second and search latency of `PostgresStore` (a scratch
   schema, dropped afterwards).
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sqlite3
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from signaldesk.models import DeskScore, Doc, Entity
from signaldesk.store.base import ItemQuery, Store
from signaldesk.store.common import index_fields
from signaldesk.store.migrations import migrate
from signaldesk.store.sqlite import SQLiteStore, _append

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578"
_DOC = re.compile(r"<REUTERS(.*?)</REUTERS>", re.S)
QUERIES = ["oil prices", "interest rates", "dollar", "bank", '"trade deficit"', "coffee",
           "opec output", "yen", "wheat export*", "federal reserve"]


def _field(block: str, tag: str) -> str:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
    return html.unescape(match.group(1)).strip() if match else ""


def load_items(n: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    start = datetime(1987, 2, 26, tzinfo=UTC)
    for path in sorted(DATA.glob("reut2-*.sgm.gz")):
        with gzip.open(path, "rt", encoding="latin-1") as handle:
            text = handle.read()
        for block in _DOC.findall(text):
            body, title = _field(block, "BODY"), _field(block, "TITLE")
            if not body or not title:
                continue
            topics = re.findall(r"<D>(.*?)</D>", _field(block, "TOPICS"))
            places = re.findall(r"<D>(.*?)</D>", _field(block, "PLACES"))
            doc = Doc(id=f"r{len(items)}", headline=title.title(), text=body,
                      lead=body.split(".")[0], story_id=f"s{len(items) // 3}",
                      source="Reuters", recorded_at=start + timedelta(minutes=len(items)))
            doc.desks = [DeskScore(t, 1.0) for t in topics]
            doc.entities = [Entity(f"place:{p}", p, "country") for p in places]
            items.append(doc.to_item())
            if len(items) == n:
                return items
    return items


def rate(fn: Callable[[], None], count: int) -> float:
    start = time.perf_counter()
    fn()
    return round(count / (time.perf_counter() - start), 1)


def threaded(work: Callable[[int], None], threads: int) -> None:
    pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()


def raw_connection(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=60)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def sqlite_appends(items: list[dict[str, Any]], threads: int, tmp: Path) -> dict[str, Any]:
    now = datetime.now(UTC)
    store = SQLiteStore(str(tmp / "store.db"))
    ours = rate(lambda: [store.append_revision(i) for i in items], len(items))
    store.close()
    conn = raw_connection(str(tmp / "raw.db"))
    migrate(conn)
    raw = rate(lambda: [_append(conn, i, index_fields(i, now)) for i in items], len(items))
    conn.close()

    store = SQLiteStore(str(tmp / "store-mt.db"))
    ours_mt = rate(lambda: threaded(
        lambda t: [store.append_revision(i) for i in items[t::threads]], threads), len(items))
    group_commits = store._writer.group_commits
    store.close()
    setup = raw_connection(str(tmp / "raw-mt.db"))
    migrate(setup)
    setup.close()
    locked: list[str] = []

    def many_writers(t: int) -> None:
        own = raw_connection(str(tmp / "raw-mt.db"))
        for item in items[t::threads]:
            try:
                _append(own, item, index_fields(item, now))
            except sqlite3.OperationalError as exc:
                locked.append(str(exc))
        own.close()

    raw_mt = rate(lambda: threaded(many_writers, threads), len(items))
    return {
        "one_thread": {"store_per_s": ours, "raw_connection_per_s": raw,
                       "ratio": round(ours / raw, 2)},
        f"{threads}_threads": {"store_per_s": ours_mt, "connection_per_thread_per_s": raw_mt,
                               "ratio": round(ours_mt / raw_mt, 2),
                               "connection_per_thread_errors": len(locked),
                               "store_group_commits": group_commits},
    }


def latencies(store: Store) -> dict[str, Any]:
    cases: dict[str, list[ItemQuery]] = {
        "newest_page": [ItemQuery(limit=20)] * 10,
        "desk_filter": [ItemQuery(desk=d, limit=20) for d in ("crude", "money-fx", "grain",
                                                                 "interest", "trade")] * 2,
        "search_newest": [ItemQuery(q=q, limit=20) for q in QUERIES],
        "search_bm25": [ItemQuery(q=q, limit=20, order="relevance") for q in QUERIES],
    }
    out: dict[str, Any] = {}
    for name, queries in cases.items():
        times = []
        for query in queries * 3:
            start = time.perf_counter()
            store.list_items(query)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        out[name] = {"p50_ms": round(statistics.median(times), 2),
                     "p95_ms": round(times[int(len(times) * 0.95) - 1], 2)}
    return out


def postgres(url: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    import psycopg
    from psycopg import sql

    from signaldesk.store.postgres import PostgresStore

    schema = f"sd_bench_{uuid.uuid4().hex[:8]}"
    store = PostgresStore(url, schema=schema)
    try:
        appends = rate(lambda: [store.append_revision(i) for i in items], len(items))
        return {"appends_per_s": appends, "latency": latencies(store)}
    finally:
        store.close()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--pg", default="")
    args = parser.parse_args()
    items = load_items(args.docs)
    result: dict[str, Any] = {"docs": len(items), "source": "reuters21578 TITLE+BODY"}
    with tempfile.TemporaryDirectory() as tmp:
        result["sqlite_appends"] = sqlite_appends(items, args.threads, Path(tmp))
        store = SQLiteStore(str(Path(tmp) / "store.db"))
        result["sqlite_latency"] = latencies(store)
        store.close()
    if args.pg:
        result["postgres"] = postgres(args.pg, items)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
