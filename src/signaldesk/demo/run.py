"""Replaying the demo pack into the store, on a simulated clock, while the wire serves it.

The pack's day is fictional (see pack/NOTICE.txt). The replay runs in a background
thread: `ReplaySource` sleeps the gaps between documents (scaled by the speed) and each
document goes through the full pipeline, into the store and onto the bus, so the wire
shows it live. Stage clocks follow the simulated day (`SimClock`), so first-seen times
and "who had it first, by how many seconds" read as they would have on that day.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from signaldesk.bus.base import Bus
from signaldesk.pipeline.build import build_pipeline
from signaldesk.settings import Settings
from signaldesk.sources.replay import ReplaySource
from signaldesk.store.base import Store

PACK_DIR = Path(__file__).resolve().parent / "pack"
DEFAULT_DEMO_SECONDS = 180.0  # the whole day in about three minutes


@dataclass
class SimClock:
    """Simulated time: `start` plus the wall time elapsed since creation, times `speed`."""

    start: datetime
    speed: float
    _wall0: float = field(default_factory=time.monotonic)

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=(time.monotonic() - self._wall0) * self.speed)


@dataclass
class DemoFeeder:
    """Feeds a replay through the pipeline into `store` (and `bus`) until done or stopped."""

    settings: Settings
    store: Store
    bus: Bus | None
    pack: Path = PACK_DIR
    speed: float = 0.0  # <= 0: fit the day into DEFAULT_DEMO_SECONDS
    stop: threading.Event = field(default_factory=threading.Event)
    fast: bool = False  # no sleeping at all: replay as fast as the pipeline goes
    counts: Counter[str] = field(default_factory=Counter)
    first_item_s: float | None = None

    def run(self) -> Counter[str]:
        started = time.monotonic()
        replay = ReplaySource(self.pack, speed=-1.0, sleep=self.stop.wait)
        first = min((d.published_at for d in replay.docs() if d.published_at), default=None)
        if not self.fast:
            replay.speed = self.speed if self.speed > 0 else replay.speed_for(DEFAULT_DEMO_SECONDS)
        clock = SimClock(first, max(replay.speed, 1.0)) if first and not self.fast else None
        pipeline = build_pipeline(self.settings, store=self.store, bus=self.bus, clock=clock)
        with pipeline:
            for doc in replay.docs():
                if self.stop.is_set():
                    break
                if clock is None and doc.published_at:  # fast mode: time as published
                    pipeline.ctx.clock = _fixed(doc.published_at)
                pipeline.process_batch([doc])
                self._count(doc.dropped, started)
        self.counts.update({f"{s}/{r}": n for (s, r), n in pipeline.drops.items()})
        self.counts["replay_errors"] += len(replay.errors)
        return self.counts

    def _count(self, dropped: str | None, started: float) -> None:
        self.counts["documents"] += 1
        if dropped:
            return
        self.counts["items"] += 1
        if self.first_item_s is None:
            self.first_item_s = time.monotonic() - started


def _fixed(when: datetime) -> Callable[[], datetime]:
    return lambda: when
