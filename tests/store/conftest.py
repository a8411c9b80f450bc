"""The `store` fixture: every contract test runs against each Store implementation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from signaldesk.store.base import Store
from signaldesk.store.sqlite import SQLiteStore

StoreFactory = Callable[[], Store]


@pytest.fixture(params=["sqlite-file", "sqlite-memory"])
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Opens the store under test; calling it again reopens the same database (restart)."""
    opened: list[Store] = []
    kind = request.param

    def make() -> Store:
        store: Any
        if kind == "sqlite-file":
            store = SQLiteStore(str(tmp_path / "wire.db"))
        else:
            store = SQLiteStore(":memory:")
        opened.append(store)
        return store

    make.kind = kind  # type: ignore[attr-defined]
    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(store_factory: StoreFactory) -> Store:
    return store_factory()
