"""Attribution: which outlet reported an item and on what sourcing.

"Reuters reporting that according to five people familiar with the talks" -> outlet
Reuters, sourcing "five people familiar with the talks"; "citing people familiar with
the matter"; "according to a statement". Patterns, for the reasons given in quotes.py;
outlet names are found with a small Aho-Corasick automaton first because a regex
alternation of sixty names tried at every position is slow.
"""

from __future__ import annotations

import re

import ahocorasick_rs

from signaldesk.models import Attribution

OUTLETS = (
    "Reuters", "Bloomberg News", "Bloomberg", "Associated Press", "AP", "AFP",
    "Agence France-Presse", "Financial Times", "FT", "Wall Street Journal", "WSJ",
    "New York Times", "Washington Post", "Nikkei Asia", "Nikkei", "Kyodo News", "Kyodo",
    "Yonhap", "Xinhua", "Dow Jones", "CNBC", "BBC", "NHK", "Caixin", "Handelsblatt",
    "Politico", "Axios", "CNN", "Fox News", "MNI", "Market News", "Jiji", "Jiji Press",
    "Asahi", "Yomiuri", "Korea Herald", "South China Morning Post", "Interfax", "TASS",
    "RIA", "Al Jazeera", "Le Monde", "Les Echos", "Der Spiegel", "Bild", "La Repubblica",
    "Il Sole 24 Ore", "El País", "Semafor", "The Information", "Guardian", "The Guardian",
    "The Times", "Sky News", "Globe and Mail",
)
_SRC = r"(?P<src>[^,.;:\"“”\n]{3,120})"
_REPORTING_CITING = re.compile(
    rf"\s+(?:is\s+|was\s+)?(?:reporting|reported|reports|said|says)\b[^.\n]{{0,40}}?"
    rf"\b(?:according to|citing)\s+{_SRC}"
)
_REPORTING = re.compile(r"\s+(?:is\s+|was\s+)?(?:reporting|reported|reports)\b")
_TOLD = re.compile(r"\b(?:told|according to|reported by|reports? in|report by)\s+(?:the\s+)?$")
_SOURCING = (  # (cue that must be in the text, pattern): skip the regex when it cannot match
    ("according to", re.compile(rf"\baccording to\s+{_SRC}")),
    ("cit", re.compile(rf"\b(?:citing|cited)\s+{_SRC}")),
)
_FAMILIAR = re.compile(
    r"\b(?:people|sources|officials|persons)\s+(?:familiar with|with knowledge of|close to|"
    r"briefed on)\s+[^,.;:\"“”\n]{3,60}"
)
_COUNT_BEFORE = re.compile(r"\b(?:two|three|four|five|six|several|multiple|\d+)\s+$")
_NOT_SOURCING = re.compile(r"^(?:data|figures|estimates|the data|a survey|a poll)\b", re.I)


class Attributor:
    """Finds the outlet and sourcing of one text; holds the compiled outlet automaton."""

    def __init__(self, outlets: tuple[str, ...] = OUTLETS) -> None:
        self._outlets = list(outlets)
        self._automaton = ahocorasick_rs.AhoCorasick(
            self._outlets, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    def __call__(self, text: str, outlet: str | None) -> Attribution | None:
        """From the first 1,500 characters; `outlet` (the publisher) is the fallback outlet."""
        head = text[:1500]
        found_outlet, sourcing = self._outlet(head)
        if sourcing is None:
            sourcing = _sourcing(head)
        final = found_outlet or outlet
        if final is None and sourcing is None:
            return None
        return Attribution(final, sourcing)

    def _outlet(self, head: str) -> tuple[str | None, str | None]:
        hits = [(s, e) for _, s, e in self._automaton.find_matches_as_indexes(head)
                if (s == 0 or not head[s - 1].isalnum())
                and (e == len(head) or not head[e].isalnum())]
        for s, e in hits:
            m = _REPORTING_CITING.match(head, e)
            if m and not _NOT_SOURCING.match(m.group("src")):
                return head[s:e], _tidy(m.group("src"))
        for s, e in hits:
            if _REPORTING.match(head, e) or _TOLD.search(head[max(0, s - 30) : s]):
                return head[s:e], None
        return None, None


def _sourcing(head: str) -> str | None:
    low = head.lower()
    for cue, pat in _SOURCING:
        m = pat.search(head) if cue in low else None
        if m and not _NOT_SOURCING.match(m.group("src")):
            return _tidy(m.group("src"))
    has_cue = any(w in low for w in ("familiar", "knowledge of", "close to", "briefed"))
    m = _FAMILIAR.search(head) if has_cue else None
    if m:
        count = _COUNT_BEFORE.search(head[max(0, m.start() - 15) : m.start()])
        return _tidy((count.group(0) if count else "") + m.group(0))
    return None


def attribution(text: str, outlet: str | None) -> Attribution | None:
    """One-off convenience: `Attributor()(text, outlet)` (stages keep one `Attributor`)."""
    return Attributor()(text, outlet)


def _tidy(src: str) -> str:
    src = src.strip()
    return re.sub(r"\s+(?:who|which|that)\s.*$", "", src)
