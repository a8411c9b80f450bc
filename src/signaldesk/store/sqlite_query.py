"""`list_items` on SQLite: filters, keyset pages by seq, or FTS5 bm25-ranked pages.

Newest-first pages continue below the last seq seen (stable while items arrive).
Ranked pages (`order="relevance"`) rank with bm25, headline weighted over lead over
body, and continue by offset within a snapshot of the seq taken by the first page.
Every query runs under a time budget (SQLite's progress handler interrupts it).
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from signaldesk.errors import StoreError
from signaldesk.store.base import ItemPage, ItemQuery
from signaldesk.store.common import (
    decode_cursor,
    decode_rank_cursor,
    encode_cursor,
    encode_rank_cursor,
    fts5_query,
    ranked,
    utc_text,
)

BM25_WEIGHTS = "10.0, 4.0, 1.0"  # headline, lead, text
PUBLIC_BM25_WEIGHTS = "10.0, 4.0, 0.0"  # a premium row for a viewer without its body
_FROM = "FROM latest l JOIN revisions r ON r.seq = l.seq"


def list_page(conn: sqlite3.Connection, query: ItemQuery, limit: int, seconds: float) -> ItemPage:
    by_rank = ranked(query.order, query.q)
    where, args = _filters(query)
    match = fts5_query(query.q) if query.q is not None else None
    if query.q is not None and match is None:
        return ItemPage(items=[])  # no word to look for: nothing can match
    if match is not None and query.public_only_text:
        # A premium row must match on its public columns too, not on its hidden text.
        where = [*where, "(r.tier != 'premium' OR r.seq IN (SELECT rowid FROM revisions_fts "
                 "WHERE revisions_fts MATCH ?))"]
        args = [*args, f"{{headline lead}} : ({match})"]
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    try:
        if by_rank and match is not None:
            return _ranked(conn, query, where=where, args=args, match=match, limit=limit)
        return _newest(conn, query, where=where, args=args, match=match, limit=limit)
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise StoreError(
                f"the item query took longer than {seconds:g} s and was stopped: "
                "narrow it with more words, a desk or `since`") from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)


def _filters(query: ItemQuery) -> tuple[list[str], list[Any]]:
    where = ["r.action != 'removed'"]
    args: list[Any] = []
    for table, column, value in (("revision_desks", "desk", query.desk),
                                 ("revision_entities", "entity_id", query.entity),
                                 ("revision_instruments", "symbol", query.instrument)):
        if value:
            where.append(f"r.seq IN (SELECT seq FROM {table} WHERE {column} = ?)")
            args.append(value)
    if query.story_id:
        where.append("r.story_id = ?")
        args.append(query.story_id)
    if query.since:
        where.append("r.recorded_at >= ?")
        args.append(utc_text(query.since))
    return where, args


def _newest(conn: sqlite3.Connection, query: ItemQuery, *, where: list[str], args: list[Any],
            match: str | None, limit: int) -> ItemPage:
    if match is not None:
        where = [*where, "r.seq IN (SELECT rowid FROM revisions_fts WHERE revisions_fts MATCH ?)"]
        args = [*args, match]
    after = decode_cursor(query.cursor)
    if after is not None:
        where, args = [*where, "l.seq < ?"], [*args, after]
    sql = f"SELECT l.seq, r.body {_FROM} WHERE {' AND '.join(where)} ORDER BY l.seq DESC LIMIT ?"
    rows = conn.execute(sql, [*args, limit + 1]).fetchall()
    more = len(rows) > limit
    return ItemPage(items=[json.loads(r[1]) for r in rows[:limit]],
                    next=encode_cursor(rows[limit - 1][0]) if more else None)


def _ranked(conn: sqlite3.Connection, query: ItemQuery, *, where: list[str], args: list[Any],
            match: str, limit: int) -> ItemPage:
    snapshot, offset = decode_rank_cursor(query.cursor)
    if snapshot is None:
        snapshot = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM revisions").fetchone()[0])
    rank = f"bm25(revisions_fts, {BM25_WEIGHTS})"
    if query.public_only_text:  # hidden text must not move a premium row up or down
        rank = (f"CASE WHEN r.tier = 'premium' THEN bm25(revisions_fts, {PUBLIC_BM25_WEIGHTS}) "
                f"ELSE {rank} END")
    sql = (f"SELECT l.seq, r.body {_FROM} JOIN revisions_fts f ON f.rowid = l.seq "
           f"WHERE revisions_fts MATCH ? AND l.seq <= ? AND {' AND '.join(where)} "
           f"ORDER BY {rank}, l.seq DESC LIMIT ? OFFSET ?")
    rows = conn.execute(sql, [match, snapshot, *args, limit + 1, offset]).fetchall()
    more = len(rows) > limit
    return ItemPage(items=[json.loads(r[1]) for r in rows[:limit]],
                    next=encode_rank_cursor(snapshot, offset + limit) if more else None)
