"""The team store: PostgreSQL through psycopg 3, same contract as `SQLiteStore`.

Connections come from a psycopg pool, so every method is safe from any thread.
Appends take a transaction-scoped advisory lock: sequence numbers are handed out and
committed in the same order, so a stream reading `events_since(seq)` can never skip a
revision that committed late, even with several worker processes writing.
Search uses a weighted tsvector (headline A, lead B, text C).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from signaldesk.errors import SignalDeskError, StoreError
from signaldesk.store.base import Event, ItemPage, ItemQuery
from signaldesk.store.common import (
    IndexFields,
    ItemRejected,
    build_story,
    clamp_limit,
    dumps,
    index_fields,
    story_extras,
)
from signaldesk.store.pg_migrations import migrate_pg
from signaldesk.store.pg_query import aware, clean, list_page

T = TypeVar("T")
_UPSERT_STATE = ("INSERT INTO state (ns, key, value, updated_at) VALUES (%s, %s, %s::jsonb, %s) "
                 "ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at")
FAST_STATE = ("dedupe", "stories")  # state namespaces committed without a WAL flush
_APPEND_LOCK = 0x5D_0002  # advisory lock key: "signaldesk appends"
_SCHEMA = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_INSERT = """
    INSERT INTO revisions (item_id, revision, action, doc_id, story_id, tier, desks, entities,
                           instruments, published_at, recorded_at, body, search)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb,
            setweight(to_tsvector('english', %s), 'A')
            || setweight(to_tsvector('english', %s), 'B')
            || setweight(to_tsvector('english', %s), 'C'))
    RETURNING seq"""


class PostgresStore:
    """`Store` on PostgreSQL at `url`, with its tables in `schema` (created if missing).

    State namespaces starting with a `fast_state` prefix (the pipeline's dedupe and
    story caches by default) commit without waiting for the WAL flush, ~12x faster
    on this machine: a crash of the PostgreSQL server (not of SignalDesk) may lose
    their last ~0.6 s of writes, never corrupt them. Items, accounts and sources are
    always durable.
    """

    def __init__(
        self,
        url: str,
        *,
        schema: str = "public",
        search_timeout_s: float = 2.0,
        pool_size: int = 4,
        connect_timeout_s: float = 10.0,
        clock: Callable[[], datetime] | None = None,
        fast_state: tuple[str, ...] = FAST_STATE,
    ) -> None:
        if not _SCHEMA.fullmatch(schema):
            raise StoreError(f"schema {schema!r}: use lower-case letters, digits and '_'")
        self.schema = schema
        self.search_timeout_s = search_timeout_s
        self.fast_state = fast_state
        self.scan_page = 1000  # rows per query of `state_scan`
        self._clock = clock or (lambda: datetime.now(UTC))
        self._pool = ConnectionPool(
            url, min_size=1, max_size=max(1, pool_size), open=False,
            kwargs={"options": f"-c search_path={schema}"}, name="signaldesk-store",
        )
        try:
            self._pool.open(wait=True, timeout=connect_timeout_s)
        except PoolTimeout as exc:
            self._pool.close()
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(url)}: {exc}") from exc
        try:
            self.schema_version = self._run(lambda c: migrate_pg(c, schema))
        except BaseException:
            self._pool.close()
            raise

    def _run(self, fn: Callable[[psycopg.Connection], T]) -> T:
        """Run `fn` in one transaction (committed on success) on a pooled connection."""
        try:
            with self._pool.connection() as conn:
                return fn(conn)
        except SignalDeskError:
            raise
        except psycopg.errors.QueryCanceled as exc:
            raise StoreError(
                f"the item query took longer than {self.search_timeout_s:g} s and was "
                "stopped: narrow it with more words, a desk or `since`") from exc
        except (psycopg.Error, PoolTimeout) as exc:
            raise StoreError(f"PostgreSQL operation failed: {exc}") from exc

    # -- items and revisions
    def append_revision(self, item: dict[str, Any]) -> Event:
        fields = index_fields(_no_nul(item), self._clock())
        return self._run(lambda c: _append(c, _no_nul(item), fields))

    def get_item(self, item_id: str, as_of: datetime | None = None) -> dict[str, Any] | None:
        if as_of is None:
            query = ("SELECT r.body FROM latest l JOIN revisions r ON r.seq = l.seq "
                     "WHERE l.item_id = %s")
            args: tuple[Any, ...] = (clean(item_id),)
        else:
            query = ("SELECT body FROM revisions WHERE item_id = %s AND recorded_at <= %s "
                     "ORDER BY seq DESC LIMIT 1")
            args = (clean(item_id), aware(as_of))
        row = self._run(lambda c: c.execute(query, args).fetchone())
        return dict(row[0]) if row else None

    def item_history(self, item_id: str) -> list[dict[str, Any]]:
        query = "SELECT body FROM revisions WHERE item_id = %s ORDER BY seq"
        rows = self._run(lambda c: c.execute(query, (clean(item_id),)).fetchall())
        return [dict(r[0]) for r in rows]

    def get_revision(self, item_id: str, revision: int) -> dict[str, Any] | None:
        query = "SELECT body FROM revisions WHERE item_id = %s AND revision = %s"
        row = self._run(lambda c: c.execute(query, (clean(item_id), revision)).fetchone())
        return dict(row[0]) if row else None

    def list_items(self, query: ItemQuery) -> ItemPage:
        """Latest revisions matching `query`: newest first, or by rank with `order="relevance"`."""
        limit = clamp_limit(query.limit)
        return self._run(partial(list_page, query=query, limit=limit,
                                 seconds=self.search_timeout_s))

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        query = ("SELECT r.body FROM latest l JOIN revisions r ON r.seq = l.seq "
                 "WHERE r.story_id = %s AND r.action <> 'removed'")
        rows = self._run(lambda c: c.execute(query, (clean(story_id),)).fetchall())
        items = [dict(r[0]) for r in rows]
        record, extra = story_extras(self, clean(story_id))
        if not items and not extra:
            return None
        return build_story(story_id, items, extra, record)

    def events_since(self, seq: int, limit: int = 500) -> list[Event]:
        query = ("SELECT seq, item_id, revision, action, recorded_at, story_id, desks, tier "
                 "FROM events WHERE seq > %s ORDER BY seq LIMIT %s")
        rows = self._run(lambda c: c.execute(query, (seq, clamp_limit(limit))).fetchall())
        return [_event(tuple(r)) for r in rows]

    def last_seq(self) -> int:
        row = self._run(lambda c: c.execute("SELECT MAX(seq) FROM revisions").fetchone())
        return int(row[0] or 0) if row else 0

    # -- stage state
    def state_put(self, ns: str, key: str, value: Any) -> None:
        text = dumps(_no_nul(value), f"state value {ns}/{key}")
        args = (clean(ns), clean(key), text, aware(self._clock()))
        self._run(partial(_state_write, query=_UPSERT_STATE, args=args, fast=self._fast(ns)))

    def state_put_many(self, entries: Iterable[tuple[str, str, Any]]) -> None:
        """One transaction, one `executemany` (pipelined by psycopg): every value is
        encoded first, so a value that is not JSON refuses the whole call."""
        now = aware(self._clock())
        rows = [(clean(ns), clean(key), dumps(_no_nul(value), f"state value {ns}/{key}"), now)
                for ns, key, value in entries]
        if rows:
            fast = all(self._fast(row[0]) for row in rows)
            self._run(partial(_state_write_many, rows=rows, fast=fast))

    def state_get(self, ns: str, key: str) -> Any | None:
        query = "SELECT value FROM state WHERE ns = %s AND key = %s"
        row = self._run(lambda c: c.execute(query, (clean(ns), clean(key))).fetchone())
        return row[0] if row else None

    def state_delete(self, ns: str, key: str) -> None:
        query = "DELETE FROM state WHERE ns = %s AND key = %s"
        args = (clean(ns), clean(key))
        self._run(partial(_state_write, query=query, args=args, fast=self._fast(ns)))

    def _fast(self, ns: str) -> bool:
        return any(ns == p or ns.startswith(p + ".") for p in self.fast_state)

    def state_scan(self, ns: str, prefix: str = "") -> Iterator[tuple[str, Any]]:
        """(key, value) with `key` starting with `prefix`, in byte order, read in pages."""
        ns, prefix = clean(ns), clean(prefix)
        after = ""
        first = True
        while True:
            rows = self._run(partial(_scan_page, ns=ns, prefix=prefix, after=after, first=first,
                                     size=self.scan_page))
            yield from ((str(k), v) for k, v in rows)
            if len(rows) < self.scan_page:
                return
            after, first = rows[-1][0], False

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _append(conn: psycopg.Connection, item: dict[str, Any], f: IndexFields) -> Event:
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_APPEND_LOCK,))
    row = conn.execute("SELECT MAX(revision) FROM revisions WHERE item_id = %s",
                       (f.item_id,)).fetchone()
    prev = row[0] if row else None
    revision = int(prev or 0) + 1
    action = "removed" if item.get("action") == "removed" else (
        "created" if prev is None else "updated")
    body = {**item, "item_id": f.item_id, "revision": revision, "action": action,
            "recorded_at": f.recorded_at}
    seq_row = conn.execute(_INSERT, (
        f.item_id, revision, action, f.doc_id, f.story_id, f.tier, list(f.desks),
        list(f.entities), list(f.instruments), f.published_at, f.recorded_at,
        dumps(body, f"item {f.item_id}", ItemRejected), f.headline, f.lead, f.text)).fetchone()
    seq = int(seq_row[0]) if seq_row else 0
    conn.execute("INSERT INTO latest (item_id, seq) VALUES (%s, %s) ON CONFLICT (item_id) "
                 "DO UPDATE SET seq = excluded.seq", (f.item_id, seq))
    return _event((seq, f.item_id, revision, action, datetime.fromisoformat(f.recorded_at),
                   f.story_id, list(f.desks), f.tier))


def _state_write(conn: psycopg.Connection, query: str, args: tuple[Any, ...], fast: bool) -> None:
    if fast:  # a rebuildable cache: do not wait for the WAL flush (see the class docstring)
        conn.execute("SET LOCAL synchronous_commit = off")
    conn.execute(query, args)


def _state_write_many(conn: psycopg.Connection, rows: list[tuple[Any, ...]], fast: bool) -> None:
    if fast:  # only when every key is in a rebuildable namespace
        conn.execute("SET LOCAL synchronous_commit = off")
    with conn.cursor() as cur:
        cur.executemany(_UPSERT_STATE, rows)


def _event(row: tuple[Any, ...]) -> Event:
    seq, item_id, revision, action, recorded_at, story_id, desks, tier = row
    return Event(seq=int(seq), item_id=item_id, revision=int(revision), action=action,
                 recorded_at=recorded_at,
                 extra={"story_id": story_id, "desks": list(desks), "tier": tier})


def _scan_page(conn: psycopg.Connection, *, ns: str, prefix: str, after: str,
               first: bool, size: int) -> list[Any]:
    # `key` is COLLATE "C": byte order, so a prefix is a contiguous range (as in SQLite).
    query = ("SELECT key, value FROM state WHERE ns = %s AND key >= %s "
             "AND starts_with(key, %s) AND (%s OR key > %s) ORDER BY key LIMIT %s")
    return conn.execute(query, (ns, prefix, prefix, first, after, size)).fetchall()


def _no_nul(value: Any) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {_no_nul(k): _no_nul(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_no_nul(v) for v in value]
    return value


def _redact(url: str) -> str:
    return re.sub(r"//[^@/]*@", "//***@", url)
