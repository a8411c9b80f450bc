"""Login cost under load: bounded concurrent scrypt runs, no rows for unknown e-mails."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from signaldesk.accounts import users
from signaldesk.accounts.users import FAILURES_NS, Accounts
from signaldesk.errors import AuthError
from signaldesk.store.sqlite import SQLiteStore


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    store = SQLiteStore(":memory:")
    yield store
    store.close()


def test_unknown_e_mails_leave_no_failure_rows(store: SQLiteStore) -> None:
    accounts = Accounts(store)
    accounts.add("known@example.test", "right one")
    for n in range(20):
        with pytest.raises(AuthError, match="wrong e-mail or password"):
            accounts.authenticate(f"nobody{n}@example.test", "guess")
    assert list(store.state_scan(FAILURES_NS)) == []
    with pytest.raises(AuthError, match="wrong e-mail or password"):
        accounts.authenticate("known@example.test", "guess")
    assert [k for k, _ in store.state_scan(FAILURES_NS)] == ["known@example.test"]


def test_concurrent_password_checks_are_bounded(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts = Accounts(store, hash_slots=2)
    accounts.add("a@example.test", "right one")
    running, peak = 0, 0
    lock = threading.Lock()
    real_verify = users.verify_password

    def counting_verify(password: str, stored: str) -> bool:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.02)  # long enough for the other threads to pile up
        try:
            return real_verify(password, stored)
        finally:
            with lock:
                running -= 1

    monkeypatch.setattr(users, "verify_password", counting_verify)
    threads = [threading.Thread(target=accounts.authenticate,
                                args=("a@example.test", "right one")) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak == 2
