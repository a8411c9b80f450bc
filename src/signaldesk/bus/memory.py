"""The in-process bus of the embedded deployment: topics fanned out to bounded queues."""

from __future__ import annotations

import threading
from typing import Any

from signaldesk.bus.fanout import Subscription, check_topic
from signaldesk.errors import ConfigError


class MemoryBus:
    """`Bus` within one process. `publish` is callable from any thread and never blocks;
    a subscriber more than `queue_size` messages behind is dropped (see `bus.fanout`)."""

    def __init__(self, queue_size: int = 1000) -> None:
        if queue_size < 1:
            raise ConfigError(f"bus queue_size must be at least 1 (got {queue_size})")
        self.queue_size = queue_size
        self._lock = threading.Lock()
        self._subscribers: dict[str, list[Subscription]] = {}
        self._closed = False

    def publish(self, topic: str, payload: dict[str, Any]) -> None:
        check_topic(topic)
        with self._lock:
            subscribers = list(self._subscribers.get(topic, ()))
        for subscriber in subscribers:
            subscriber.offer(payload)

    def subscribe(self, topic: str) -> Subscription:
        """Messages on `topic` published from now on; call from inside an event loop."""
        subscription = Subscription(check_topic(topic), self.queue_size, self._forget)
        with self._lock:
            closed = self._closed
            if not closed:
                self._subscribers.setdefault(topic, []).append(subscription)
        if closed:  # outside the lock: ending calls back into `_forget`
            subscription.end()
        return subscription

    def subscriber_count(self, topic: str) -> int:
        with self._lock:
            return len(self._subscribers.get(topic, ()))

    def _forget(self, subscription: Subscription) -> None:
        with self._lock:
            subscribers = self._subscribers.get(subscription.topic, [])
            if subscription in subscribers:
                subscribers.remove(subscription)

    async def aclose(self) -> None:
        with self._lock:
            self._closed = True
            everyone = [s for subs in self._subscribers.values() for s in subs]
        for subscription in everyone:
            subscription.end()
