"""A time budget for one page: a pathological page must not stall the pipeline.

On the main thread a real-time interval timer (SIGALRM) interrupts the extraction
between Python bytecodes, which covers the heuristics where the time goes; lxml's C
parser cannot be interrupted, but its input is already bounded by `extract_max_bytes`.
Signals only work on the main thread: elsewhere (a server's worker thread) the budget
is checked after the fact, so an over-budget page is still dropped, just later.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["OverBudget", "time_budget"]


class OverBudget(Exception):
    """The page used up its time budget."""


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise OverBudget()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` if the block runs longer than `seconds` (0 or less: no limit)."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        start = time.monotonic()
        yield
        if time.monotonic() - start > seconds:
            raise OverBudget()
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
