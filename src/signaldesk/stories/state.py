"""Namespaced stage state: in the store when there is one, else in memory on the stage."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from signaldesk.store.base import Store


class StateMap:
    """A key/value view of one namespace of `Store` state, or a dict when `store` is None."""

    def __init__(self, store: Store | None, ns: str) -> None:
        self.store = store
        self.ns = ns
        self._mem: dict[str, Any] = {}

    def get(self, key: str) -> Any | None:
        if self.store is None:
            return self._mem.get(key)
        return self.store.state_get(self.ns, key)

    def put(self, key: str, value: Any) -> None:
        if self.store is None:
            self._mem[key] = value
        else:
            self.store.state_put(self.ns, key, value)

    def delete(self, key: str) -> None:
        if self.store is None:
            self._mem.pop(key, None)
        else:
            self.store.state_delete(self.ns, key)

    def scan(self, prefix: str = "") -> Iterator[tuple[str, Any]]:
        if self.store is None:
            return iter([(k, v) for k, v in self._mem.items() if k.startswith(prefix)])
        return self.store.state_scan(self.ns, prefix)
