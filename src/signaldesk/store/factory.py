"""Pick the store from settings: configuration, not a rewrite, to scale out."""

from __future__ import annotations

from signaldesk.settings import Settings
from signaldesk.store.base import Store


def open_store(settings: Settings, *, pg_schema: str = "public") -> Store:
    """PostgreSQL when `database_url` is set, else the SQLite file at `db` (or `:memory:`).

    `pg_schema` is the PostgreSQL schema that holds the tables (created if missing).
    """
    if settings.database_url:
        from signaldesk.store.postgres import PostgresStore  # psycopg only when used

        return PostgresStore(settings.database_url, schema=pg_schema)
    from signaldesk.store.sqlite import SQLiteStore

    return SQLiteStore(settings.db)
