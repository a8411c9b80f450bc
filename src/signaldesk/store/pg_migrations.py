"""Append-only migrations of the PostgreSQL store: one function per step.

The schema version is the number of steps applied, kept in `schema_version`. Steps
run under an advisory lock, so several `signaldesk worker` processes starting at once
migrate exactly once. Never edit or reorder a shipped step: add one at the end.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from psycopg import sql

from signaldesk.errors import StoreError

PgMigration = Callable[[psycopg.Connection], None]
_MIGRATE_LOCK = 0x5D_0001  # advisory lock key: "signaldesk migrations"

_V1 = [
    """CREATE TABLE revisions (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        item_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        action TEXT NOT NULL,
        doc_id TEXT,
        story_id TEXT,
        tier TEXT NOT NULL,
        desks TEXT[] NOT NULL,
        entities TEXT[] NOT NULL,
        instruments TEXT[] NOT NULL,
        published_at TIMESTAMPTZ,
        recorded_at TIMESTAMPTZ NOT NULL,
        body JSONB NOT NULL,
        search TSVECTOR NOT NULL,
        UNIQUE (item_id, revision))""",
    "CREATE INDEX revisions_story ON revisions (story_id, seq)",
    "CREATE INDEX revisions_recorded ON revisions (recorded_at)",
    "CREATE INDEX revisions_published ON revisions (published_at)",
    "CREATE INDEX revisions_tier ON revisions (tier, seq)",
    "CREATE INDEX revisions_desks ON revisions USING GIN (desks)",
    "CREATE INDEX revisions_entities ON revisions USING GIN (entities)",
    "CREATE INDEX revisions_instruments ON revisions USING GIN (instruments)",
    "CREATE INDEX revisions_search ON revisions USING GIN (search)",
    # the newest revision of each item: a pointer, so revisions stay immutable
    """CREATE TABLE latest (
        item_id TEXT PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE REFERENCES revisions (seq))""",
    """CREATE VIEW events AS
        SELECT seq, item_id, revision, action, recorded_at, story_id, desks, tier
        FROM revisions""",
    """CREATE VIEW stories AS
        SELECT r.story_id, COUNT(*) AS items, MIN(r.published_at) AS first_at,
               MAX(r.recorded_at) AS last_recorded_at, MAX(r.seq) AS last_seq
        FROM latest l JOIN revisions r ON r.seq = l.seq
        WHERE r.story_id IS NOT NULL AND r.action <> 'removed'
        GROUP BY r.story_id""",
    """CREATE TABLE state (
        ns TEXT NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        value JSONB NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (ns, key))""",
]


def _v1_items_state_events(conn: psycopg.Connection) -> None:
    """Revisions with array and tsvector indexes, latest pointers, views, state."""
    for statement in _V1:
        conn.execute(statement)  # constant SQL, never user input


PG_MIGRATIONS: list[PgMigration] = [_v1_items_state_events]


def migrate_pg(conn: psycopg.Connection, schema: str,
               migrations: list[PgMigration] | None = None) -> int:
    """Create `schema` if needed and apply the missing steps; return the schema version."""
    steps = PG_MIGRATIONS if migrations is None else migrations
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATE_LOCK,))
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
        conn.execute(sql.SQL("SET LOCAL search_path TO {}").format(sql.Identifier(schema)))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        if row is None:
            conn.execute("INSERT INTO schema_version VALUES (0)")
        version = int(row[0]) if row else 0
        if version > len(steps):
            raise StoreError(
                f"the PostgreSQL schema {schema!r} is at version {version}, newer than this "
                f"SignalDesk knows ({len(steps)}): upgrade SignalDesk"
            )
        for number in range(version, len(steps)):
            steps[number](conn)
            conn.execute("UPDATE schema_version SET version = %s", (number + 1,))
    return len(steps)
