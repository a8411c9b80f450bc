"""Bounded per-subscriber queues, fed from any thread: what both buses hand out.

A `Subscription` belongs to the event loop that subscribed. `offer()` may be called
from any thread; it never blocks: the message is handed to the subscriber's loop with
`call_soon_threadsafe`, and when the subscriber's queue is full the subscriber is
dropped (its iteration ends; it resumes from the store by `seq`), so one slow reader
can never hold up the publisher or the other readers.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import Callable
from typing import Any

from signaldesk.errors import InputError

log = logging.getLogger(__name__)
_TOPIC = re.compile(r"[A-Za-z0-9_-]{1,64}")
_END: dict[str, Any] = {}  # sentinel: identity-compared, never delivered


def check_topic(topic: str) -> str:
    """Topics are plain tokens (they become NATS subjects `signaldesk.<topic>`)."""
    if not isinstance(topic, str) or not _TOPIC.fullmatch(topic):
        raise InputError(f"bus topic {topic!r} must be 1-64 letters, digits, '-' or '_'")
    return topic


class Subscription:
    """An async iterator of one subscriber's messages; `aclose()` to unsubscribe."""

    def __init__(
        self, topic: str, queue_size: int, on_close: Callable[[Subscription], None]
    ) -> None:
        self.topic = topic
        self.dropped = False  # True when it fell `queue_size` messages behind
        self._loop = asyncio.get_running_loop()
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=queue_size)
        self._on_close = on_close
        self.on_end: Callable[[], object] | None = None  # e.g. unsubscribe from NATS
        self._closed = False
        self._thread = threading.get_ident()

    @property
    def closed(self) -> bool:
        return self._closed

    def offer(self, payload: dict[str, Any]) -> bool:
        """Deliver without blocking; False when this subscriber is gone (loop closed)."""
        if self._closed:
            return False
        try:
            if threading.get_ident() == self._thread:
                self._put(payload)
            else:
                self._loop.call_soon_threadsafe(self._put, payload)
        except RuntimeError:  # the subscriber's loop is closed
            self._finish()
            return False
        return True

    def end(self) -> None:
        """End the iteration (the bus is closing), from any thread."""
        self.offer(_END)

    def _put(self, payload: dict[str, Any]) -> None:
        if self._closed:
            return
        if payload is _END:
            self._finish()
            return
        try:
            self._queue.put_nowait(payload)
        except asyncio.QueueFull:
            self.dropped = True
            log.warning("bus subscriber on %r fell %d behind: dropped", self.topic,
                        self._queue.maxsize)
            self._finish()

    def _finish(self) -> None:
        """Unsubscribe; the reader sees what was queued (unless dropped), then the end."""
        if not self._closed:
            self._closed = True
            self._on_close(self)
            if self.on_end is not None:
                self.on_end()
            if self.dropped:
                while not self._queue.empty():
                    self._queue.get_nowait()
            self._wake()

    def _wake(self) -> None:
        # A full queue needs no wake-up (the reader has work); an empty one gets a marker.
        if self._queue.empty():
            self._queue.put_nowait(_END)

    def __aiter__(self) -> Subscription:
        return self

    async def __anext__(self) -> dict[str, Any]:
        if self._closed and self._queue.empty():
            raise StopAsyncIteration
        message = await self._queue.get()
        if message is _END:
            raise StopAsyncIteration
        return message

    async def aclose(self) -> None:
        self._finish()
