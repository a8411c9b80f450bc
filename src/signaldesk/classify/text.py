"""Sentences, words and phrase matching shared by classify and brief.

The sentence splitter is hand-written on purpose: the brief has a budget of 5 ms per
item, no sentence splitter ships in the dependency set, and rule-based splitters on
PyPI (pysbd) cost several milliseconds per article. A regex split on terminal
punctuation, guarded by an abbreviation list and decimal numbers, is enough for wire
copy, where sentences are well formed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick, MatchKind

__all__ = ["PhraseMatcher", "sentences", "words"]

# Tokens that end in a period without ending a sentence (wire-copy abbreviations).
_ABBREV_WORDS = (
    "mr mrs ms dr prof sen rep gov gen lt col sgt st jr sr inc corp co ltd plc bros vs "
    "no nos approx est dept univ jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n e.u a.m p.m e.g i.e etc al fig mln bln pct"
)
_ABBREV = frozenset(_ABBREV_WORDS.split())
_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9•])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+(?:[.,]\d+)*%?")


def sentences(text: str) -> list[str]:
    """Split `text` into sentences; paragraph breaks always end a sentence."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*[•·▪‣\-*–] )", text):
        para = " ".join(block.split())
        if para:
            out.extend(_split_paragraph(para))
    return out


def _split_paragraph(para: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(para):
        before = para[start : match.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        if match.group().startswith(".") and _is_abbreviation(before):
            continue
        parts.append(para[start : match.end()].strip())
        start = match.end()
    tail = para[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def _is_abbreviation(token: str) -> bool:
    token = token.lstrip("(\"'“")
    return token in _ABBREV or (len(token) == 1 and token.isalpha())


def words(text: str) -> list[str]:
    """Lower-cased word and number tokens."""
    return [w.lower() for w in _WORD.findall(text)]


@dataclass(frozen=True, slots=True)
class Hit:
    term: str
    start: int
    end: int


class PhraseMatcher:
    """Whole-word matching of a phrase list, case-insensitive unless asked otherwise.

    An Aho-Corasick automaton (ahocorasick-rs, leftmost-longest, so "rate hike" wins
    over "rate") plus the word-boundary filter raw automata need ("AID" in "said").
    Whitespace in the text is collapsed first so a phrase matches across line breaks.
    """

    def __init__(self, phrases: Iterable[str], case_sensitive: bool = False) -> None:
        self.phrases = sorted({" ".join(p.split()) for p in phrases if p.strip()})
        self._case = case_sensitive
        keys = self.phrases if case_sensitive else sorted({p.lower() for p in self.phrases})
        self._keys = keys
        self._automaton = (
            AhoCorasick(keys, matchkind=MatchKind.LeftmostLongest) if keys else None
        )

    def find(self, text: str) -> list[Hit]:
        if self._automaton is None:
            return []
        flat = " ".join(text.split())
        hay = flat if self._case else flat.lower()
        if len(hay) != len(flat):  # lower() changed lengths (rare scripts): keep offsets right
            hay = "".join(c.lower() if len(c.lower()) == 1 else c for c in flat)
        hits = []
        for index, start, end in self._automaton.find_matches_as_indexes(hay):
            if _boundary(hay, start - 1) and _boundary(hay, end):
                hits.append(Hit(self._keys[index], start, end))
        return hits


def _boundary(text: str, pos: int) -> bool:
    return pos < 0 or pos >= len(text) or not (text[pos].isalnum() or text[pos] in "_-")
