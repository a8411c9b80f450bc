"""One thread owns the SQLite write connection; everyone else hands it work via a queue.

The Datasette pattern: SQLite allows one writer at a time, so instead of many
connections fighting over the write lock (and `database is locked` errors), every
write is a function run by the writer thread on its own connection. Callers, on any
thread, block on a future for the result. Read connections come from a small pool.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

from signaldesk.errors import StoreError

T = TypeVar("T")
Connect = Callable[[], sqlite3.Connection]
_Task = tuple[Callable[[sqlite3.Connection], Any], "Future[Any]"]


class WriterThread:
    """Runs functions `fn(conn)` one at a time on the connection `connect()` opens."""

    def __init__(self, connect: Connect, name: str = "signaldesk-sqlite-writer") -> None:
        self._queue: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self._ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, args=(connect,), name=name, daemon=True)
        self._thread.start()
        self._ready.result()  # re-raises a failure to open the database here

    def call(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run `fn` on the write connection and return its result (or raise its error)."""
        if threading.current_thread() is self._thread:
            raise StoreError("store method called from inside a write: not supported")
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise StoreError("the store is closed")
            self._queue.put((fn, future))
        return future.result()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._queue.put(None)
        self._thread.join()

    def _run(self, connect: Connect) -> None:
        try:
            conn = connect()
        except BaseException as exc:  # reported to the constructor's caller
            self._ready.set_exception(exc)
            return
        self._ready.set_result(None)
        try:
            while (task := self._queue.get()) is not None:
                fn, future = task
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(conn))
                    except BaseException as exc:  # handed to the caller, never lost
                        future.set_exception(exc)
        finally:
            conn.close()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT on an autocommit connection; ROLLBACK on any error."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class ReaderPool:
    """Read connections, created on demand and reused; any thread may borrow one."""

    def __init__(self, connect: Connect, size: int = 4) -> None:
        self._connect = connect
        self._size = size
        self._free: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise StoreError("the store is closed")
            conn = self._free.pop() if self._free else None
        if conn is None:
            conn = self._connect()
        try:
            yield conn
        finally:
            with self._lock:
                keep = not self._closed and len(self._free) < self._size
                if keep:
                    self._free.append(conn)
            if not keep:
                conn.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            free, self._free = self._free, []
        for conn in free:
            conn.close()
