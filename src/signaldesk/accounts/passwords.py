"""Password hashing with scrypt (stdlib `hashlib.scrypt`), a per-user salt, constant-time checks.

The stored form is `scrypt$N$r$p$salt_hex$hash_hex`, so the cost can be raised later
without breaking existing accounts: `verify_password` reads the parameters it was made
with, and `needs_rehash` says when to upgrade on the next successful login.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from signaldesk.errors import InputError

# N=2**14, r=8, p=1 is the interactive-login cost recommended by the scrypt paper and
# OWASP's password storage cheat sheet (~16 MB, a few tens of ms per check).
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_DKLEN = 32
_SALT_BYTES = 16
_MAX_PASSWORD_CHARS = 1024  # scrypt is fine with long input; this bounds hostile form posts
_MAXMEM = 64 * 1024 * 1024


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """A salted scrypt hash of `password` in the self-describing stored form."""
    _check_length(password)
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(password, salt, n, r, p)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches `stored`; False for a wrong password or a malformed hash."""
    if len(password) > _MAX_PASSWORD_CHARS:
        return False
    parsed = _parse(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    return hmac.compare_digest(_scrypt(password, salt, n, r, p), expected)


def needs_rehash(stored: str) -> bool:
    """True when `stored` was made with other parameters than today's defaults."""
    parsed = _parse(stored)
    return parsed is None or parsed[:3] != (SCRYPT_N, SCRYPT_R, SCRYPT_P)


def _check_length(password: str) -> None:
    if not password:
        raise InputError("password: must not be empty")
    if len(password) > _MAX_PASSWORD_CHARS:
        raise InputError(f"password: longer than {_MAX_PASSWORD_CHARS} characters")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_DKLEN, maxmem=_MAXMEM
    )


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, digest = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        return None
    # Refuse absurd costs a tampered record could carry (a denial of service on login).
    if not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16) or n & (n - 1):
        return None
    return n, r, p, salt, digest
