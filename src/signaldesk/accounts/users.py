"""Accounts, plans, trials and API keys, kept in the store's namespaced state.

Users live in namespace `users` keyed by the normalised e-mail; API keys in namespace
`api_keys` keyed by the SHA-256 of the key, so a leaked database does not leak usable
keys (the key itself is shown once, when it is made). Every read goes to the store, so
a trial that ends or a plan that changes takes effect on the next request.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from signaldesk.accounts.passwords import hash_password, needs_rehash, verify_password
from signaldesk.errors import AuthError, InputError, NotFound, StoreError
from signaldesk.store.base import Store

Plan = Literal["trial", "paid", "free"]
PLANS: tuple[str, ...] = ("trial", "paid", "free")
USERS_NS = "users"
KEYS_NS = "api_keys"
FAILURES_NS = "login_failures"
API_KEY_PREFIX = "sdk_"
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
# scrypt checks running at once: each holds ~16 MB, so a flood of logins queues here
# instead of exhausting memory (and CPU: they are CPU-bound on a small machine anyway).
HASH_SLOTS = 2

# Deliberately loose (one @, no spaces, a dot in the domain): the address is a login
# name here, not a mailbox we deliver to, and strict RFC 5322 checks reject real ones.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s.]{2,63}$")
# A fixed hash checked when the e-mail is unknown, so a login takes as long whether or
# not the account exists (no user enumeration by timing).
_DUMMY_HASH = "scrypt$16384$8$1$00000000000000000000000000000000$" + "00" * 32


@dataclass(frozen=True, slots=True)
class User:
    email: str
    password_hash: str
    plan: Plan
    created_at: datetime
    trial_ends_at: datetime | None = None
    paid_until: datetime | None = None
    # Administration (sources, health), independent of the plan: an operator on a free
    # plan still only reads free items in full, the Viewer decides content alone.
    operator: bool = False

    def entitled(self, now: datetime) -> bool:
        """True while the trial or the paid plan runs."""
        if self.plan == "paid":
            return self.paid_until is None or now < self.paid_until
        if self.plan == "trial":
            return self.trial_ends_at is not None and now < self.trial_ends_at
        return False

    def status(self, now: datetime) -> str:
        """`active`, `expired` or `free`: what `users list` and the pages show."""
        if self.plan == "free":
            return "free"
        return "active" if self.entitled(now) else "expired"

    def to_record(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("created_at", "trial_ends_at", "paid_until"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> User:
        try:
            plan = data["plan"]
            if plan not in PLANS:
                raise ValueError(f"unknown plan {plan!r}")
            return cls(
                email=str(data["email"]),
                password_hash=str(data["password_hash"]),
                plan=plan,
                created_at=_dt(data["created_at"]) or datetime.now(UTC),
                trial_ends_at=_dt(data.get("trial_ends_at")),
                paid_until=_dt(data.get("paid_until")),
                operator=data.get("operator") is True,  # records older than the flag: False
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise StoreError(f"user record {data.get('email')!r} is malformed: {exc}") from exc


def normalise_email(email: str) -> str:
    """The account key: stripped and lower-cased; InputError when it is not an address."""
    value = email.strip().lower()
    if not _EMAIL.match(value):
        raise InputError(f"e-mail {email!r}: not an address like name@example.com")
    return value


class Accounts:
    """Users and API keys on top of a `Store`'s state. `clock` is injectable for tests.

    At most `hash_slots` password hashes or checks run at once, whatever the caller.
    """

    def __init__(
        self, store: Store, clock: Callable[[], datetime] | None = None, *,
        hash_slots: int = HASH_SLOTS,
    ) -> None:
        self._store = store
        self._clock = clock or (lambda: datetime.now(UTC))
        self.hash_slots = max(1, hash_slots)
        self._hashing = threading.BoundedSemaphore(self.hash_slots)

    def now(self) -> datetime:
        return self._clock()

    def add(
        self,
        email: str,
        password: str,
        *,
        plan: Plan = "trial",
        trial: timedelta = timedelta(days=14),
        paid_until: datetime | None = None,
        operator: bool = False,
    ) -> User:
        key = normalise_email(email)
        if self._store.state_get(USERS_NS, key) is not None:
            raise InputError(f"user {key}: already exists")
        now = self.now()
        user = User(
            email=key,
            password_hash=self._hash(password),
            plan=plan,
            created_at=now,
            trial_ends_at=now + trial if plan == "trial" else None,
            paid_until=paid_until if plan == "paid" else None,
            operator=operator,
        )
        self._store.state_put(USERS_NS, key, user.to_record())
        return user

    def get(self, email: str) -> User | None:
        try:
            key = normalise_email(email)
        except InputError:
            return None
        record = self._store.state_get(USERS_NS, key)
        return User.from_record(record) if isinstance(record, dict) else None

    def require(self, email: str) -> User:
        user = self.get(email)
        if user is None:
            raise NotFound(f"user {email!r}: no such account (add it: `signaldesk users add`)")
        return user

    def list_users(self) -> list[User]:
        records = self._store.state_scan(USERS_NS)
        return [User.from_record(v) for _, v in records if isinstance(v, dict)]

    def save(self, user: User) -> None:
        self._store.state_put(USERS_NS, user.email, user.to_record())

    def set_plan(
        self, email: str, plan: Plan, *, trial: timedelta | None = None,
        paid_until: datetime | None = None,
    ) -> User:
        """Move an account to `plan`; a trial runs `trial` from now (default 14 days)."""
        user = self.require(email)
        now = self.now()
        user = replace(
            user, plan=plan,
            trial_ends_at=now + (trial or timedelta(days=14)) if plan == "trial" else None,
            paid_until=paid_until if plan == "paid" else None,
        )
        self.save(user)
        return user

    def set_operator(self, email: str, operator: bool) -> User:
        """Grant or withdraw the operator role (administration of sources)."""
        user = replace(self.require(email), operator=operator)
        self.save(user)
        return user

    def authenticate(self, email: str, password: str) -> User:
        """The user whose password this is; AuthError otherwise (same message either way).

        After `MAX_FAILURES` wrong passwords for one e-mail within `FAILURE_WINDOW`, that
        e-mail is locked until the window has passed (an online guessing brake).
        """
        key = email.strip().lower()[:320]
        wait = self._locked_for(key)
        if wait is not None:
            minutes = max(1, int(wait.total_seconds() // 60) + 1)
            raise AuthError(f"login: too many failed attempts; try again in {minutes} min")
        user = self.get(email)
        ok = self._verify(password, user.password_hash if user else _DUMMY_HASH)
        if user is None:
            # No failure row for an address nobody has: otherwise anyone could fill the
            # store with rows for made-up addresses, one per request.
            raise AuthError("login: wrong e-mail or password")
        if not ok:
            self._count_failure(key)
            raise AuthError("login: wrong e-mail or password")
        self._store.state_delete(FAILURES_NS, key)
        if needs_rehash(user.password_hash):
            user = replace(user, password_hash=self._hash(password))
            self.save(user)
        return user

    def _hash(self, password: str) -> str:
        with self._hashing:
            return hash_password(password)

    def _verify(self, password: str, stored: str) -> bool:
        with self._hashing:
            return verify_password(password, stored)

    def _locked_for(self, key: str) -> timedelta | None:
        record = self._store.state_get(FAILURES_NS, key)
        if not isinstance(record, dict) or int(record.get("count", 0)) < MAX_FAILURES:
            return None
        since = _dt(record.get("since"))
        left = since + FAILURE_WINDOW - self.now() if since else None
        return left if left is not None and left > timedelta(0) else None

    def _count_failure(self, key: str) -> None:
        now = self.now()
        stored = self._store.state_get(FAILURES_NS, key)
        record: dict[str, Any] = stored if isinstance(stored, dict) else {}
        since = _dt(record.get("since"))
        if since is None or now - since > FAILURE_WINDOW:
            record, since = {}, now
        count = int(record.get("count", 0)) + 1
        self._store.state_put(FAILURES_NS, key, {"count": count, "since": since.isoformat()})

    def create_api_key(self, email: str, label: str = "") -> str:
        """A new API key for `email`; only its hash is stored, so show it to the user now."""
        user = self.require(email)
        token = API_KEY_PREFIX + secrets.token_urlsafe(32)
        record = {"email": user.email, "label": label, "created_at": self.now().isoformat()}
        self._store.state_put(KEYS_NS, _key_hash(token), record)
        return token

    def revoke_api_key(self, token: str) -> None:
        self._store.state_delete(KEYS_NS, _key_hash(token))

    def user_for_api_key(self, token: str) -> User | None:
        if not token.startswith(API_KEY_PREFIX) or len(token) > 200:
            return None
        record = self._store.state_get(KEYS_NS, _key_hash(token))
        if not isinstance(record, dict):
            return None
        return self.get(str(record.get("email", "")))


def parse_duration(text: str) -> timedelta:
    """`14d`, `2w`, `36h` or a bare number of days; InputError otherwise."""
    match = re.fullmatch(r"\s*(\d{1,5})\s*([dhw]?)\s*", text)
    if not match:
        raise InputError(f"duration {text!r}: expected a number with d, h or w, like 14d")
    amount, unit = int(match.group(1)), match.group(2) or "d"
    hours = {"h": 1, "d": 24, "w": 24 * 7}[unit]
    return timedelta(hours=amount * hours)


def _key_hash(token: str) -> str:
    # A plain SHA-256 suffices: API keys are 256 random bits, not guessable passwords.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _dt(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
