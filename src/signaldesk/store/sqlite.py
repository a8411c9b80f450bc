"""The embedded store: one SQLite file in WAL mode, one writer thread, FTS5 search.

Every method is synchronous and safe to call from any thread: writes are queued to
the single writer thread (`store.writer`), reads use pooled read-only connections,
which WAL lets run beside the writer. With `":memory:"` there is one private
database, so reads are queued to the writer's connection too.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import Any, TypeVar

from signaldesk.errors import SignalDeskError, StoreError
from signaldesk.store.base import Event, ItemPage, ItemQuery
from signaldesk.store.common import (
    IndexFields,
    ItemRejected,
    build_story,
    clamp_limit,
    dumps,
    index_fields,
    parse_time,
    story_extras,
    utc_text,
)
from signaldesk.store.migrations import migrate
from signaldesk.store.sqlite_query import list_page
from signaldesk.store.writer import ReaderPool, WriterThread, transaction

T = TypeVar("T")
_UPSERT_STATE = ("INSERT INTO state (ns, key, value, updated_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at")
_INSERT_REVISION = """
    INSERT INTO revisions (item_id, revision, action, doc_id, story_id, tier, desks,
                           published_at, recorded_at, body)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


class SQLiteStore:
    """`Store` on SQLite. `path` is a file name, or `":memory:"` for a private database.

    `search_timeout_s` bounds every `list_items` query (full-text cost grows with the
    number of hits); a query over budget raises `StoreError` instead of stalling.
    `clock` gives `recorded_at` when an item does not carry one.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        search_timeout_s: float = 2.0,
        readers: int = 4,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.search_timeout_s = search_timeout_s
        self.scan_page = 1000  # rows per query of `state_scan`
        self._clock = clock or (lambda: datetime.now(UTC))
        self._memory = self.path in {":memory:", ""}
        self._writer = WriterThread(self._open_writer)
        self._readers = None if self._memory else ReaderPool(self._open_reader, size=readers)
        try:
            self.schema_version = self._write(migrate)
        except BaseException:
            self.close()  # no writer thread left behind by a refused database
            raise

    # -- connections
    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=30.0
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {self.path!r}: {exc}") from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # reads the header
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(
                f"cannot use {self.path!r} as a SQLite database ({exc}): is it another kind "
                "of file? Point the `db` setting at a new file name") from exc
        return conn

    def _open_writer(self) -> sqlite3.Connection:
        conn = self._connect()
        if not self._memory:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                conn.close()
                raise StoreError(f"SQLite database {self.path!r} cannot use WAL mode ({mode})")
            conn.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; WAL-safe
        return conn

    def _open_reader(self) -> sqlite3.Connection:
        conn = self._connect()
        conn.execute("PRAGMA query_only = ON")
        return conn

    def _write(self, fn: Callable[[sqlite3.Connection], T], group: bool = False) -> T:
        try:
            return self._writer.call(fn, group=group)
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite write failed on {self.path!r}: {exc}") from exc

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        try:
            if self._readers is None:
                return self._writer.call(fn)
            with self._readers.connection() as conn:
                return fn(conn)
        except SignalDeskError:
            raise
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite read failed on {self.path!r}: {exc}") from exc

    # -- items and revisions
    def append_revision(self, item: dict[str, Any]) -> Event:
        """Append `item` as the next revision of its item; the store numbers revisions."""
        fields = index_fields(item, self._clock())
        return self._write(partial(_append, item=item, f=fields), group=True)

    def get_item(self, item_id: str, as_of: datetime | None = None) -> dict[str, Any] | None:
        if as_of is None:
            sql = ("SELECT r.body FROM latest l JOIN revisions r ON r.seq = l.seq "
                   "WHERE l.item_id = ?")
            args: tuple[Any, ...] = (item_id,)
        else:
            sql = ("SELECT body FROM revisions WHERE item_id = ? AND recorded_at <= ? "
                   "ORDER BY seq DESC LIMIT 1")
            args = (item_id, utc_text(as_of))
        row = self._read(lambda c: c.execute(sql, args).fetchone())
        return json.loads(row[0]) if row else None

    def item_history(self, item_id: str) -> list[dict[str, Any]]:
        sql = "SELECT body FROM revisions WHERE item_id = ? ORDER BY seq"
        rows = self._read(lambda c: c.execute(sql, (item_id,)).fetchall())
        return [json.loads(r[0]) for r in rows]

    def get_revision(self, item_id: str, revision: int) -> dict[str, Any] | None:
        sql = "SELECT body FROM revisions WHERE item_id = ? AND revision = ?"
        row = self._read(lambda c: c.execute(sql, (item_id, revision)).fetchone())
        return json.loads(row[0]) if row else None

    def list_items(self, query: ItemQuery) -> ItemPage:
        """Latest revisions matching `query`: newest first, or by bm25 with `order="relevance"`."""
        limit = clamp_limit(query.limit)
        return self._read(partial(list_page, query=query, limit=limit,
                                  seconds=self.search_timeout_s))

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        sql = ("SELECT r.body FROM latest l JOIN revisions r ON r.seq = l.seq "
               "WHERE r.story_id = ? AND r.action != 'removed'")
        rows = self._read(lambda c: c.execute(sql, (story_id,)).fetchall())
        items = [json.loads(r[0]) for r in rows]
        record, extra = story_extras(self, story_id)
        if not items and not extra:
            return None
        return build_story(story_id, items, extra, record)

    def events_since(self, seq: int, limit: int = 500) -> list[Event]:
        sql = ("SELECT seq, item_id, revision, action, recorded_at, story_id, desks, tier "
               "FROM events WHERE seq > ? ORDER BY seq LIMIT ?")
        rows = self._read(lambda c: c.execute(sql, (seq, clamp_limit(limit))).fetchall())
        return [_event(tuple(row)) for row in rows]

    def last_seq(self) -> int:
        row = self._read(lambda c: c.execute("SELECT MAX(seq) FROM revisions").fetchone())
        return int(row[0] or 0)

    # -- stage state
    def state_put(self, ns: str, key: str, value: Any) -> None:
        text = dumps(value, f"state value {ns}/{key}")
        now = utc_text(self._clock())
        self._write(partial(_execute, sql=_UPSERT_STATE, args=(ns, key, text, now)), group=True)

    def state_put_many(self, entries: Iterable[tuple[str, str, Any]]) -> None:
        """One queued write for many keys: every value is encoded first, so a value that
        is not JSON refuses the whole call before anything is written."""
        now = utc_text(self._clock())
        rows = [(ns, key, dumps(value, f"state value {ns}/{key}"), now)
                for ns, key, value in entries]
        if rows:
            self._write(partial(_execute_many, sql=_UPSERT_STATE, rows=rows), group=True)

    def state_get(self, ns: str, key: str) -> Any | None:
        sql = "SELECT value FROM state WHERE ns = ? AND key = ?"
        row = self._read(lambda c: c.execute(sql, (ns, key)).fetchone())
        return json.loads(row[0]) if row else None

    def state_delete(self, ns: str, key: str) -> None:
        sql = "DELETE FROM state WHERE ns = ? AND key = ?"
        self._write(partial(_execute, sql=sql, args=(ns, key)), group=True)

    def state_scan(self, ns: str, prefix: str = "") -> Iterator[tuple[str, Any]]:
        """(key, value) with `key` starting with `prefix`, in key order, read in pages."""
        after: str | None = None
        while True:
            rows = self._read(
                partial(_scan_page, ns=ns, prefix=prefix, after=after, size=self.scan_page))
            for key, value in rows:
                yield key, json.loads(value)
            if len(rows) < self.scan_page:
                return
            after = rows[-1][0]

    def close(self) -> None:
        if self._readers is not None:
            self._readers.close()
        self._writer.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _execute(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...]) -> None:
    conn.execute(sql, args)


def _execute_many(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    with transaction(conn):  # all rows or none, also inside a group commit (savepoint)
        conn.executemany(sql, rows)


def _append(conn: sqlite3.Connection, item: dict[str, Any], f: IndexFields) -> Event:
    with transaction(conn):
        prev = conn.execute(
            "SELECT MAX(revision) FROM revisions WHERE item_id = ?", (f.item_id,)
        ).fetchone()[0]
        revision = int(prev or 0) + 1
        action = _action(item.get("action"), first=prev is None)
        body = {**item, "item_id": f.item_id, "revision": revision, "action": action,
                "recorded_at": f.recorded_at}
        cur = conn.execute(_INSERT_REVISION, (
            f.item_id, revision, action, f.doc_id, f.story_id, f.tier, json.dumps(f.desks),
            f.published_at, f.recorded_at, dumps(body, f"item {f.item_id}", ItemRejected)))
        seq = int(cur.lastrowid or 0)
        conn.executemany("INSERT INTO revision_desks VALUES (?, ?)", [(d, seq) for d in f.desks])
        conn.executemany(
            "INSERT INTO revision_entities VALUES (?, ?)", [(e, seq) for e in f.entities])
        conn.executemany(
            "INSERT INTO revision_instruments VALUES (?, ?)", [(i, seq) for i in f.instruments])
        conn.execute("INSERT INTO revisions_fts (rowid, headline, lead, text) VALUES (?, ?, ?, ?)",
                     (seq, f.headline, f.lead, f.text))
        conn.execute("INSERT INTO latest (item_id, seq) VALUES (?, ?) ON CONFLICT (item_id) "
                     "DO UPDATE SET seq = excluded.seq", (f.item_id, seq))
    return _event((seq, f.item_id, revision, action, f.recorded_at, f.story_id,
                   json.dumps(f.desks), f.tier))


def _action(requested: Any, first: bool) -> str:
    """`removed` is kept as asked; otherwise the store knows if this is new or an update."""
    if requested == "removed":
        return "removed"
    return "created" if first else "updated"


def _event(row: tuple[Any, ...]) -> Event:
    """An event from (seq, item_id, revision, action, recorded_at, story_id, desks, tier)."""
    seq, item_id, revision, action, recorded_at, story_id, desks, tier = row
    return Event(
        seq=seq, item_id=item_id, revision=revision, action=action,
        recorded_at=parse_time(recorded_at) or datetime.now(UTC),
        extra={"story_id": story_id, "desks": json.loads(desks), "tier": tier},
    )


def _scan_page(
    conn: sqlite3.Connection, ns: str, prefix: str, after: str | None, size: int
) -> list[Any]:
    sql = "SELECT key, value FROM state WHERE ns = ? AND key >= ?"
    args: list[Any] = [ns, prefix]
    if prefix:
        sql += " AND key < ?"
        args.append(prefix + "\U0010ffff")
    if after is not None:
        sql += " AND key > ?"
        args.append(after)
    rows = conn.execute(sql + " ORDER BY key LIMIT ?", [*args, size]).fetchall()
    return [row for row in rows if row[0].startswith(prefix)]
