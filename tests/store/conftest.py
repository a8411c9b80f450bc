"""The `store` fixture: every contract test runs against each Store implementation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from store_items import StoreFactory

from pgtools import PG_URL, drop_schema, new_schema_name
from signaldesk.store.base import Store
from signaldesk.store.postgres import PostgresStore
from signaldesk.store.sqlite import SQLiteStore


@pytest.fixture(
    params=["sqlite-file", "sqlite-memory", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def store_factory(
    request: pytest.FixtureRequest, tmp_path: Path, require_service: Callable[[str, int, str], None]
) -> Iterator[StoreFactory]:
    """Opens the store under test; calling it again reopens the same database (restart).

    PostgreSQL gets a schema of its own per test, dropped afterwards.
    """
    opened: list[Store] = []
    kind = request.param
    schema = new_schema_name()
    if kind == "postgres":
        require_service("127.0.0.1", 5432, "PostgreSQL")

    def make() -> Store:
        store: Any
        if kind == "sqlite-file":
            store = SQLiteStore(str(tmp_path / "wire.db"))
        elif kind == "sqlite-memory":
            store = SQLiteStore(":memory:")
        else:
            store = PostgresStore(PG_URL, schema=schema)
        opened.append(store)
        return store

    make.kind = kind  # type: ignore[attr-defined]
    yield make
    for store in opened:
        store.close()
    if kind == "postgres":
        drop_schema(schema)


@pytest.fixture
def store(store_factory: StoreFactory) -> Store:
    return store_factory()
