"""`list_items` on PostgreSQL: the same pages as `sqlite_query`, ranked by `ts_rank_cd`.

Search text becomes a `to_tsquery` of words only (phrases `<->`, prefixes `:*`, all
ANDed), so hostile input cannot raise a syntax error. Each query runs under a
transaction-local `statement_timeout`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import sql

from signaldesk.store.base import ItemPage, ItemQuery
from signaldesk.store.common import (
    decode_cursor,
    decode_rank_cursor,
    encode_cursor,
    encode_rank_cursor,
    query_terms,
    ranked,
)

_SELECT = "SELECT l.seq, r.body FROM latest l JOIN revisions r ON r.seq = l.seq WHERE {}"
# A premium row's search vector without its hidden text (weight C): headline A, lead B.
_PUBLIC_VECTOR = ("CASE WHEN r.tier = 'premium' "
                  "THEN ts_filter(r.search, ARRAY['a', 'b']::\"char\"[]) ELSE r.search END")


def tsquery_text(q: str | None) -> str | None:
    """A safe `to_tsquery` text: words only, phrases as `<->`, prefixes as `:*`, all ANDed."""
    parts = []
    for phrase, prefix in query_terms(clean(q or "")):
        words = phrase.split()
        if prefix:
            words[-1] += ":*"
        parts.append("(" + " <-> ".join(words) + ")")
    return " & ".join(parts) or None


def list_page(conn: psycopg.Connection, query: ItemQuery, limit: int, seconds: float) -> ItemPage:
    where, args = _filters(query)
    text = tsquery_text(query.q) if query.q is not None else None
    if query.q is not None and text is None:
        return ItemPage(items=[])  # no word to look for: nothing can match
    timeout = f"{max(1, int(seconds * 1000))}ms"
    conn.execute("SELECT set_config('statement_timeout', %s, true)", (timeout,))
    if text is not None:
        where.append(sql.SQL("r.search @@ to_tsquery('english', %s)"))
        args.append(text)
        if query.public_only_text:  # premium rows match on headline and lead only
            where.append(sql.SQL(_PUBLIC_VECTOR + " @@ to_tsquery('english', %s)"))
            args.append(text)
    if text is not None and ranked(query.order, query.q):
        return _ranked(conn, query, where=where, args=args, text=text, limit=limit)
    ranked(query.order, query.q)  # still refuse an unknown order
    after = decode_cursor(query.cursor)
    if after is not None:
        where.append(sql.SQL("l.seq < %s"))
        args.append(after)
    statement = sql.SQL(_SELECT + " ORDER BY l.seq DESC LIMIT %s").format(
        sql.SQL(" AND ").join(where))
    rows = conn.execute(statement, [*args, limit + 1]).fetchall()
    more = len(rows) > limit
    return ItemPage(items=[dict(r[1]) for r in rows[:limit]],
                    next=encode_cursor(rows[limit - 1][0]) if more else None)


def _ranked(conn: psycopg.Connection, query: ItemQuery, *, where: list[sql.Composable],
            args: list[Any], text: str, limit: int) -> ItemPage:
    snapshot, offset = decode_rank_cursor(query.cursor)
    if snapshot is None:
        row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM revisions").fetchone()
        snapshot = int(row[0]) if row else 0
    where = [*where, sql.SQL("l.seq <= %s")]
    vector = _PUBLIC_VECTOR if query.public_only_text else "r.search"
    statement = sql.SQL(
        _SELECT + f" ORDER BY ts_rank_cd({vector}, to_tsquery('english', %s)) DESC, l.seq DESC "
        "LIMIT %s OFFSET %s").format(sql.SQL(" AND ").join(where))
    rows = conn.execute(statement, [*args, snapshot, text, limit + 1, offset]).fetchall()
    more = len(rows) > limit
    return ItemPage(items=[dict(r[1]) for r in rows[:limit]],
                    next=encode_rank_cursor(snapshot, offset + limit) if more else None)


def _filters(query: ItemQuery) -> tuple[list[sql.Composable], list[Any]]:
    where: list[sql.Composable] = [sql.SQL("r.action <> 'removed'")]
    args: list[Any] = []
    for column, value in (("desks", query.desk), ("entities", query.entity),
                          ("instruments", query.instrument)):
        if value:
            where.append(sql.SQL("r.{} @> ARRAY[%s]::text[]").format(sql.Identifier(column)))
            args.append(clean(value))
    if query.story_id:
        where.append(sql.SQL("r.story_id = %s"))
        args.append(clean(query.story_id))
    if query.since:
        where.append(sql.SQL("r.recorded_at >= %s"))
        args.append(aware(query.since))
    return where, args


def aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def clean(text: str) -> str:
    """PostgreSQL text cannot hold NUL: drop it rather than fail the whole operation."""
    return text.replace("\x00", "") if isinstance(text, str) else text
