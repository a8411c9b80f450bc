"""The `Bus` protocol: topics and offsets, in-process by default, NATS JetStream for teams.

The embedded bus already thinks in topics and offsets, so moving to NATS is a setting.
Payloads are JSON-ready dicts; an offset is the store's event `seq`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, Protocol


class Bus(Protocol):
    def publish(self, topic: str, payload: dict[str, Any]) -> None:
        """Publish without waiting (safe to call from the pipeline's thread)."""
        ...

    def subscribe(self, topic: str) -> AsyncIterator[dict[str, Any]]:
        """Messages on `topic` published after the call, in order."""
        ...

    async def aclose(self) -> None: ...
