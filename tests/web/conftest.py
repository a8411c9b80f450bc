"""Fixtures of the web tests: an in-memory store, an app, a client, some accounts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from starlette.applications import Starlette
from webtools import NOW, PASSWORD, TestClient

from signaldesk.accounts.users import Accounts
from signaldesk.settings import Settings
from signaldesk.store.sqlite import SQLiteStore
from signaldesk.web import create_app


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    store = SQLiteStore(":memory:", clock=lambda: NOW)
    yield store
    store.close()


@pytest.fixture
def accounts(store: SQLiteStore) -> Accounts:
    return Accounts(store, clock=lambda: NOW)


@pytest.fixture
def app(store: SQLiteStore) -> Starlette:
    settings = Settings(secret_key="test-secret-key-not-for-production")
    return create_app(settings, store, None, clock=lambda: NOW, poll_s=0.05)


@pytest.fixture
def client(app: Starlette) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as client:
        yield client


@pytest.fixture
def trial_user(accounts: Accounts) -> str:
    return accounts.add("trader@example.test", PASSWORD, trial=timedelta(days=14)).email


@pytest.fixture
def expired_user(store: SQLiteStore) -> str:
    past = Accounts(store, clock=lambda: NOW - timedelta(days=30))
    return past.add("former@example.test", PASSWORD, trial=timedelta(days=14)).email


