"""Direct quotes with their speaker and role, by reporting-verb patterns.

Hand-written patterns: there is no shippable quote-attribution model (LIBRARIES.md), and
news copy uses a small set of shapes: `NAME, ROLE, said ... "QUOTE"`, `"QUOTE," NAME
said`, `"QUOTE," said NAME, ROLE`, and `he said` after a named speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from signaldesk.models import Quote

_VERBS = (r"said|says|say|told|tells|added|adds|stated|states|wrote|writes|explained|noted|"
          r"warned|warns|declared|remarked|commented|continued|argued|insisted|asked|"
          r"replied|responded|recalled|announced|acknowledged|admitted|suggested|stressed|"
          r"emphasized|emphasised|predicted|promised|claimed|conceded|urged|concluded")
_PARTICLE = r"(?:de|da|van|von|der|den|bin|al|la|le|du|dos|del|di|ibn)"
_CAP = r"[A-Z][\w'’.-]*"
NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}){{0,3}}"
_PRONOUN = r"(?:he|she|He|She|they|They)"
_TITLES = frozenset({"President", "Governor", "Chairman", "Chair", "Mr", "Mr.", "Ms", "Ms.",
                     "Mrs", "Mrs.", "Dr", "Dr.", "Senator", "Sen.", "Rep.", "Minister",
                     "Premier", "Chancellor", "Secretary", "Prime", "General", "Gen.",
                     "Professor", "Prof.", "Judge", "Spokesman", "Spokeswoman", "Chief",
                     "Executive", "CEO", "Director", "Commissioner", "Ambassador", "Captain",
                     "Officer", "Inspector", "Detective", "Sheriff", "Mayor", "Governor-General",
                     "Vice", "King", "Queen", "Prince", "Pope", "Father", "Reverend", "Rev."})
_NOT_SPEAKERS = frozenset({"The", "A", "An", "It", "This", "That", "These", "Those", "There",
                           "In", "On", "At", "But", "And", "However", "Also", "When", "While",
                           "We", "I", "You", "They", "He", "She", "Officials", "Police"})

_QUOTE = re.compile(r'"([^"\n]{12,2000}?)"|“([^”\n]{12,2000}?)”')
_AFTER_VERB_NAME = re.compile(
    rf"^\s*,?\s*(?:{_VERBS})\s+(?P<speaker>{NAME})(?:\s*,\s*(?P<role>[^.\"“”\n]{{3,160}}))?"
)
_AFTER_NAME_VERB = re.compile(rf"^\s*,?\s*(?P<speaker>{NAME}|{_PRONOUN})\s+(?:{_VERBS})\b")
_VERB_IN = re.compile(rf"\b(?:{_VERBS})\b")
_NAME_ROLE_END = re.compile(rf"(?P<speaker>{NAME})\s*,\s*(?P<role>[^\"“”\n]{{3,200}}?)\s*,?\s*$")
_NAME_END = re.compile(rf"(?P<speaker>{NAME}|{_PRONOUN})\s*$")
_SENT_BREAK = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n")


@dataclass
class _Speaker:
    name: str
    role: str | None


def _clean(name: str, role: str | None) -> _Speaker | None:
    """Move leading titles into the role; reject words that are not names."""
    words = name.split()
    titles: list[str] = []
    while len(words) > 1 and words[0] in _TITLES:
        titles.append(words.pop(0))
    if not words or words[0] in _NOT_SPEAKERS:
        return None
    if role is None and titles:
        role = " ".join(titles)
    return _Speaker(" ".join(words), role.strip(" ,") if role else None)


class QuoteFinder:
    """Finds quotes in one text; remembers speakers to resolve "he said" and surnames."""

    def find(self, text: str, known_people: list[tuple[str, str | None]]) -> list[Quote]:
        """Quotes in text order. `known_people`: (full name, role) from the knowledge base."""
        names: list[_Speaker] = [_Speaker(n, r) for n, r in known_people]
        last: _Speaker | None = None
        out: list[Quote] = []
        for m in _QUOTE.finditer(text):
            body = (m.group(1) or m.group(2) or "").strip().rstrip(",")
            if len(body.split()) < 3:
                continue  # a scare-quoted term, not a quote
            speaker = self._after(text, m.end()) or self._before(text, m.start())
            if speaker is None:
                continue
            if speaker.name.lower() in ("he", "she", "they"):
                if last is None:
                    continue
                speaker = last
            speaker = self._resolve(speaker, names)
            names.append(speaker)
            last = speaker
            out.append(Quote(speaker.name, speaker.role, body))
        return out

    @staticmethod
    def _after(text: str, end: int) -> _Speaker | None:
        tail = text[end : end + 220]
        m = _AFTER_VERB_NAME.match(tail)
        if m:
            return _clean(m.group("speaker"), m.group("role"))
        m = _AFTER_NAME_VERB.match(tail)
        if m:
            return _clean(m.group("speaker"), None)
        return None

    @staticmethod
    def _before(text: str, start: int) -> _Speaker | None:
        head = text[max(0, start - 400) : start]
        breaks = list(_SENT_BREAK.finditer(head))
        sentence = head[breaks[-1].end() :] if breaks else head
        verbs = list(_VERB_IN.finditer(sentence))
        if not verbs:
            return None
        prefix = sentence[: verbs[-1].start()].rstrip()
        m = _NAME_ROLE_END.search(prefix)
        # "NAME, a former chief of staff in X's Council said": an appositive role opens
        # with a lower-case word; otherwise the name right before the verb is the speaker.
        if m and m.group("role")[:1].islower():
            return _clean(m.group("speaker"), m.group("role"))
        m = _NAME_END.search(prefix)
        if m:
            return _clean(m.group("speaker"), None)
        m = _NAME_ROLE_END.search(prefix)
        return _clean(m.group("speaker"), m.group("role")) if m else None

    @staticmethod
    def _resolve(speaker: _Speaker, names: list[_Speaker]) -> _Speaker:
        """A bare surname is the last full name that ends with it ("Fleitz" -> Fred Fleitz)."""
        if " " in speaker.name:
            return speaker
        for prev in reversed(names):
            if prev.name.split()[-1] == speaker.name and " " in prev.name:
                return _Speaker(prev.name, speaker.role or prev.role)
        return speaker
