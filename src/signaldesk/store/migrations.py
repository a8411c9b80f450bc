"""Append-only migrations of the SQLite store (the Miniflux way).

`MIGRATIONS` is a list of functions, one per schema step; the schema version is the
number of steps applied, kept in SQLite's `PRAGMA user_version`. Never edit or reorder
a step that has shipped: add a new one at the end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from signaldesk.errors import StoreError

Migration = Callable[[sqlite3.Connection], None]


def _v1_items_state_events(conn: sqlite3.Connection) -> None:
    """Revisions (never overwritten), their index tables, latest pointers, FTS5, state."""
    _script(
        conn,
        """
        CREATE TABLE revisions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            item_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            action TEXT NOT NULL,
            doc_id TEXT,
            story_id TEXT,
            tier TEXT NOT NULL,
            desks TEXT NOT NULL,             -- JSON list of desk names, for events
            published_at TEXT,
            recorded_at TEXT NOT NULL,
            body TEXT NOT NULL,              -- the whole item, JSON
            UNIQUE (item_id, revision)
        );
        CREATE INDEX revisions_story ON revisions (story_id, seq);
        CREATE INDEX revisions_recorded ON revisions (recorded_at);
        CREATE INDEX revisions_published ON revisions (published_at);
        CREATE INDEX revisions_tier ON revisions (tier, seq);
        CREATE TABLE revision_desks (
            desk TEXT NOT NULL, seq INTEGER NOT NULL REFERENCES revisions (seq),
            PRIMARY KEY (desk, seq)) WITHOUT ROWID;
        CREATE TABLE revision_entities (
            entity_id TEXT NOT NULL, seq INTEGER NOT NULL REFERENCES revisions (seq),
            PRIMARY KEY (entity_id, seq)) WITHOUT ROWID;
        CREATE TABLE revision_instruments (
            symbol TEXT NOT NULL, seq INTEGER NOT NULL REFERENCES revisions (seq),
            PRIMARY KEY (symbol, seq)) WITHOUT ROWID;
        -- the newest revision of each item: a pointer, so revisions stay immutable
        CREATE TABLE latest (
            item_id TEXT PRIMARY KEY,
            seq INTEGER NOT NULL UNIQUE REFERENCES revisions (seq)
        );
        CREATE VIRTUAL TABLE revisions_fts USING fts5 (
            headline, lead, text, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        CREATE VIEW events AS
            SELECT seq, item_id, revision, action, recorded_at, story_id, desks, tier
            FROM revisions;
        CREATE VIEW stories AS
            SELECT r.story_id AS story_id, COUNT(*) AS items, MIN(r.published_at) AS first_at,
                   MAX(r.recorded_at) AS last_recorded_at, MAX(r.seq) AS last_seq
            FROM latest l JOIN revisions r ON r.seq = l.seq
            WHERE r.story_id IS NOT NULL AND r.action != 'removed'
            GROUP BY r.story_id;
        CREATE TABLE state (
            ns TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,             -- JSON
            updated_at TEXT NOT NULL,
            PRIMARY KEY (ns, key)
        ) WITHOUT ROWID;
        """
    )


def _v2_contentless_fts(conn: sqlite3.Connection) -> None:
    """Keep only the FTS index, not a second copy of every text (a quarter of the file):
    MATCH and bm25 need no content, and snippets are cut from the item's own body."""
    _script(
        conn,
        """
        CREATE VIRTUAL TABLE revisions_fts_v2 USING fts5 (
            headline, lead, text, content = '',
            tokenize = 'porter unicode61 remove_diacritics 2'
        );
        INSERT INTO revisions_fts_v2 (rowid, headline, lead, text)
            SELECT rowid, headline, lead, text FROM revisions_fts;
        DROP TABLE revisions_fts;
        ALTER TABLE revisions_fts_v2 RENAME TO revisions_fts;
        """,
    )


MIGRATIONS: list[Migration] = [_v1_items_state_events, _v2_contentless_fts]


def _script(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: `executescript` would COMMIT the migration's transaction."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise StoreError(f"incomplete SQL statement in a migration: {pending.strip()[:80]}")


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Apply the missing steps, each in its own transaction; return the schema version.

    `conn` must be in autocommit mode (`isolation_level=None`).
    """
    steps = MIGRATIONS if migrations is None else migrations
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(steps):
        raise StoreError(
            f"the database is at schema version {version}, newer than this SignalDesk "
            f"knows ({len(steps)}): upgrade SignalDesk or use another database file"
        )
    for number in range(version, len(steps)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            steps[number](conn)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return len(steps)
