"""A compact near-duplicate index: MinHash-LSH buckets that hold row numbers only.

Design (chosen by measurement, see `bench/dedupe.py`): per band, a fixed numpy table of
`slots` uint32 row numbers addressed by the band key ("last writer wins", as in
LSHBloom-style designs the table forgets rather than grows), plus a ring of the last
`ring` documents holding a 4-bit-per-value MinHash signature (32 bytes), the time of the
document and the size of its shingle set (4 bytes each). A lookup reads one slot per
band, then verifies each candidate row with its b-bit signature and its time, so a
bucket collision or an overwritten slot costs a missed duplicate, not a false one.

Memory is fixed: bands x slots x 4 B + ring x 40 B. With 21 bands x 2**19 slots and a
ring of 2**20 documents that is 44 MB + 42 MB = 86 MB for up to ~1M live documents.
21 bands of 3 rows put the LSH threshold at Jaccard ~0.36; on the demo corpus a page
scraped with its navigation and the clean copy of the same text have Jaccard >= 0.62,
so candidate recall there is >= 0.997 per pair.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from signaldesk.dedupe.minhash import BANDS, ROWS, band_keys, bbit_jaccard, pack_bbit

_EMPTY = np.uint32(0)
CONTAINED = 0.85
MIN_CONTAINED = 40  # rows are stored +1 so that 0 means "empty slot"


@dataclass(frozen=True, slots=True)
class Match:
    row: int
    jaccard: float


class NearDupIndex:
    """Fixed-memory MinHash-LSH index over row numbers (0, 1, 2, ... in insertion order)."""

    def __init__(self, slots: int = 2**19, ring: int = 2**20) -> None:
        if slots & (slots - 1) or ring & (ring - 1):
            raise ValueError("slots and ring must be powers of two")
        self.mask = np.uint64(slots - 1)
        self.tables = np.zeros((BANDS, slots), dtype=np.uint32)
        self.ring = ring
        self.sigs = np.zeros((ring, 32), dtype=np.uint8)
        self.times = np.zeros(ring, dtype=np.uint32)  # minutes since the epoch
        self.sizes = np.zeros(ring, dtype=np.uint32)  # shingle-set sizes, for containment
        self.count = 0  # rows inserted so far; the next row number

    @property
    def nbytes(self) -> int:
        return int(self.tables.nbytes + self.sigs.nbytes + self.times.nbytes + self.sizes.nbytes)

    def query(
        self, sig: np.ndarray, size: int, minute: int, horizon_min: int, threshold: float
    ) -> Match | None:
        """The best verified earlier row within `horizon_min` minutes of `minute`, or None.

        A candidate is a duplicate when its estimated Jaccard reaches `threshold`, or when
        one text lies at least `CONTAINED` inside the other (both of `MIN_CONTAINED`
        shingles or more): a copy cut short or a page whose extraction lost a part adds
        nothing, and a copy with a paragraph or a footer added is still the same wire
        story. A new text more than twice the earlier one (a live blog quoting a wire
        story, a roundup) is not its duplicate.
        """
        slots = (band_keys(sig, BANDS, ROWS) & self.mask).astype(np.intp)
        hits = self.tables[np.arange(BANDS), slots]
        rows = np.unique(hits[hits != _EMPTY]).astype(np.int64) - 1
        rows = rows[rows >= self.count - self.ring]  # older rows were overwritten in the ring
        if rows.size == 0:
            return None
        pos = rows % self.ring
        near = np.abs(self.times[pos].astype(np.int64) - minute) <= horizon_min
        rows, pos = rows[near], pos[near]
        if rows.size == 0:
            return None
        est = np.clip(bbit_jaccard(pack_bbit(sig), self.sigs[pos]), 0.0, 1.0)
        # |A & B| = J / (1 + J) * (|A| + |B|), A the new set, B the earlier one.
        old_size = self.sizes[pos].astype(np.float64)
        inter = est / (1.0 + est) * (size + old_size)
        new_in_old = inter / max(size, 1)
        old_in_new = inter / np.maximum(old_size, 1.0)
        ok = (est >= threshold) | (
            (new_in_old >= CONTAINED) & (size >= MIN_CONTAINED)
        ) | ((old_in_new >= CONTAINED) & (old_size >= MIN_CONTAINED) & (size <= 2 * old_size))
        if not ok.any():
            return None
        best = int(np.argmax(np.where(ok, est, -1.0)))
        return Match(row=int(rows[best]), jaccard=float(est[best]))

    def add(self, sig: np.ndarray, size: int, minute: int) -> int:
        """Insert a signature; return its row number."""
        row = self.count
        slots = (band_keys(sig, BANDS, ROWS) & self.mask).astype(np.intp)
        self.tables[np.arange(BANDS), slots] = np.uint32(row + 1)
        self.sigs[row % self.ring] = pack_bbit(sig)
        self.times[row % self.ring] = np.uint32(max(0, minute))
        self.sizes[row % self.ring] = np.uint32(min(size, 2**32 - 1))
        self.count += 1
        return row
