"""Two to four extractive bullets on what matters for markets.

When the body already has bullet paragraphs (a desk note's "•" list, or paragraphs
that were `<li>` items of the page), they are the bullets. Otherwise every sentence
after the lead is scored for market content, and the bullets are picked greedily for
value and diversity (maximal marginal relevance):

* +2 per market entity named (currency, central bank, commodity, bond, index), +1 per
  other entity (country, organisation), +0.5 per person;
* +1.5 when it carries a number (a level, a percentage, basis points), +1.5 for a move
  ("rose", "fell", "cut", "hike"), +1.5 for a quotation;
* without tagged entities, +0.5 per capitalised name inside the sentence;
* x (1 - 0.6 x overlap) against the bullets already picked, so that two bullets never
  say the same thing, and a small preference for earlier sentences.

Picked bullets keep their document order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from selectolax.lexbor import LexborHTMLParser

from signaldesk.models import Entity

__all__ = ["MAX_BULLETS", "MIN_BULLETS", "bullet_paragraphs", "list_items", "pick_bullets"]

MIN_BULLETS = 2
MAX_BULLETS = 4
MIN_WORDS = 6
MAX_WORDS = 80
POOL = 16
MARKET_TYPES = frozenset({"currency", "cb", "commodity", "bond", "index"})
_BULLET = re.compile(r"^\s*(?:[•·▪‣◦●]|[-*–](?=\s))\s*")
_NUMBER = re.compile(r"\d")
_MOVE = re.compile(
    r"\b(?:rose|rise[sn]?|fell|fall(?:s|en)?|jump(?:ed|s)?|surg(?:ed|es)|slump(?:ed|s)?|"
    r"climb(?:ed|s)?|drop(?:ped|s)?|gain(?:ed|s)?|los[st]|cut|hike[sd]?|rais(?:ed|es)|"
    r"lower(?:ed|s)?|widen(?:ed|s)?|narrow(?:ed|s)?|rall(?:ied|ies)|plung(?:ed|es)|"
    r"tumbl(?:ed|es)|soar(?:ed|s)?|basis points?|bps|percent|per cent|%)",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\"“”]")
_NAME = re.compile(r"(?<=\s)[A-Z][a-zA-Z]+")
_TOKEN = re.compile(r"[a-z0-9]+")


def list_items(html: str) -> set[str]:
    """The whitespace-normalised texts of the page's `<li>` elements.

    Extraction keeps list items as paragraphs but drops their markers; matching the
    body's paragraphs against the page's list items finds the bullets again.
    Navigation lists never match a body paragraph, so they do no harm.
    """
    try:
        tree = LexborHTMLParser(html)
    except (TypeError, ValueError):
        return set()
    return {" ".join(li.text(separator=" ").split()) for li in tree.css("li")}


def bullet_paragraphs(
    paragraphs: Sequence[str], items: AbstractSet[str] = frozenset()
) -> list[str]:
    """The paragraphs written as bullets (a marker, or a page list item), at least two."""
    found = [
        _BULLET.sub("", p, count=1).strip()
        for p in paragraphs
        if _BULLET.match(p) or (items and " ".join(p.split()) in items)
    ]
    found = [b for b in found if len(b.split()) >= MIN_WORDS // 2]
    return found[:MAX_BULLETS] if len(found) >= MIN_BULLETS else []


def pick_bullets(candidates: Sequence[str], entities: Sequence[Entity]) -> list[str]:
    """2-4 diverse, market-heavy sentences from `candidates`, in document order."""
    pool = [
        (i, s) for i, s in enumerate(candidates) if MIN_WORDS <= len(s.split()) <= MAX_WORDS
    ]
    if len(pool) < MIN_BULLETS:
        pool = list(enumerate(candidates))
    names = [(e.name.lower(), _entity_weight(e)) for e in entities if len(e.name) > 1]
    base = {i: _value(s, names, bool(entities)) - 0.05 * rank for rank, (i, s) in enumerate(pool)}
    # Only the strongest sentences compete for diversity: keeps long articles cheap.
    pool = sorted(pool, key=lambda pair: -base[pair[0]])[:POOL]
    tokens = {i: set(_TOKEN.findall(s.lower())) for i, s in pool}
    picked: list[int] = []
    while len(picked) < MAX_BULLETS:
        best, best_score = None, 0.0
        for i, _ in pool:
            if i in picked:
                continue
            overlap = max((_jaccard(tokens[i], tokens[j]) for j in picked), default=0.0)
            score = base[i] * (1 - 0.6 * overlap)
            if best is None or score > best_score:
                best, best_score = i, score
        if best is None or (len(picked) >= MIN_BULLETS and best_score < 1.5):
            break
        picked.append(best)
    text = dict(pool)
    return [text[i] for i in sorted(picked)]


def _entity_weight(entity: Entity) -> float:
    if entity.type in MARKET_TYPES:
        return 2.0
    return 0.5 if entity.type == "person" else 1.0


def _value(sentence: str, names: Sequence[tuple[str, float]], tagged: bool) -> float:
    lower = sentence.lower()
    value = sum(w for name, w in names if name in lower)
    if not tagged:
        value += 0.5 * min(6, len(_NAME.findall(sentence)))
    if _NUMBER.search(sentence):
        value += 1.5
    if _MOVE.search(sentence):
        value += 1.5
    if _QUOTE.search(sentence):
        value += 1.5
    return value


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
