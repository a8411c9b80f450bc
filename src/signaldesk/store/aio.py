"""`AsyncStore`: the async facade the web app awaits, over any synchronous `Store`.

Each call runs in a worker thread (`asyncio.to_thread`), so a slow query never blocks
the event loop; the wrapped store is thread-safe by contract (SQLite queues writes to
its writer thread, PostgreSQL uses a connection per call).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from signaldesk.store.base import Event, ItemPage, ItemQuery, Store


class AsyncStore:
    """The `Store` methods as coroutines; `sync` is the wrapped store."""

    def __init__(self, store: Store) -> None:
        self.sync = store

    async def append_revision(self, item: dict[str, Any]) -> Event:
        return await asyncio.to_thread(self.sync.append_revision, item)

    async def get_item(
        self, item_id: str, as_of: datetime | None = None
    ) -> dict[str, Any] | None:
        return await asyncio.to_thread(self.sync.get_item, item_id, as_of)

    async def item_history(self, item_id: str) -> list[dict[str, Any]]:
        return await asyncio.to_thread(self.sync.item_history, item_id)

    async def get_revision(self, item_id: str, revision: int) -> dict[str, Any] | None:
        return await asyncio.to_thread(self.sync.get_revision, item_id, revision)

    async def list_items(self, query: ItemQuery) -> ItemPage:
        return await asyncio.to_thread(self.sync.list_items, query)

    async def get_story(self, story_id: str) -> dict[str, Any] | None:
        return await asyncio.to_thread(self.sync.get_story, story_id)

    async def events_since(self, seq: int, limit: int = 500) -> list[Event]:
        return await asyncio.to_thread(self.sync.events_since, seq, limit)

    async def last_seq(self) -> int:
        return await asyncio.to_thread(self.sync.last_seq)

    async def state_put(self, ns: str, key: str, value: Any) -> None:
        await asyncio.to_thread(self.sync.state_put, ns, key, value)

    async def state_put_many(self, entries: Iterable[tuple[str, str, Any]]) -> None:
        rows = list(entries)  # consumed here, not in the worker thread
        await asyncio.to_thread(self.sync.state_put_many, rows)

    async def state_get(self, ns: str, key: str) -> Any | None:
        return await asyncio.to_thread(self.sync.state_get, ns, key)

    async def state_delete(self, ns: str, key: str) -> None:
        await asyncio.to_thread(self.sync.state_delete, ns, key)

    async def state_scan(self, ns: str, prefix: str = "") -> list[tuple[str, Any]]:
        """All matching (key, value) pairs at once: an async caller cannot page a generator."""
        return await asyncio.to_thread(lambda: list(self.sync.state_scan(ns, prefix)))

    async def aclose(self) -> None:
        await asyncio.to_thread(self.sync.close)
