"""What only the PostgreSQL store promises: its own migrations, schemas, clear failures."""

from __future__ import annotations

import psycopg
import pytest

from pgtools import PG_URL
from signaldesk.errors import StoreError
from signaldesk.settings import Settings
from signaldesk.store import open_store
from signaldesk.store.pg_migrations import PG_MIGRATIONS
from signaldesk.store.pg_query import tsquery_text
from signaldesk.store.postgres import PostgresStore

pytestmark = pytest.mark.postgres


@pytest.fixture
def schema(pg_schema: str) -> str:
    return pg_schema


def test_schema_version_is_recorded_and_reopening_is_idempotent(schema: str) -> None:
    with PostgresStore(PG_URL, schema=schema) as store:
        assert store.schema_version == len(PG_MIGRATIONS)
    with PostgresStore(PG_URL, schema=schema) as store:
        assert store.schema_version == len(PG_MIGRATIONS)
    with psycopg.connect(PG_URL) as conn:
        row = conn.execute(f"SELECT version FROM {schema}.schema_version").fetchall()
    assert row == [(len(PG_MIGRATIONS),)]


def test_a_newer_schema_is_refused(schema: str) -> None:
    PostgresStore(PG_URL, schema=schema).close()
    with psycopg.connect(PG_URL) as conn:
        conn.execute(f"UPDATE {schema}.schema_version SET version = version + 1")
    with pytest.raises(StoreError, match="newer"):
        PostgresStore(PG_URL, schema=schema)


@pytest.mark.parametrize("name", ["Public", "a;drop", "", "x" * 64, "1abc"])
def test_bad_schema_names_are_refused(name: str) -> None:
    with pytest.raises(StoreError, match="schema"):
        PostgresStore(PG_URL, schema=name)


def test_unreachable_server_is_a_store_error_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot connect") as info:
        PostgresStore("postgresql://u:secret@127.0.0.1:1/none", connect_timeout_s=0.5)
    assert "secret" not in str(info.value)


def test_open_store_picks_postgres_when_a_url_is_set(schema: str) -> None:
    store = open_store(Settings(database_url=PG_URL), pg_schema=schema)
    try:
        assert isinstance(store, PostgresStore) and store.schema == schema
    finally:
        store.close()


@pytest.mark.parametrize(("q", "expected"), [
    ("rates held", "(rates) & (held)"),
    ('"rates held" steady*', "(rates <-> held) & (steady:*)"),
    ("a:* & !b | (c", "(a:*) & (b) & (c)"),
    ("!!! ???", None),
])
def test_tsquery_text_keeps_only_words(q: str, expected: str | None) -> None:
    assert tsquery_text(q) == expected


def test_a_query_over_its_time_budget_is_a_clear_store_error(schema: str) -> None:
    with PostgresStore(PG_URL, schema=schema, search_timeout_s=0.05) as store:
        def slow(conn: psycopg.Connection) -> None:
            # The same budget list_items sets, on a query that is slow on purpose.
            conn.execute("SELECT set_config('statement_timeout', '50ms', true)")
            conn.execute("SELECT pg_sleep(2)")

        with pytest.raises(StoreError, match=r"longer than 0\.05 s"):
            store._run(slow)
        assert store.last_seq() == 0  # the pool connection is still usable


def test_only_pipeline_caches_skip_the_wal_flush(schema: str) -> None:
    with PostgresStore(PG_URL, schema=schema) as store:
        fast = {ns: store._fast(ns) for ns in ("dedupe", "dedupe.url", "stories.item",
                                               "dedupex", "users", "sources", "")}
        assert fast == {"dedupe": True, "dedupe.url": True, "stories.item": True,
                        "dedupex": False, "users": False, "sources": False, "": False}
        store.state_put("dedupe.url", "k", [1])
        store.state_put("users", "k", [2])
        assert (store.state_get("dedupe.url", "k"), store.state_get("users", "k")) == ([1], [2])
        store.state_delete("dedupe.url", "k")
        assert store.state_get("dedupe.url", "k") is None
