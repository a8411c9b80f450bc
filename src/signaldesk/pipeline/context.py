"""What a stage gets when it opens: settings, store, bus, clock and shared resources."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from signaldesk.bus.base import Bus
from signaldesk.settings import Settings
from signaldesk.store.base import Store

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    """Everything stages share for one run. Built by `build_pipeline` or the app factory.

    `shared(key, factory)` loads a resource once per context (the knowledge base, a
    trained model) so that two stages needing it do not load it twice, and two
    contexts never share it.
    """

    settings: Settings
    store: Store | None = None
    bus: Bus | None = None
    clock: Callable[[], datetime] = utcnow
    _resources: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, factory: Callable[[], T]) -> T:
        if key not in self._resources:
            self._resources[key] = factory()
        return cast(T, self._resources[key])
