"""The live stream: one broadcaster per app fans store events out to SSE clients.

The bus is only a wake-up call: whatever it says, the broadcaster reads the events
after the last one it sent from the store (`events_since`), so the stream is in `seq`
order, never skips an event and also sees revisions written by another process (it
polls every `poll_s` when the bus is quiet or absent).

Each event becomes one `Frame`, encoded at most once per audience (full, trial teaser,
expired teaser) and shared by every client of that audience: the payload went through
`Viewer.present`, like every other surface. Clients get bounded queues; a client that
falls `queue_size` frames behind is dropped, and resumes where it was with the
`Last-Event-ID` its browser sends when it reconnects. A client asking for more than
`max_backlog` events of backlog gets one `reload` event instead (its page is too old
to patch; reloading is cheaper for both sides than replaying thousands of frames).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread

from signaldesk.accounts.viewer import Viewer
from signaldesk.bus.base import Bus
from signaldesk.store.base import Event, Store

log = logging.getLogger(__name__)

ITEMS_TOPIC = "items"
RETRY_MS = 3000
_PAGE = 500  # events read from the store per query
MAX_BACKLOG = 1000  # events a resuming client may ask for; beyond it, `reload`


@dataclass(frozen=True, slots=True)
class StreamFilter:
    """What one client asked for (`desk`, `entity`, `instrument`); None means any."""

    desk: str | None = None
    entity: str | None = None
    instrument: str | None = None

    def accepts(self, frame: Frame) -> bool:
        return (
            (self.desk is None or self.desk in frame.desks)
            and (self.entity is None or self.entity in frame.entities)
            and (self.instrument is None or self.instrument in frame.instruments)
        )


@dataclass(slots=True)
class Frame:
    """One event, with its item, encoded lazily once per audience."""

    event: Event
    item: dict[str, Any] | None
    desks: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    instruments: frozenset[str] = frozenset()
    _encoded: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def build(cls, event: Event, item: dict[str, Any] | None) -> Frame:
        def names(key: str, sub: str) -> frozenset[str]:
            values = (item or {}).get(key) or []
            return frozenset(str(v.get(sub)) for v in values if isinstance(v, dict))

        return cls(event, item, names("desks", "desk"), names("entities", "id"),
                   names("instruments", "symbol"))

    @property
    def seq(self) -> int:
        return self.event.seq

    def encode(self, viewer: Viewer) -> bytes:
        if self.item is None or viewer.can_read(self.item):
            audience = "full"
        else:
            audience = "expired" if viewer.logged_in else "anonymous"
        cached = self._encoded.get(audience)
        if cached is None:
            shown = viewer.present(self.item) if self.item is not None else None
            cached = self._encoded[audience] = encode_frame(self.event, shown)
        return cached


def encode_frame(event: Event, item: dict[str, Any] | None) -> bytes:
    payload = {
        "seq": event.seq,
        "item_id": event.item_id,
        "revision": event.revision,
        "action": event.action,
        "recorded_at": event.recorded_at.isoformat(),
        "item": item,
    }
    # json.dumps escapes newlines inside strings, so the data fits on one SSE line.
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    return f"id: {event.seq}\nevent: item\ndata: {data}\n\n".encode()


def encode_reload(last_seq: int, max_backlog: int) -> bytes:
    """Tell a client its backlog is too long to replay: reload, resume from `last_seq`.

    The id moves the browser's Last-Event-ID to `last_seq`, so an EventSource that
    reconnects instead of reloading does not ask for the same backlog again.
    """
    data = json.dumps({"reason": "backlog", "last_seq": last_seq, "max_backlog": max_backlog})
    return f"id: {last_seq}\nevent: reload\ndata: {data}\n\n".encode()


class Client:
    """One connected SSE client: its viewer, filter and bounded queue of frames."""

    def __init__(self, viewer: Viewer, wanted: StreamFilter, queue_size: int) -> None:
        self.viewer = viewer
        self.wanted = wanted
        self.queue: asyncio.Queue[Frame | None] = asyncio.Queue(maxsize=queue_size)
        self.dropped = False

    def offer(self, frame: Frame) -> None:
        if self.dropped or not self.wanted.accepts(frame):
            return
        try:
            self.queue.put_nowait(frame)
        except asyncio.QueueFull:
            self._drop()

    def close(self) -> None:
        """End this client's response (server shutting down)."""
        if self.queue.full():
            self._drop()
        else:
            self.queue.put_nowait(None)

    def _drop(self) -> None:
        # Too slow: empty the queue and leave a None that ends its response. The browser
        # reconnects with Last-Event-ID and catches up from the store, losing nothing.
        self.dropped = True
        while not self.queue.empty():
            self.queue.get_nowait()
        self.queue.put_nowait(None)


class Broadcaster:
    """Reads new events from the store and offers each frame to every client."""

    def __init__(
        self,
        store: Store,
        bus: Bus | None,
        *,
        topic: str = ITEMS_TOPIC,
        poll_s: float = 1.0,
        queue_size: int = 256,
        heartbeat_s: float = 15.0,
        max_backlog: int = MAX_BACKLOG,
    ) -> None:
        self.store = store
        self.bus = bus
        self.topic = topic
        self.poll_s = poll_s
        self.queue_size = queue_size
        self.heartbeat_s = heartbeat_s
        self.max_backlog = max_backlog
        self.last_seq = 0
        self.clients: set[Client] = set()
        self.dropped_clients = 0
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.last_seq = await to_thread.run_sync(self._head_seq)
        self._tasks.append(asyncio.create_task(self._run(), name="signaldesk-broadcaster"))
        if self.bus is not None:
            self._tasks.append(asyncio.create_task(self._listen(), name="signaldesk-bus-wake"))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        for client in list(self.clients):
            client.close()

    def wake(self) -> None:
        """Ask for an immediate read of the store (the bus listener calls this)."""
        self._wake.set()

    async def _listen(self) -> None:
        assert self.bus is not None
        async for _message in self.bus.subscribe(self.topic):
            self._wake.set()

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_s)
            self._wake.clear()
            try:
                await self.drain()
            except Exception:  # the stream must outlive one bad read: log it, poll again
                log.exception("stream: reading new events failed")

    async def drain(self) -> int:
        """Send every event after `last_seq`; returns how many were sent."""
        sent = 0
        while True:
            frames = await to_thread.run_sync(self._frames_after, self.last_seq)
            for frame in frames:
                self.last_seq = max(self.last_seq, frame.seq)
                for client in list(self.clients):
                    client.offer(frame)
                    if client.dropped:
                        self.dropped_clients += 1
                        self.clients.discard(client)
            sent += len(frames)
            if len(frames) < _PAGE:
                return sent

    def _head_seq(self) -> int:
        head = getattr(self.store, "last_seq", None)
        if callable(head):
            return int(head())
        seq = 0  # no shortcut on this store: page through the log once at start-up
        while events := self.store.events_since(seq):
            seq = events[-1].seq
        return seq

    def _frames_after(self, seq: int, limit: int = _PAGE) -> list[Frame]:
        # Each frame carries the revision its event names: a backlog event "rev 1
        # created" must not show the body of a later revision.
        events = self.store.events_since(seq, limit)
        return [Frame.build(e, self.store.get_revision(e.item_id, e.revision)) for e in events]

    async def subscribe(
        self, viewer: Viewer, wanted: StreamFilter, last_event_id: int | None
    ) -> AsyncIterator[bytes]:
        """The SSE body of one client: backlog after `last_event_id`, then live frames."""
        client = Client(viewer, wanted, self.queue_size)
        # Registered and `live_from` read with no await in between: every frame after
        # `live_from` reaches the queue, every frame up to it comes from the backlog.
        self.clients.add(client)
        live_from = self.last_seq
        sent = live_from if last_event_id is None else last_event_id
        try:
            yield f"retry: {RETRY_MS}\n\n".encode()
            if last_event_id is not None and live_from - last_event_id > self.max_backlog:
                yield encode_reload(live_from, self.max_backlog)
                sent = live_from
            while sent < live_from:  # catch up from the store, page by page
                frames = await to_thread.run_sync(self._frames_after, sent)
                if not frames:
                    break
                for frame in frames:
                    if frame.seq <= live_from and wanted.accepts(frame):
                        yield frame.encode(viewer)
                sent = min(frames[-1].seq, live_from)
            async for chunk in self._live(client, sent):
                yield chunk
        finally:
            self.clients.discard(client)

    async def _live(self, client: Client, sent: int) -> AsyncIterator[bytes]:
        while True:
            try:
                frame = await asyncio.wait_for(client.queue.get(), self.heartbeat_s)
            except TimeoutError:
                yield b": keep-alive\n\n"
                continue
            if frame is None:
                return
            if frame.seq > sent:
                sent = frame.seq
                yield frame.encode(client.viewer)
