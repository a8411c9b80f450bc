"""Passwords, accounts, trials and API keys on a real (in-memory) store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from signaldesk.accounts.passwords import hash_password, needs_rehash, verify_password
from signaldesk.accounts.users import Accounts, parse_duration
from signaldesk.errors import AuthError, InputError, NotFound
from signaldesk.store.sqlite import SQLiteStore

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    store = SQLiteStore(":memory:")
    yield store
    store.close()


def test_scrypt_hashes_are_salted_and_checked() -> None:
    first, second = hash_password("s3cret pass"), hash_password("s3cret pass")
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert verify_password("s3cret pass", first) and verify_password("s3cret pass", second)
    assert not verify_password("s3cret pasS", first)
    assert not needs_rehash(first)


def test_malformed_or_hostile_hashes_never_verify() -> None:
    for stored in ("", "plain", "scrypt$1$8$1$00$00", "scrypt$x$8$1$00$00",
                   "scrypt$1073741824$8$1$00$00", "bcrypt$1$2$3$4$5"):
        assert not verify_password("anything", stored), stored
    assert needs_rehash(hash_password("pw", n=2**10))
    with pytest.raises(InputError):
        hash_password("")


def test_add_get_and_list(store: SQLiteStore) -> None:
    accounts = Accounts(store, clock=Clock())
    user = accounts.add("  Trader@Example.TEST ", "pw one two", trial=timedelta(days=14))
    assert user.email == "trader@example.test"
    assert user.trial_ends_at == T0 + timedelta(days=14)
    assert accounts.get("TRADER@example.test") == user
    assert [u.email for u in accounts.list_users()] == ["trader@example.test"]
    with pytest.raises(InputError, match="already exists"):
        accounts.add("trader@example.test", "other")
    with pytest.raises(InputError, match="not an address"):
        accounts.add("not-an-email", "pw")
    with pytest.raises(NotFound):
        accounts.require("nobody@example.test")


def test_password_is_not_stored_in_clear(store: SQLiteStore) -> None:
    Accounts(store).add("a@example.test", "visible-if-broken")
    record = store.state_get("users", "a@example.test")
    assert "visible-if-broken" not in str(record)


def test_authenticate(store: SQLiteStore) -> None:
    accounts = Accounts(store)
    accounts.add("a@example.test", "right one")
    assert accounts.authenticate("A@example.test", "right one").email == "a@example.test"
    with pytest.raises(AuthError):
        accounts.authenticate("a@example.test", "wrong one")
    with pytest.raises(AuthError):
        accounts.authenticate("ghost@example.test", "right one")


def test_trial_runs_out_and_paid_plans_do_not(store: SQLiteStore) -> None:
    clock = Clock()
    accounts = Accounts(store, clock=clock)
    trial = accounts.add("t@example.test", "pw", trial=timedelta(days=14))
    paid = accounts.add("p@example.test", "pw", plan="paid")
    free = accounts.add("f@example.test", "pw", plan="free")
    assert trial.entitled(clock()) and trial.status(clock()) == "active"
    clock.now = T0 + timedelta(days=14)
    assert not trial.entitled(clock()) and trial.status(clock()) == "expired"
    assert paid.entitled(clock())
    assert not free.entitled(clock()) and free.status(clock()) == "free"


def test_api_keys_are_stored_hashed_and_can_be_revoked(store: SQLiteStore) -> None:
    accounts = Accounts(store)
    accounts.add("k@example.test", "pw")
    key = accounts.create_api_key("k@example.test", label="bot")
    assert key.startswith("sdk_") and len(key) > 40
    assert all(key not in k and key not in str(v) for k, v in store.state_scan("api_keys"))
    found = accounts.user_for_api_key(key)
    assert found is not None and found.email == "k@example.test"
    assert accounts.user_for_api_key(key[:-1] + "x") is None
    assert accounts.user_for_api_key("Bearer nonsense") is None
    accounts.revoke_api_key(key)
    assert accounts.user_for_api_key(key) is None


def test_parse_duration() -> None:
    assert parse_duration("14d") == timedelta(days=14)
    assert parse_duration("2w") == timedelta(weeks=2)
    assert parse_duration("36h") == timedelta(hours=36)
    assert parse_duration("7") == timedelta(days=7)
    for bad in ("", "fortnight", "-3d", "3y"):
        with pytest.raises(InputError, match="duration"):
            parse_duration(bad)


def test_repeated_failures_lock_the_login_for_a_while(store: SQLiteStore) -> None:
    clock = Clock()
    accounts = Accounts(store, clock=clock)
    accounts.add("a@example.test", "right one")
    for _ in range(5):
        with pytest.raises(AuthError, match="wrong"):
            accounts.authenticate("a@example.test", "guess")
    with pytest.raises(AuthError, match="too many failed attempts"):
        accounts.authenticate("a@example.test", "right one")
    clock.now = T0 + timedelta(minutes=16)
    assert accounts.authenticate("a@example.test", "right one").email == "a@example.test"
    with pytest.raises(AuthError, match="wrong"):  # a success resets the count
        accounts.authenticate("a@example.test", "guess")
