"""Search snippets, cut from what the viewer may read and nothing else.

The store finds the items; the snippet is made here from `Viewer.readable_text`, so a
teaser's snippet can only quote the headline and first sentence. Snippets are returned
as (text, is_hit) pieces: templates escape the text and mark the hits; the API gives
plain text.
"""

from __future__ import annotations

import re

from signaldesk.store.common import query_terms

Piece = tuple[str, bool]
_WINDOW_WORDS = 28


def snippet(text: str, q: str | None, window: int = _WINDOW_WORDS) -> list[Piece]:
    """About `window` words of `text` around the first hit of `q`, hits marked."""
    words = text.split()
    if not words:
        return []
    pattern = _hit_pattern(q)
    start = 0
    if pattern is not None:
        for i, word in enumerate(words):
            if pattern.search(word):
                start = max(0, i - window // 3)
                break
    chosen = words[start:start + window]
    body = " ".join(chosen)
    pieces: list[Piece] = [("… ", False)] if start > 0 else []
    pieces.extend(_mark(body, pattern))
    if start + window < len(words):
        pieces.append((" …", False))
    return pieces


def matches(text: str, q: str | None) -> bool:
    """True when every term of `q` appears in `text` (words as prefixes, case-insensitive).

    Deliberately lenient (the store already matched, with stemming): this only checks
    that a hit is explained by text the viewer can see, never finds anything new.
    """
    terms = query_terms(q)
    for phrase, _prefix in terms:
        words = r"\W+".join(re.escape(w) for w in phrase.split())
        if not re.search(rf"\b{words}", text, re.IGNORECASE):
            return False
    return bool(terms)


def plain(pieces: list[Piece]) -> str:
    return "".join(text for text, _ in pieces)


def _hit_pattern(q: str | None) -> re.Pattern[str] | None:
    words = [w for phrase, _ in query_terms(q) for w in phrase.split()]
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def _mark(text: str, pattern: re.Pattern[str] | None) -> list[Piece]:
    if pattern is None:
        return [(text, False)]
    pieces: list[Piece] = []
    pos = 0
    for match in pattern.finditer(text):
        if match.start() > pos:
            pieces.append((text[pos:match.start()], False))
        pieces.append((match.group(0), True))
        pos = match.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces
