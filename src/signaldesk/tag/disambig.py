"""Context rules that reject a gazetteer match which names something else.

Hand-written because no trained disambiguation model can ship (LIBRARIES.md: no usable
NER model on PyPI): each rule is a cue list checked in a window around the mention.
"""

from __future__ import annotations

import re

from signaldesk.tag.matcher import Mention

# Words after "Turkey" that make it the bird; words near "Georgia" that make it the US state.
_BIRD_NEXT = frozenset({"dinner", "sandwich", "sandwiches", "breast", "meat", "leg", "legs",
                        "roast", "bacon", "farm", "farms", "farmers", "hunting", "day"})
_US_STATE_CUES = re.compile(
    r"\b(Atlanta|Savannah|Ga\.|Peach State|Alabama|Florida|Tennessee|Carolina|Georgia's "
    r"(?:governor|secretary of state|Senate|legislature)|state of Georgia|Georgia Senate|"
    r"Governor|Gov\.|county|County|Sen\.|primary|Republican|Democrat)"
)
_CAUCASUS_CUES = re.compile(r"\b(Tbilisi|Caucasus|Georgian|Abkhazia|Ossetia|Saakashvili|"
                            r"Kremlin|Russia|Armenia|Azerbaijan|lari)\b")
# Market words that must sit near a currency alias that is also an ordinary word.
_MARKET_CUES = re.compile(
    r"\b\d+\.\d{2,}\b|\b(against|versus|vs|currency|currencies|exchange rate|forex|FX|"
    r"pairs?|pips?|dollar|greenback|euro|sterling|yen|bid|offered|weaker|stronger|traders?)\b",
    re.IGNORECASE,
)
# Capitalised words that may precede a name without being part of it.
_NOT_FIRST_NAMES = frozenset({
    "The", "A", "An", "In", "At", "On", "From", "To", "For", "By", "With", "And", "But", "Or",
    "Of", "As", "If", "When", "While", "After", "Before", "Since", "Under", "Over", "Both",
    "President", "Governor", "Chairman", "Chair", "Mr", "Ms", "Mrs", "Dr", "Chancellor",
    "Minister", "Premier", "Secretary", "Senator", "Sen", "Rep", "King", "Prince", "Queen",
    "Former", "Then", "Vice", "Prime", "Leader", "General", "Gen", "Sir", "Lord", "Madam",
    "Judge", "Justice", "Envoy", "Ambassador", "Representative", "Speaker", "Crown",
    "Treasury", "Finance", "Fed", "ECB", "BoJ", "BOJ", "BoE", "Trade", "Commerce",
    "Defense", "Defence", "Foreign", "Interior", "Energy", "State", "Said", "Says",
    "Like", "Unlike", "Including", "Between", "Against", "Among", "Across", "Toward",
    "Towards", "Via", "Per", "Despite", "Although", "Because", "Now", "Today",
    "Later", "Earlier", "Meanwhile", "Yesterday", "Separately", "Still", "Yet", "So",
    "Indeed", "Instead", "Last", "Next", "Even", "Only", "Asked", "Why", "How", "What",
    "Where", "Who", "Did", "Does", "Do", "Will", "Would", "Could", "Should", "Can", "May",
    "Has", "Have", "Had", "Is", "Are", "Was", "Were", "Not", "No", "Neither", "Nor",
    "Officials", "Analysts", "Critics", "Investors", "Traders", "Economists", "Sources",
    "Once", "Until", "Though", "Whether", "All", "Some", "Many", "Most", "Few", "Every",
})
# Names that are also people's names: reject them right after a first name.
PERSON_LIKE = frozenset({"Jordan", "Chad", "Georgia", "Israel", "Washington", "Paris",
                         "Kenya", "Victoria", "Lima", "Chile", "Sofia", "Santiago", "Kingston",
                         "Lebanon", "Jersey", "Guinea", "Niger", "Mali", "Cuba", "Wellington"})
# "Union Bank of Switzerland", "National University of Singapore": an organisation.
_ORG_OF = re.compile(
    r"\b[A-Z]\w* (?:Bank|University|Association|Administration|Board|Institute|Museum|"
    r"College|Corporation|Company|Society|Federation|Chamber|Authority|Agency|Council) of\s+$"
)
_WORD_BEFORE = re.compile(r"([A-Z][\w'.-]*)\s+$")
_WORD_AFTER = re.compile(r"^\s*(\w+)")


def _prev_word(text: str, start: int) -> tuple[str, int] | None:
    """The capitalised word right before `start`, and where it begins."""
    lo = max(0, start - 40)
    m = _WORD_BEFORE.search(text[lo:start])
    return (m.group(1), lo + m.start(1)) if m else None


def _next_word(text: str, end: int) -> str:
    m = _WORD_AFTER.match(text[end : end + 40])
    return m.group(1) if m else ""


def after_first_name(text: str, start: int) -> bool:
    """Is the span preceded by a capitalised word that reads as a first name ("Michael Jordan")?"""
    found = _prev_word(text, start)
    if found is None:
        return False
    prev = found[0]
    # "Eric Trump" reads as a first name even at the start of a sentence; the common
    # sentence openers ("Later", "Meanwhile") are in _NOT_FIRST_NAMES.
    return not (prev.rstrip(".") in _NOT_FIRST_NAMES or prev.isupper())


def _window(text: str, m: Mention, size: int) -> str:
    return text[max(0, m.start - size) : m.end + size]


def accept(text: str, m: Mention) -> bool:
    """False when context shows the mention names something other than its entity."""
    alias, eid = m.alias, m.entity_id
    surface = text[m.start : m.end]
    if eid is None:
        return False
    if alias.cue and not _MARKET_CUES.search(_window(text, m, 60).replace(surface, " ", 1)):
        return False
    if eid.startswith("country:") and _ORG_OF.search(text[max(0, m.start - 60) : m.start]):
        return False
    if eid == "cb:FED" and _next_word(text, m.end).lower() in {"up", "into", "through"}:
        return False
    if eid == "country:TR" and surface.lower() == "turkey":
        window = _window(text, m, 200)
        if _next_word(text, m.end).lower() in _BIRD_NEXT or "Thanksgiving" in window:
            return False
    if eid == "country:GE" and surface.lower() == "georgia":
        window = _window(text, m, 300)
        if _US_STATE_CUES.search(window) and not _CAUCASUS_CUES.search(window):
            return False
    if alias.form == "surname" or surface in PERSON_LIKE:
        return not after_first_name(text, m.start)
    return True
