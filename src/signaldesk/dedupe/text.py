"""Text normalisation, the exact content hash and word shingles for near-duplicate search.

Shingles are word 5-grams taken *inside* paragraphs (blocks split by blank lines), never
across them: navigation menus and footers are runs of short blocks ("Reports", "Other")
that then add almost no shingles, so a page scraped with its chrome still matches the
clean copy of the same text. Short texts with no 5-gram fall back to one shingle per word.

Huge or hostile texts get bounded work: the word regex only ever runs over the first
`MAX_CHARS` characters (20 per capped word, several times what `MAX_TOKENS` real words
take), so a 10 MB text costs what its first 400k characters cost. Any text shorter than
that, or whose first `MAX_CHARS` characters hold more than `MAX_TOKENS` words, gets
exactly the words and shingles it got before the cut.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import xxhash

SHINGLE = 5
MAX_TOKENS = 20_000  # hostile or enormous inputs: the first 20k words decide
MAX_CHARS = 20 * MAX_TOKENS  # the regex never sees more than this many characters
_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"\n\s*\n")
# Odd 64-bit constants of a polynomial rolling combination of token hashes.
_ROLL = np.uint64(0x9E3779B97F4A7C15)


def tokens(text: str) -> list[str]:
    """Case-folded, NFKC-normalised words of `text`."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def content_hash(text: str) -> str:
    """The exact-duplicate key: xxh3-128 of the normalised words (spacing, case, punctuation
    and Unicode forms folded), as 32 hex digits.

    It covers the whole text, so two texts that differ anywhere are never one item's
    copies. Past `MAX_CHARS` characters the rest is hashed as it stands, unfolded: the
    word regex would cost ~0.8 s on 10 MB of text and NFKC up to ~45 s (10 MB of U+FDFA,
    which expands 18-fold), the raw hash ~2 ms. Two huge texts that differ only in the
    spacing, case or punctuation of their tail then get different keys; the near-duplicate
    search, whose shingles come from the head, still finds them. A text of at most
    `MAX_CHARS` characters and `MAX_TOKENS` words keeps the key it always had (longer
    texts used to be keyed by their first 20k words only, blind to any later change).
    """
    head, tail = text[:MAX_CHARS], text[MAX_CHARS:]
    digest = xxhash.xxh3_128(" ".join(tokens(head)).encode())
    if tail:
        digest.update(b"\0")  # never a word character: the tail cannot pass for head words
        digest.update(tail.encode(errors="surrogatepass"))
    return digest.hexdigest()


def legacy_content_hash(text: str) -> str | None:
    """The key `content_hash` gave a text of more than `MAX_TOKENS` words before
    2026-11-29 (its first `MAX_TOKENS` words only), or None for a text whose key did not
    change: state saved then still matches the same text seen again."""
    words = tokens(text[:MAX_CHARS])
    if len(words) <= MAX_TOKENS and len(text) <= MAX_CHARS:
        return None
    return xxhash.xxh3_128_hexdigest(" ".join(words[:MAX_TOKENS]).encode())


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Unique 64-bit hashes of the word k-grams of each paragraph of `text` (uint64 array)."""
    parts: list[np.ndarray] = []
    cache: dict[str, int] = {}  # each distinct word is hashed once
    budget = MAX_TOKENS
    words_all: list[int] = []
    for block in _PARAGRAPH.split(text[:MAX_CHARS]):
        words = tokens(block)[:budget]
        budget -= len(words)
        if not words:
            continue
        hashed = np.fromiter((_hash(w, cache) for w in words), np.uint64, len(words))
        words_all.extend(int(h) for h in hashed[:k])
        if len(words) >= k:
            parts.append(_kgrams(hashed, k))
        if budget <= 0:
            break
    if not parts:
        if not words_all:
            return np.zeros(0, dtype=np.uint64)
        return np.unique(np.asarray(words_all, dtype=np.uint64))
    return np.unique(np.concatenate(parts))


def _hash(word: str, cache: dict[str, int]) -> int:
    value = cache.get(word)
    if value is None:
        value = cache[word] = xxhash.xxh3_64_intdigest(word.encode())
    return value


def _kgrams(hashed: np.ndarray, k: int) -> np.ndarray:
    """Combine k consecutive token hashes into one (wrapping uint64 arithmetic)."""
    n = len(hashed) - k + 1
    acc = hashed[:n].copy()
    for j in range(1, k):
        acc = acc * _ROLL + hashed[j : j + n]
    return acc
