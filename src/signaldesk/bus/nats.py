"""The team bus: NATS JetStream (stream `SIGNALDESK`, subjects `signaldesk.<topic>`).

nats-py is asyncio-bound to one event loop, while `publish` must work from the
pipeline's plain thread and `subscribe` from the web app's loop. So the bus runs its
own loop in a background thread that owns the connection; publishing hands it a
coroutine without waiting, and each subscription forwards messages into the
subscriber's loop through the same bounded queues as `MemoryBus`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from concurrent.futures import Future
from datetime import UTC, datetime
from typing import Any

import nats
from nats.aio.msg import Msg
from nats.js.api import ConsumerConfig, DeliverPolicy, StreamConfig
from nats.js.errors import NotFoundError

from signaldesk.bus.fanout import Subscription, check_topic
from signaldesk.errors import ConfigError

log = logging.getLogger(__name__)
STREAM = "SIGNALDESK"
SUBJECT_PREFIX = "signaldesk"


class NatsBus:
    """`Bus` over NATS JetStream at `url`. Connects in the constructor (`ConfigError` if
    it cannot); at most `max_in_flight` publishes wait for acks, beyond that a message
    is dropped with a warning (the store stays the record: streams resume by `seq`)."""

    def __init__(
        self,
        url: str,
        *,
        stream: str = STREAM,
        subject_prefix: str = SUBJECT_PREFIX,
        queue_size: int = 1000,
        max_in_flight: int = 10_000,
        max_age_s: float = 7 * 86400,
        connect_timeout_s: float = 5.0,
    ) -> None:
        if queue_size < 1:
            raise ConfigError(f"bus queue_size must be at least 1 (got {queue_size})")
        self.url, self.stream, self.prefix = url, stream, subject_prefix
        self.queue_size, self.max_in_flight = queue_size, max_in_flight
        self._in_flight = 0
        self._lock = threading.Lock()
        self._subscriptions: list[Subscription] = []
        self._nats_subs: list[Any] = []  # touched on the NATS thread only
        self._closed = False
        self._nc: Any = None
        self._js: Any = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="signaldesk-nats",
                                        daemon=True)
        self._thread.start()
        try:
            self._call(self._connect(max_age_s, connect_timeout_s)).result(connect_timeout_s * 3)
        except Exception as exc:
            self._stop_loop()
            raise ConfigError(f"bus_url {url}: cannot use NATS JetStream there ({exc!r})") from exc

    def _call(self, coro: Any) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    async def _connect(self, max_age_s: float, timeout: float) -> None:
        self._nc = await nats.connect(self.url, connect_timeout=timeout,
                                      max_reconnect_attempts=-1, allow_reconnect=True)
        self._js = self._nc.jetstream()
        try:
            await self._js.stream_info(self.stream)
        except NotFoundError:
            await self._js.add_stream(StreamConfig(
                name=self.stream, subjects=[f"{self.prefix}.>"], max_age=max_age_s))

    def subject(self, topic: str) -> str:
        return f"{self.prefix}.{check_topic(topic)}"

    def publish(self, topic: str, payload: dict[str, Any]) -> None:
        """Hand the message to the NATS thread and return at once (any thread)."""
        subject = self.subject(topic)
        data = json.dumps(payload, separators=(",", ":")).encode()
        seq = payload.get("seq")
        # JetStream drops a repeated Nats-Msg-Id: a re-published revision is sent once.
        headers = {"Nats-Msg-Id": f"{topic}-{seq}"} if isinstance(seq, int) else None
        with self._lock:
            if self._closed:
                return
            if self._in_flight >= self.max_in_flight:
                log.warning("NATS publish backlog over %d: message on %s dropped",
                            self.max_in_flight, subject)
                return
            self._in_flight += 1
        self._call(self._publish(subject, data, headers)).add_done_callback(self._published)

    async def _publish(self, subject: str, data: bytes, headers: dict[str, str] | None) -> None:
        await self._js.publish(subject, data, headers=headers, timeout=5.0)

    def _published(self, future: Future[Any]) -> None:
        with self._lock:
            self._in_flight -= 1
        if not future.cancelled() and future.exception() is not None:
            log.warning("NATS publish failed: %r", future.exception())

    def subscribe(self, topic: str) -> Subscription:
        """Messages on `topic` published from now on; call from inside an event loop."""
        subscription = Subscription(check_topic(topic), self.queue_size, self._forget)
        since = datetime.now(UTC)  # "from now on", even before the consumer exists
        with self._lock:
            closed = self._closed
            if not closed:
                self._subscriptions.append(subscription)
        if closed:
            subscription.end()
        else:
            self._call(self._consume(subscription, self.subject(topic), since))
        return subscription

    async def _consume(self, subscription: Subscription, subject: str, since: datetime) -> None:
        async def forward(msg: Msg) -> None:
            try:
                payload = json.loads(msg.data)
            except ValueError:
                log.warning("undecodable message on %s skipped", subject)
                return
            subscription.offer(payload)  # a dropped subscription unsubscribes via on_end

        config = ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_TIME, opt_start_time=since)
        try:
            sub = await self._js.subscribe(subject, cb=forward, config=config,
                                           ordered_consumer=True)
        except Exception as exc:  # reported to the subscriber as the end of its messages
            log.warning("NATS subscribe to %s failed: %r", subject, exc)
            subscription.end()
            return
        self._nats_subs.append(sub)
        subscription.on_end = lambda: self._unsubscribe_later(sub)
        if subscription.closed:  # it ended while the consumer was being created
            self._spawn_unsubscribe(sub)

    def _unsubscribe_later(self, sub: Any) -> None:
        """Unsubscribe on the NATS thread; after `close` the connection is gone anyway."""
        with contextlib.suppress(RuntimeError):  # the bus's loop is closed
            self._loop.call_soon_threadsafe(self._spawn_unsubscribe, sub)

    def _spawn_unsubscribe(self, sub: Any) -> None:
        if sub in self._nats_subs:
            self._nats_subs.remove(sub)
            self._loop.create_task(_quietly(sub.unsubscribe()))

    def _forget(self, subscription: Subscription) -> None:
        with self._lock:
            if subscription in self._subscriptions:
                self._subscriptions.remove(subscription)

    async def aclose(self) -> None:
        await asyncio.to_thread(self.close)

    def close(self) -> None:
        """End every subscription, flush pending publishes and disconnect."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            everyone = list(self._subscriptions)
        for subscription in everyone:
            subscription.end()
        try:
            self._call(self._drain()).result(10)
        finally:
            self._stop_loop()

    async def _drain(self) -> None:
        """Unsubscribe and flush, then disconnect (`_stop_loop` cancels what remains)."""
        for sub in self._nats_subs:
            await _quietly(sub.unsubscribe())
        self._nats_subs.clear()
        if self._nc is not None and not self._nc.is_closed:
            await self._nc.drain()

    def _stop_loop(self) -> None:
        """Cancel what is left on the NATS loop (e.g. a connect still retrying), then stop."""
        with contextlib.suppress(Exception):
            self._call(_cancel_others()).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


async def _cancel_others() -> None:
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)


async def _quietly(coro: Any) -> None:
    try:
        await coro
    except Exception as exc:  # unsubscribing from a closed connection is fine
        log.debug("NATS unsubscribe: %r", exc)
