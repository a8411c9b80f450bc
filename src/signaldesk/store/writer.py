"""One thread owns the SQLite write connection; everyone else hands it work via a queue.

The Datasette pattern: SQLite allows one writer at a time, so instead of many
connections fighting over the write lock (and `database is locked` errors), every
write is a function run by the writer thread on its own connection. Callers, on any
thread, block on a future for the result. Read connections come from a small pool.

Group commit: when several callers' writes (`call(fn, group=True)`) are waiting, the
writer runs them in one transaction, each inside its own savepoint (`transaction()`),
and commits once: one WAL write for many callers. A write that fails is rolled back to
its savepoint alone; callers learn their result only after the commit.
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
_Task = tuple[Callable[[sqlite3.Connection], Any], "Future[Any]", bool]
MAX_GROUP = 64  # writes committed together at most


class WriterThread:
    """Runs functions `fn(conn)` one at a time on the connection `connect()` opens."""

    def __init__(self, connect: Connect, name: str = "signaldesk-sqlite-writer") -> None:
        self._queue: queue.SimpleQueue[_Task | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._closed = False
        self.group_commits = 0  # transactions that carried more than one write (a statistic)
        self._ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, args=(connect,), name=name, daemon=True)
        self._thread.start()
        self._ready.result()  # re-raises a failure to open the database here

    def call(self, fn: Callable[[sqlite3.Connection], T], group: bool = False) -> T:
        """Run `fn` on the write connection and return its result (or raise its error).

        `group=True` lets the writer commit `fn` together with other waiting writes:
        `fn` must then be a single statement or use `transaction()`.
        """
        if threading.current_thread() is self._thread:
            raise StoreError("store method called from inside a write: not supported")
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise StoreError("the store is closed")
            self._queue.put((fn, future, group))
        return future.result()

    def pending(self) -> int:
        """Tasks waiting for the writer (approximate, for tests and statistics)."""
        return self._queue.qsize()

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
            self._loop(conn)
        finally:
            conn.close()

    def _loop(self, conn: sqlite3.Connection) -> None:
        carry: list[_Task | None] = []
        while True:
            task = carry.pop() if carry else self._queue.get()
            if task is None:
                return
            group = [task]
            while task[2] and len(group) < MAX_GROUP:
                try:
                    waiting = self._queue.get_nowait()
                except queue.Empty:
                    break
                if waiting is None or not waiting[2]:
                    carry.append(waiting)  # runs (or stops the loop) after this group
                    break
                group.append(waiting)
            if len(group) == 1:
                _run_one(conn, task)
            else:
                self.group_commits += 1
                _run_group(conn, group)


def _run_one(conn: sqlite3.Connection, task: _Task) -> None:
    fn, future, _ = task
    if future.set_running_or_notify_cancel():
        try:
            future.set_result(fn(conn))
        except BaseException as exc:  # handed to the caller, never lost
            future.set_exception(exc)


def _run_group(conn: sqlite3.Connection, group: list[_Task]) -> None:
    """Run `group` in one transaction; settle the futures only once it is committed."""
    live = [t for t in group if t[1].set_running_or_notify_cancel()]
    done: list[tuple[Future[Any], bool, Any]] = []
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        for _, future, _ in live:
            future.set_exception(exc)
        return
    for index, (fn, future, _) in enumerate(live):
        try:
            done.append((future, True, fn(conn)))
        except BaseException as exc:
            done.append((future, False, exc))
        if not conn.in_transaction:  # SQLite aborted the whole transaction (I/O, full)
            failure = StoreError("the group of writes was rolled back by SQLite; retry")
            for earlier, ok, value in done:
                earlier.set_exception(value if not ok else failure)
            for rest in live[index + 1:]:
                _settle_alone(conn, rest)
            return
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        for future, _, _ in done:
            future.set_exception(exc)
        return
    for future, ok, value in done:
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)


def _settle_alone(conn: sqlite3.Connection, task: _Task) -> None:
    """Run a task whose future is already running, on its own."""
    fn, future, _ = task
    try:
        future.set_result(fn(conn))
    except BaseException as exc:
        future.set_exception(exc)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT on an autocommit connection; ROLLBACK on any error.

    Inside a group commit (a transaction is open) it is a savepoint instead, so that
    a failure undoes this write only.
    """
    if conn.in_transaction:
        conn.execute("SAVEPOINT signaldesk_write")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK TO signaldesk_write")
                conn.execute("RELEASE signaldesk_write")
            raise
        conn.execute("RELEASE signaldesk_write")
        return
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
