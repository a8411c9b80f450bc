"""Live ingestion inside the server: the Poller and WebSub pushes feed the pipeline.

`LiveIngest` owns one `Fetcher`, the `SourceRegistry`, a `WebSubSubscriber` (whose
callback routes the web app mounts) and a `Poller`. New Docs, polled or pushed, go on a
bounded queue to ONE worker thread that runs `build_pipeline(settings, store, bus)`:
the stages are synchronous and CPU-bound, so they must not run on the event loop that
serves pages and the SSE stream, and one thread keeps the pipeline's state (dedupe,
stories) single-writer. A source that fails only changes its own health record (the
Poller catches per source); a batch the pipeline chokes on is counted and logged, and
the worker goes on with the next one. Nothing here can stop the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from starlette.routing import Route

from signaldesk.bus.base import Bus
from signaldesk.models import Doc
from signaldesk.pipeline.pipeline import Pipeline
from signaldesk.settings import Settings
from signaldesk.sources.feeds import ParsedFeed
from signaldesk.sources.fetch import Fetcher
from signaldesk.sources.poller import Poller
from signaldesk.sources.registry import SourceRegistry
from signaldesk.sources.websub import Subscription, WebSubSubscriber, routes
from signaldesk.store.base import Store

__all__ = ["LiveIngest", "Processor", "callback_base"]

log = logging.getLogger(__name__)



class Processor(Protocol):
    """What runs batches in the worker thread: a `Pipeline`, or a test double."""

    def process_batch(self, batch: list[Doc]) -> list[Doc]: ...

    def close(self) -> None: ...


_QUEUE_BATCHES = 1000  # batches waiting at most; beyond it the poller waits (backpressure)


def callback_base(settings: Settings) -> str:
    """Where hubs reach our WebSub callback: settings.public_url, else host:port."""
    base = settings.public_url or f"http://{settings.host}:{settings.port}"
    return base.rstrip("/") + "/websub"


class LiveIngest:
    """Polling + push + a pipeline worker thread, for `signaldesk serve [--poll]`.

    `processor_factory` (called once, in the worker thread) returns the function that
    processes a batch; by default the standard pipeline over `store` and `bus`.
    `on_stored` is called from the worker thread after each batch (the app uses it to
    wake the SSE broadcaster at once instead of at its next store poll).
    """

    def __init__(
        self,
        settings: Settings,
        store: Store,
        bus: Bus | None = None,
        *,
        fetcher: Fetcher | None = None,
        processor_factory: Callable[[], Processor] | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        self.fetcher = fetcher or Fetcher(settings)
        self.registry = SourceRegistry(store, clock=clock)
        self.websub = WebSubSubscriber(self.fetcher, callback_base(settings), store, clock=clock)
        self.poller = Poller(settings, self.registry, self.fetcher, websub=self.websub,
                             clock=clock)
        self._factory = processor_factory or self._standard_pipeline(settings, store, bus)
        self._queue: queue.Queue[list[Doc] | None] = queue.Queue(maxsize=_QUEUE_BATCHES)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.on_stored: Callable[[], None] | None = None
        self.ready = threading.Event()  # set once the pipeline is loaded (or failed to)
        self._reload: asyncio.Event | None = None
        self.docs_in = 0
        self.batches_done = 0
        self.batch_failures = 0
        self.last_error: str | None = None

    @staticmethod
    def _standard_pipeline(settings: Settings, store: Store,
                           bus: Bus | None) -> Callable[[], Processor]:
        def factory() -> Processor:
            from signaldesk.pipeline.build import build_pipeline

            pipeline = build_pipeline(settings, store=store, bus=bus)
            pipeline.open()  # loads the knowledge base etc. now, in the worker thread
            _warm_up(pipeline)
            return pipeline

        return factory

    # -- routes and inputs
    def routes(self) -> list[Route]:
        """The WebSub callback (GET verify intent, POST HMAC-checked push) to mount."""
        return list(routes(self.websub, self.on_push, max_bytes=self.settings.fetch_max_bytes))

    async def on_push(self, sub: Subscription, feed: ParsedFeed) -> None:
        """A verified push: its new entries (per the source's seen ids) go to the pipeline."""
        try:
            docs = await self.poller.accept_push(sub, feed)
        except Exception as exc:  # a hostile push must not 500 the callback or kill anything
            self.last_error = f"push for {sub.topic}: {type(exc).__name__}: {exc}"
            log.warning("%s", self.last_error)
            return
        await self.submit(docs)

    async def submit(self, docs: list[Doc]) -> None:
        """Queue docs for the worker; waits (off the loop) only when the queue is full."""
        if not docs:
            return
        self._ensure_worker()
        self.docs_in += len(docs)
        try:
            self._queue.put_nowait(docs)
        except queue.Full:
            await asyncio.to_thread(self._queue.put, docs)

    async def run(self, stop: asyncio.Event, idle_s: float = 1.0, refresh_s: float = 30.0) -> None:
        """Poll the registry until `stop` is set (the app runs this as a task)."""
        self._ensure_worker()  # load the pipeline now, not on the first new item
        self._reload = asyncio.Event()
        await self.poller.run(self.submit, stop, idle_s=idle_s, refresh_s=refresh_s,
                              reload=self._reload)

    def sources_changed(self) -> None:
        """A source was added or removed (API, page): poll it without waiting for the
        periodic schedule reload. Call from the event loop the poller runs in."""
        if self._reload is not None:
            self._reload.set()

    async def aclose(self) -> None:
        """Let the worker finish what is queued, then close the fetcher."""
        if self._thread is not None:
            await asyncio.to_thread(self._queue.put, None)
            await asyncio.to_thread(self._thread.join)
            self._thread = None
        await self.fetcher.aclose()

    # -- the worker thread
    def _ensure_worker(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="signaldesk-ingest",
                                                daemon=True)
                self._thread.start()

    def _work(self) -> None:
        try:
            process: Processor | None = self._factory()
        except Exception as exc:  # e.g. a missing model: the server keeps serving
            self.last_error = f"pipeline failed to start: {type(exc).__name__}: {exc}"
            log.error("%s", self.last_error)
            process = None
        self.ready.set()
        while (batch := self._queue.get()) is not None:
            if process is None:
                self.batch_failures += 1
                continue
            try:
                process.process_batch(batch)
                self.batches_done += 1
            except Exception as exc:  # one bad batch is lost, not the worker
                self.batch_failures += 1
                self.last_error = f"pipeline: {type(exc).__name__}: {exc}"
                log.exception("pipeline batch of %d docs failed", len(batch))
            if self.on_stored is not None:
                with contextlib.suppress(RuntimeError):  # the loop is gone (shutting down)
                    self.on_stored()
        if process is not None:
            process.close()


def _warm_up(pipeline: Pipeline) -> None:
    """Run one invented doc through the real pipeline's `extract` stage only (pure: it
    writes nothing), so the language model it loads on its first unlabelled page
    (measured ~1.1 s) is loaded before the first real item, not while that item and
    every item queued behind it wait. The later stages are not run: they keep state."""
    doc = Doc(id="signaldesk-warm-up", url="https://warm-up.invalid/a", source="Warm-up",
              html="<html><head><title>Warm-up</title></head><body><article><p>The invented "
                   "central bank of Exlandia held its rate on Monday, its governor said.</p>"
                   "<p>Traders in the made-up capital shrugged and went home early.</p>"
                   "</article></body></html>")
    try:
        for stage in pipeline.stages:
            if stage.name == "extract":
                stage.process([doc])
    except Exception as exc:  # a warm-up failure only costs the first item some time
        log.warning("pipeline warm-up failed: %s: %s", type(exc).__name__, exc)
