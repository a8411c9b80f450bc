"""MinHash signatures over numpy (64 multiply-shift permutations of 64-bit shingle hashes).

Why hand-written and not datasketch: datasketch's MinHashLSH keeps Python dicts of full
signatures (several GB per 1M documents, `bench/dedupe.py`); here a signature is 64
uint32 values computed in one vectorised pass, and the index (`index.py`) keeps only
what lookup and verification need.
"""

from __future__ import annotations

import numpy as np

PERMS = 64
BANDS = 21
ROWS = 3
_SEED = 0x5D0E_D0C5  # fixed: signatures must be identical across runs and restarts
_CHUNK = 4096  # shingles per pass, bounds the temporary (PERMS x CHUNK) matrix


class MinHasher:
    """Computes `PERMS`-value MinHash signatures; deterministic for a given seed."""

    def __init__(self, perms: int = PERMS, seed: int = _SEED) -> None:
        rng = np.random.default_rng(seed)
        # Multiply-shift hashing: (a * x + b) mod 2**64, keep the high 32 bits; a odd.
        self.a = (rng.integers(1, 2**63, size=perms, dtype=np.uint64) << np.uint64(1)) | np.uint64(
            1
        )
        self.b = rng.integers(0, 2**63, size=perms, dtype=np.uint64)
        self.perms = perms

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """uint32[perms]; all 0xFFFFFFFF for an empty shingle set (matches nothing real)."""
        sig = np.full(self.perms, np.iinfo(np.uint32).max, dtype=np.uint64)
        for start in range(0, len(shingles), _CHUNK):
            chunk = shingles[start : start + _CHUNK]
            hv = (np.outer(self.a, chunk) + self.b[:, None]) >> np.uint64(32)
            np.minimum(sig, hv.min(axis=1), out=sig)
        return sig.astype(np.uint32)


def band_keys(sig: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> np.ndarray:
    """One 64-bit key per band (uint64[bands]): the band's values mixed with splitmix64."""
    parts = sig[: bands * rows].reshape(bands, rows).astype(np.uint64)
    key = np.arange(1, bands + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for r in range(rows):
        key = (key ^ parts[:, r]) * np.uint64(0xBF58476D1CE4E5B9)
        key ^= key >> np.uint64(29)
    key *= np.uint64(0x94D049BB133111EB)
    key ^= key >> np.uint64(31)
    return key


def pack_bbit(sig: np.ndarray) -> np.ndarray:
    """The lowest 4 bits of each value, two per byte (uint8[perms/2]): b-bit MinHash
    (Li and König 2010), enough to verify a candidate at an eighth of the memory."""
    low = (sig & np.uint32(0xF)).astype(np.uint8)
    return (low[0::2] << np.uint8(4)) | low[1::2]


def bbit_jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard from packed 4-bit signatures; `b` may be a matrix (one row each).

    Two 4-bit values collide by chance with probability 1/16, so the match rate P gives
    J = (P - 1/16) / (15/16).
    """
    x = np.bitwise_xor(a, b)
    equal = ((x & np.uint8(0xF)) == 0).astype(np.int32) + ((x >> np.uint8(4)) == 0)
    p = equal.sum(axis=-1) / (2 * a.shape[-1])
    return np.asarray((p - 1 / 16) / (15 / 16))
