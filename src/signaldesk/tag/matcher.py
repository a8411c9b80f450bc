"""Gazetteer matching: one Aho-Corasick automaton over every alias, then boundary and case rules.

ahocorasick-rs (leftmost-longest) finds candidate spans in one pass over the lower-cased
text; raw automata match inside words ("Oman" in "woman"), so a word-boundary filter
follows, then a case rule per alias ("US" is not "us", "Turkey" is not "turkey").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick_rs

from signaldesk.knowledge import Alias, KnowledgeBase


@dataclass(frozen=True, slots=True)
class Mention:
    """One accepted span of the text naming `alias.entity_id`."""

    start: int
    end: int
    alias: Alias

    @property
    def entity_id(self) -> str | None:
        return self.alias.entity_id


def lower_same_length(text: str) -> str:
    """`text.lower()`, keeping character offsets ("İ".lower() is two characters long)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def case_ok(alias: str, surface: str) -> bool:
    """Does the surface form respect the alias's case?

    Lower-case aliases (common nouns: "yen", "gold") match in any case. Abbreviations
    ("US", "BoJ", "SK") must match exactly. Proper names must keep every capital the
    alias has ("Turkey", not "turkey"); an all-capitals surface ("JAPAN" in a headline)
    is accepted for names, not for abbreviations.
    """
    if surface == alias or alias.islower():
        return True
    letters = [c for c in alias if c.isalpha()]
    if len(letters) <= 4 and sum(c.isupper() for c in letters) >= 2:
        return False  # an abbreviation: only the exact form (checked above)
    if surface.isupper() and len(letters) > 3:
        return True
    return all(s.isupper() for a, s in zip(alias, surface, strict=True) if a.isupper())


_WHITESPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\xa0\u2028\u2029\u3000"}
_RUNS = re.compile(r" {2,}")
_MAX_RUNS = 8


def _squeeze(flat: str) -> tuple[str, list[int], list[int]]:
    """`flat` with runs of spaces made single, plus breakpoints to map offsets back:
    from squeezed position `points[i]` on, add `shifts[i]` to get the original offset."""
    points: list[int] = [0]
    shifts: list[int] = [0]
    shift = 0
    for run in _RUNS.finditer(flat):
        shift += run.end() - run.start() - 1
        points.append(run.end() - shift)
        shifts.append(shift)
    return _RUNS.sub(" ", flat), points, shifts


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Gazetteer:
    """Every alias of a knowledge base, compiled once; `find(text)` gives accepted mentions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        by_key: dict[str, list[Alias]] = defaultdict(list)
        for alias in kb.aliases:
            by_key[lower_same_length(alias.text)].append(alias)
        self._keys = list(by_key)
        self._candidates = [by_key[k] for k in self._keys]
        # Which keys have a shorter key as a prefix ("us president" has "us"): only those
        # are worth a second look when they run into a word.
        keyset = set(self._keys)
        self._has_prefix = [any(k[:i] in keyset for i in range(1, len(k))) for k in self._keys]
        self._automaton = ahocorasick_rs.AhoCorasick(
            self._keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    def find(self, text: str) -> list[Mention]:
        """Mentions in text order; blockers are returned too (entity_id None).

        Names broken over lines or with doubled spaces ("President  Bush") still match:
        whitespace is matched as one space and offsets are mapped back to `text`.
        """
        flat = text.translate(_WHITESPACE)
        out: list[Mention] = []
        # Squeezing costs more than matching; do it only where doubled spaces are rare
        # enough to be typing slips (tables and space-padded wire copy are left as is).
        if "  " not in flat or flat.count("  ") > _MAX_RUNS:
            self._scan(flat, lower_same_length(flat), 0, out)
            return out
        squeezed, points, shifts = _squeeze(flat)
        self._scan(squeezed, lower_same_length(squeezed), 0, out)

        def back(pos: int) -> int:
            return pos + shifts[bisect_right(points, pos) - 1]

        return [Mention(back(m.start), back(m.end - 1) + 1, m.alias) for m in out]

    def _scan(self, text: str, low: str, offset: int, out: list[Mention]) -> None:
        n = len(text)
        for idx, s, e in self._automaton.find_matches_as_indexes(low):
            start, end = s + offset, e + offset
            if start > 0 and _is_word(text[start - 1]):
                continue
            if end < n and _is_word(text[end]):
                # The longest name ran into a word ("US president|ial"): a shorter name
                # may still start here, so look again inside the span, one char shorter.
                if self._has_prefix[idx]:
                    self._scan(text, low[s : e - 1], start, out)
                continue
            if end < n and text[end] == "+" and not self._keys[idx].endswith("+"):
                continue  # "OPEC+" is not "OPEC"
            surface = text[start:end]
            for alias in self._candidates[idx]:
                if case_ok(alias.text, surface):
                    out.append(Mention(start, end, alias))
                    break
