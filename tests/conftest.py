"""Shared fixtures.

`shared_data(name)` finds a folder of ../shared/data (real outside data, never copied
into the repo). On a user's fresh clone it is missing: the test skips with a message
naming the folder. Under CI (`CI` set) a missing folder fails the test instead, so a
quality gate can never pass by not running.

`require_service(host, port, what)` does the same for PostgreSQL, NATS and friends;
`pg_schema` gives a test a PostgreSQL schema of its own (mark such tests `postgres`), and
`reopen_store(kind)` a SQLite or PostgreSQL store that it can restart.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from pgtools import PG_URL, drop_schema, new_schema_name
from signaldesk.extract import Extractor
from signaldesk.knowledge import KnowledgeBase, load_kb
from signaldesk.store.base import Store
from signaldesk.store.postgres import PostgresStore
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.tag import Tagger

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SIGNALDESK_SHARED", REPO.parent / "shared"))


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared_data() -> Callable[[str], Path]:
    def find(name: str) -> Path:
        path = SHARED / "data" / name
        if not path.is_dir():
            _missing(f"missing folder {path}: the real data sets live in ../shared/data")
        return path

    return find


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        _missing(f"missing folder {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def require_service() -> Callable[[str, int, str], None]:
    def check(host: str, port: int, what: str) -> None:
        try:
            with socket.create_connection((host, port), timeout=2):
                return
        except OSError as exc:
            _missing(f"{what} is not reachable on {host}:{port} ({exc})")

    return check


@pytest.fixture
def pg_schema(require_service: Callable[[str, int, str], None]) -> Iterator[str]:
    """A PostgreSQL schema of this test's own (`pgtools.PG_URL`), dropped afterwards: no
    test sees another's tables. Missing server: skip, or fail under CI."""
    require_service("127.0.0.1", 5432, "PostgreSQL")
    name = new_schema_name()
    yield name
    drop_schema(name)


@pytest.fixture
def reopen_store(
    tmp_path: Path, require_service: Callable[[str, int, str], None]
) -> Iterator[Callable[[str], Store]]:
    """`reopen_store(kind)` opens this test's "sqlite" (a file) or "postgres" store; each
    call closes the store it opened last and opens the same database anew: a restart.

    PostgreSQL gets a schema of this test's own, dropped afterwards (as `store_factory`
    of the store tests does); mark those tests `postgres`.
    """
    opened: list[Store] = []
    schema = new_schema_name()
    kinds: set[str] = set()

    def reopen(kind: str) -> Store:
        if opened:
            opened.pop().close()
        store: Store
        if kind == "sqlite":
            store = SQLiteStore(str(tmp_path / "state.db"))
        elif kind == "postgres":
            require_service("127.0.0.1", 5432, "PostgreSQL")
            store = PostgresStore(PG_URL, schema=schema)
        else:
            raise ValueError(f"no store kind {kind!r}")
        opened.append(store)
        kinds.add(kind)
        return store

    yield reopen
    for store in opened:
        store.close()
    if "postgres" in kinds:
        drop_schema(schema)


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, loaded once for every test that reads it."""
    return load_kb()


@pytest.fixture(scope="session")
def tagger(kb: KnowledgeBase) -> Tagger:
    return Tagger(kb)


@pytest.fixture
def full_path_calls(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The URLs of the pages that took the Extractor's full (lxml) path, as they are
    extracted (a page re-run when unsure appears twice)."""
    calls: list[str | None] = []
    real = Extractor._parse

    def spy(html: str, url: str | None) -> object:
        calls.append(url)
        return real(html, url)

    monkeypatch.setattr(Extractor, "_parse", staticmethod(spy))
    return calls


@pytest.fixture(scope="session")
def holder(kb: KnowledgeBase) -> Callable[[str, date], str | None]:
    """The id of whoever held a role ("head-of-state:PL") on a day, or None."""

    def holder_of(role: str, day: date) -> str | None:
        ent = kb.holder(role, day)
        return ent.id if ent else None

    return holder_of
