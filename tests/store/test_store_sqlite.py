"""What only the SQLite store promises: WAL, migrations, restart, one writer, time bounds."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from store_items import T0, make_item

from signaldesk.errors import StoreError
from signaldesk.settings import Settings
from signaldesk.store import open_store
from signaldesk.store.base import ItemQuery
from signaldesk.store.common import index_fields
from signaldesk.store.migrations import MIGRATIONS, migrate
from signaldesk.store.sqlite import SQLiteStore, _append


def test_file_store_uses_wal_and_records_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "wire.db"
    with SQLiteStore(str(path)) as store:
        assert store.schema_version == len(MIGRATIONS)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    finally:
        conn.close()


def test_restart_keeps_items_state_and_seq(tmp_path: Path) -> None:
    path = str(tmp_path / "wire.db")
    with SQLiteStore(path) as store:
        store.append_revision(make_item("a", "Before restart"))
        last = store.append_revision(make_item("a", "Still before restart"))
        store.state_put("dedupe", "sig", [1, 2, 3])
    with SQLiteStore(path) as store:
        assert [h["headline"] for h in store.item_history("a")] == [
            "Before restart", "Still before restart"]
        assert store.state_get("dedupe", "sig") == [1, 2, 3]
        assert [i["item_id"] for i in store.list_items(ItemQuery(q="restart")).items] == ["a"]
        after = store.append_revision(make_item("a", "After restart"))
        assert after.seq > last.seq and after.revision == 3


def test_a_v1_database_is_upgraded_and_keeps_its_search(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    assert migrate(conn, MIGRATIONS[:1]) == 1
    item = make_item("old", "Copper rally written by the first schema")
    _append(conn, item, index_fields(item, T0))
    conn.close()
    with SQLiteStore(str(path)) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert [i["item_id"] for i in store.list_items(ItemQuery(q="copper")).items] == ["old"]
        store.append_revision(make_item("new", "Copper rally under the new schema"))
        hits = store.list_items(ItemQuery(q="copper", order="relevance")).items
        assert sorted(i["item_id"] for i in hits) == ["new", "old"]


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wire.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    before = threading.active_count()
    with pytest.raises(StoreError, match="newer"):
        SQLiteStore(str(path))
    assert threading.active_count() == before  # the writer thread was stopped


def test_migrations_are_append_only_and_resume(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    calls: list[str] = []
    steps = [lambda c: calls.append("one"), lambda c: calls.append("two")]
    assert migrate(conn, steps[:1]) == 1
    assert migrate(conn, steps) == 2
    assert migrate(conn, steps) == 2
    assert calls == ["one", "two"]
    conn.close()


def test_a_failed_migration_rolls_back(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.db", isolation_level=None)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half (x)")
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        migrate(conn, [broken])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None
    conn.close()


def test_an_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(str(tmp_path / "no-such-dir" / "x.db"))


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are notes, not a database\n" * 100)
    before = threading.active_count()
    with pytest.raises(StoreError, match="cannot use"):
        SQLiteStore(str(path))
    assert threading.active_count() == before
    assert path.read_text().startswith("these are notes")  # and it was left untouched


def test_writes_run_on_one_thread(tmp_path: Path) -> None:
    with SQLiteStore(str(tmp_path / "wire.db")) as store:
        names = {store._write(lambda c: threading.current_thread().name) for _ in range(3)}
        assert names == {"signaldesk-sqlite-writer"}


def test_slow_queries_are_stopped_with_a_clear_error(tmp_path: Path) -> None:
    with SQLiteStore(str(tmp_path / "wire.db"), search_timeout_s=0.0) as store:
        for n in range(300):
            store.append_revision(make_item(f"i{n}", "Rates held in Freedonia"))
        with pytest.raises(StoreError, match="longer than"):
            store.list_items(ItemQuery(q="rates"))


def test_closed_store_refuses_work(tmp_path: Path) -> None:
    store = SQLiteStore(str(tmp_path / "wire.db"))
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.append_revision(make_item("a"))
    with pytest.raises(StoreError, match="closed"):
        store.get_item("a")


def test_open_store_is_sqlite_without_a_url(tmp_path: Path) -> None:
    store = open_store(Settings(db=str(tmp_path / "w.db")))
    try:
        assert isinstance(store, SQLiteStore) and store.path == str(tmp_path / "w.db")
    finally:
        store.close()
