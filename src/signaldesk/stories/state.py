"""Namespaced stage state: in the store when there is one, else in memory on the stage.

With a store, writes are buffered in the map until `flush_state` writes the buffers of
several maps in one `Store.state_put_many` call: one commit per batch instead of ~7 per
document (each SQLite commit is a queued round trip to the writer thread). Reads see the
buffered writes first, so a stage reads its own writes within the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from signaldesk.store.base import Store

_DELETED = object()  # a buffered delete


class StateMap:
    """A key/value view of one namespace of `Store` state, or a dict when `store` is None."""

    def __init__(self, store: Store | None, ns: str) -> None:
        self.store = store
        self.ns = ns
        self._mem: dict[str, Any] = {}  # the state itself without a store, else the buffer

    def get(self, key: str) -> Any | None:
        if self.store is None:
            return self._mem.get(key)
        if key in self._mem:
            value = self._mem[key]
            return None if value is _DELETED else value
        return self.store.state_get(self.ns, key)

    def put(self, key: str, value: Any) -> None:
        self._mem[key] = value

    def delete(self, key: str) -> None:
        if self.store is None:
            self._mem.pop(key, None)
        else:
            self._mem[key] = _DELETED

    @property
    def pending(self) -> int:
        """Buffered writes not yet in the store (0 without a store)."""
        return len(self._mem) if self.store is not None else 0

    def scan(self, prefix: str = "") -> Iterator[tuple[str, Any]]:
        if self.store is None:
            return iter([(k, v) for k, v in self._mem.items() if k.startswith(prefix)])
        if not self._mem:
            return self.store.state_scan(self.ns, prefix)  # streamed page by page
        merged = dict(self.store.state_scan(self.ns, prefix))
        merged.update((k, v) for k, v in self._mem.items() if k.startswith(prefix))
        return iter(sorted((k, v) for k, v in merged.items() if v is not _DELETED))

    def take(self) -> tuple[list[tuple[str, str, Any]], list[str]]:
        """Hand over the buffer: (ns, key, value) puts and deleted keys; empty it."""
        if self.store is None:
            return [], []
        puts = [(self.ns, k, v) for k, v in self._mem.items() if v is not _DELETED]
        deletes = [k for k, v in self._mem.items() if v is _DELETED]
        self._mem = {}
        return puts, deletes


def flush_state(maps: Iterable[StateMap]) -> int:
    """Write the buffered puts of `maps` (all on one store) in one `state_put_many`, then
    their deletes (rare: expired stories, signatures leaving the ring). Returns the
    number of keys written."""
    store: Store | None = None
    puts: list[tuple[str, str, Any]] = []
    deletes: list[tuple[str, str]] = []
    for state in maps:
        if state.store is None:
            continue
        store = state.store
        more, gone = state.take()
        puts += more
        deletes += [(state.ns, k) for k in gone]
    if store is None:
        return 0
    if puts:
        store.state_put_many(puts)
    for ns, key in deletes:
        store.state_delete(ns, key)
    return len(puts) + len(deletes)
