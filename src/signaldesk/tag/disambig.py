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
_WORD_AFTER = re.compile(r"^\s*(\w+)")


def _prev_word(text: str, start: int) -> tuple[str, int] | None:
    """The capitalised word right before `start`, and where it begins."""
    j = start - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    if j < 0 or j == start - 1:
        return None
    end = j + 1
    while j >= 0 and (text[j].isalnum() or text[j] in "_'.-’"):
        j -= 1
    word = text[j + 1 : end]
    if not word or not word[0].isupper() or end - j > 40:
        return None
    return word, j + 1


def _next_word(text: str, end: int) -> str:
    m = _WORD_AFTER.match(text[end : end + 40])
    return m.group(1) if m else ""


def after_first_name(text: str, start: int, mid_sentence: bool = False) -> bool:
    """Is the span preceded by a capitalised word that reads as a first name ("Michael Jordan")?

    `mid_sentence`: only count a word that does not open the sentence ("Help Italy ...").
    """
    found = _prev_word(text, start)
    if found is None:
        return False
    prev, at = found
    # "Eric Trump" reads as a first name even at the start of a sentence; the common
    # sentence openers ("Later", "Meanwhile") are in _NOT_FIRST_NAMES.
    if prev.rstrip(".") in _NOT_FIRST_NAMES or prev.isupper():
        return False
    if prev.endswith(".") and len(prev.rstrip(".")) > 1:
        return False  # "... on Monday. Norway said": the end of a sentence, not an initial
    if mid_sentence and re.search(r"(?:^|[.!?:\"“]\s*|\n\s*)$", text[max(0, at - 3) : at]):
        return False
    # "Trump's China policy"; "Allies Assure Japan" in a headline
    return not (prev.endswith(("'s", "’s", "'", "’")) or _title_case(text, start))


def _title_case(text: str, start: int) -> bool:
    """Is `start` inside Title Case Text (a headline), where capitals say nothing?"""
    lo, hi = max(0, start - 80), start + 80  # bounded: a text may have no line breaks
    line_start = text.rfind("\n", lo, start) + 1 or lo
    line_end = text.find("\n", start, hi)
    words = [w for w in text[line_start : line_end if line_end >= 0 else hi].split()
             if w[0].isalpha()]
    if len(words) < 4:
        return False
    caps = sum(w[0].isupper() for w in words)
    return caps >= 0.7 * len(words)


def before_surname(text: str, end: int) -> bool:
    """Is the span followed by a capitalised word that reads as a surname ("Sofia Marchetti")?"""
    m = re.match(r" ([A-Z][a-z][\w'’-]*)\b", text[end : end + 40])
    if m is None:
        return False
    return m.group(1) not in _NOT_FIRST_NAMES and not _title_case(text, end)


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
    before = text[max(0, m.start - 60) : m.start]
    if eid.startswith("country:") and before.endswith(("of ", "of\n")) and _ORG_OF.search(before):
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
    if (alias.form == "surname" or surface in PERSON_LIKE) and after_first_name(text, m.start):
        return False
    if surface in PERSON_LIKE and alias.form in ("capital", "place") and before_surname(
        text, m.end
    ):
        return False  # "Sofia Marchetti", "Paris Hilton": a first name
    # A one-word country, capital or place right after a first name is a surname
    # ("Rafael Montenegro", "Carlos Lima").
    if (eid.startswith("country:") and alias.form != "demonym" and " " not in surface
            and not surface.isupper()):
        return not after_first_name(text, m.start, mid_sentence=True)
    return True
