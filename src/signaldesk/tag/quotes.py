"""Direct quotes with their speaker and role, by reporting-verb patterns.

Hand-written patterns: there is no shippable quote-attribution model (LIBRARIES.md), and
news copy uses a small set of shapes: `NAME, ROLE, said ... "QUOTE"`, `"QUOTE," NAME
said`, `"QUOTE," said ROLE NAME`, and `he said` or a bare follow-up quote after a named
speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from signaldesk.models import Quote

_VERBS = (r"said|says|say|saying|told|tells|added|adds|stated|states|wrote|writes|explained|"
          r"noted|warned|warns|declared|remarked|commented|continued|argued|insisted|asked|"
          r"asking|replied|responded|recalled|announced|acknowledged|admitted|suggested|"
          r"stressed|emphasized|emphasised|predicted|promised|claimed|claims|conceded|urged|"
          r"concluded|indicated|called|described|enthused|reads|quoted|observed|believes|"
          r"believed|thinks|cautioned|estimated|according to")
_PARTICLE = r"(?:de|da|van|von|der|den|bin|al|la|le|du|dos|del|di|ibn)"
_CAP = r"(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z]\.|[A-Z][\w'’-]*)"  # a word, "U.S." or an initial
NAME = rf"(?<![\w'’-]){_CAP}(?:\s+(?:{_PARTICLE}\s+)*{_CAP}){{0,3}}"
_PRONOUN = r"(?:he|she|He|She)"
_TITLES = frozenset({
    "President", "Governor", "Chairman", "Chair", "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.",
    "Dr", "Dr.", "Senator", "Sen.", "Rep.", "Minister", "Premier", "Chancellor", "Secretary",
    "Prime", "General", "Gen.", "Professor", "Prof.", "Judge", "Justice", "Spokesman",
    "Spokeswoman", "Chief", "Executive", "CEO", "CFO", "COO", "Director", "Commissioner",
    "Ambassador", "Mayor", "Vice", "King", "Queen", "Prince", "Analyst", "Economist",
    "Strategist", "Officer", "Head", "Leader", "Deputy", "Assistant", "Treasurer",
})
_NOT_SPEAKERS = frozenset({
    "The", "A", "An", "It", "This", "That", "These", "Those", "There", "In", "On", "At", "But",
    "And", "However", "Also", "When", "While", "We", "I", "You", "They", "He", "She", "His",
    "Her", "Officials", "Police", "If", "As", "Last", "Next", "Earlier", "Later", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Today", "Yesterday", "Speaking", "According", "During", "After",
    "Before", "Addressing", "Asked", "Responding", "Of", "For", "To", "By", "With", "From",
    "Whereas", "Although", "Though", "Meanwhile", "Still", "Yet", "So", "Then",
})
_PREPOSITIONS = frozenset({"in", "at", "from", "of", "for", "to", "on", "by", "with", "about",
                           "into", "over", "against", "near"})

_QUOTE = re.compile(r'"([^"\n]{12,2000}?)"|“([^”\n]{12,2000}?)”')
_CLAUSE = (r"(?:[^.\n\"“”]|(?<=\b[A-Z])\.|(?<=\bInc)\.|(?<=\bCorp)\.|(?<=\bCo)\.|"
           r"(?<=\bLtd)\.|(?<=\bJr)\.|(?<=\bMr)\.|(?<=\bMs)\.|(?<=\bDr)\.|(?<=\bSt)\.)")
_AFTER_VERB = re.compile(rf"^[ \t]*,?[ \t]*(?:{_VERBS})[ \t]+(?P<clause>{_CLAUSE}{{1,160}})")
_AFTER_NAME_VERB = re.compile(rf"^[ \t]*,?[ \t]*(?P<speaker>{NAME}|{_PRONOUN})[ \t]+(?:{_VERBS})\b")
_VERB_IN = re.compile(rf"\b(?:{_VERBS})\b")
_NAME_ROLE_END = re.compile(
    rf"(?P<speaker>{NAME})\s*,\s*(?P<role>(?:a|an|the|former|then|one|who|chief|head|senior)"
    rf"\b[^\"“”\n]{{1,200}}?)\s*,?\s*$"
)
_NAME_END = re.compile(rf"(?P<speaker>{NAME})\s*$")
_PRONOUN_END = re.compile(rf"\b{_PRONOUN}\s*$")
_CAP_RUN = re.compile(rf"{NAME}")
# Last words that make a capitalised run an organisation or a place, not a person.
_ORG_WORDS = frozenset({
    "Motors", "Inc", "Inc.", "Corp", "Corp.", "Company", "Group", "Bank", "Airlines",
    "Airways", "Store", "Record", "Times", "Journal", "Association", "Associates", "Board",
    "Council", "Committee", "Commission", "Ministry", "Department", "Agency", "Office",
    "Party", "Union", "Court", "Senate", "Congress", "House", "Administration", "Government",
    "Authority", "Exchange", "Fund", "Capital", "Partners", "Management", "Investments",
    "Securities", "University", "Institute", "Online", "News", "Post", "Review", "Street",
    "States", "Kingdom", "America", "Australia", "Europe", "Asia", "Africa", "Force",
    "Reserve", "Treasury", "Index", "Industries", "Holdings", "Systems", "Technologies",
    "East", "West", "North", "South", "World", "Valley", "Sea", "Ocean", "River", "Gulf",
    "Coast", "Island", "Islands", "Republic", "Region", "Province", "City", "Center", "Centre",
})
# "Detik.com quoted Djamal as saying": the speaker is the one quoted, not the outlet.
_QUOTED_AS = re.compile(rf"(?:^[ \t]*,?[ \t]*[\w.&' -]{{1,40}}?|\b)quoted\s+(?P<speaker>{NAME})"
                        rf"\s+as\s+saying")
_SENT_BREAK = re.compile(r"[.!?]\s+(?=[A-Z\"“])|\n")


@dataclass
class _Speaker:
    name: str
    role: str | None


def _clean(name: str, role: str | None, before: str = "") -> _Speaker | None:
    """Move leading titles into the role; reject words that are not names."""
    words = name.split()
    titles: list[str] = []
    for i, word in enumerate(words[:-1]):  # "Apple Inc. CEO Steve Jobs": after the title
        if word in _TITLES or (word.isupper() and len(word) <= 4 and i > 0):
            titles = words[: i + 1]
    words = words[len(titles):]
    if not words or words[0] in _NOT_SPEAKERS or len(words[0]) < 2 or words[-1] in _TITLES:
        return None
    if words[-1].endswith(("'s", "’s")):
        return None  # "Apple's", "It's": a possessive or a contraction, not a speaker
    prev = [w for w in before.split()[-3:] if w.lower() not in ("the", "a", "an")]
    if prev and prev[-1].lower() in _PREPOSITIONS:
        return None  # "in Wyoming, the bank chief said", "in the Congressional Record"
    if role is None and titles:
        role = " ".join(titles)
    return _Speaker(" ".join(words), role.strip(" ,") if role else None)


def _from_clause(clause: str) -> _Speaker | None:
    """Speaker in "said [ROLE words] NAME[, ROLE]": the last multi-word name, else the last name."""
    head, _, tail = clause.partition(",")
    named_tail = re.match(rf"\s*(?P<name>{NAME})\s*$", tail)
    if named_tail and head.strip()[:1].islower():
        # "said the general secretary of the union Unite, Tony Woodley"
        return _clean(named_tail.group("name"), head.strip())
    runs = list(_CAP_RUN.finditer(head))
    ordered = [r for r in runs if " " in r.group(0).strip()][::-1] + runs[::-1]
    for pick in ordered:
        role = head[: pick.start()].strip() or tail.strip() or None
        found = _clean(pick.group(0), role, head[: pick.start()])
        if found:
            return found
    m = re.match(rf"\s*(?P<name>{NAME})\s*$", tail)
    if m:
        return _clean(m.group("name"), head.strip() or None)
    return None


def _person_like(found: _Speaker | None, run: str, surnames: set[str]) -> bool:
    """A name that reads as a person: not an organisation or place, and either two words,
    a known surname, or a single word after a title ("Mr MacFarlane")."""
    if found is None:
        return False
    last = run.rsplit(maxsplit=1)[-1].rstrip(".")
    if last in _ORG_WORDS or last.isupper():
        return False
    titled = found.role is not None and found.name != run.strip()
    return " " in found.name or found.name in surnames or titled


class QuoteFinder:
    """Finds quotes in one text; "he said" and bare follow-up quotes go to the last speaker."""

    def find(self, text: str, known_people: list[tuple[str, str | None]]) -> list[Quote]:
        """Quotes in text order. `known_people`: (full name, role) from the knowledge base."""
        return [q for _, q in self.find_with_offsets(text, known_people)]

    def find_spans(self, text: str, known_people: list[tuple[str, str | None]]
                   ) -> list[tuple[int, str]]:
        """(offset of the opening quote mark, speaker) per quote: what the evaluation scores."""
        return [(at, q.speaker) for at, q in self.find_with_offsets(text, known_people)]

    def find_with_offsets(self, text: str, known_people: list[tuple[str, str | None]]
                          ) -> list[tuple[int, Quote]]:
        # One entry per name, most recent last (a text may quote one person 1,000 times).
        seen: dict[str, _Speaker] = {n: _Speaker(n, r) for n, r in known_people}
        out: list[tuple[int, Quote]] = []
        for m in _QUOTE.finditer(text):
            body = (m.group(1) or m.group(2) or "").strip().rstrip(",")
            if len(body.split()) < 3:
                continue  # a scare-quoted term, not a quote
            speaker = self._after(text, m.end()) or self._before(text, m.start())
            pronoun = speaker is not None and speaker.name in ("he", "she")
            if speaker is None or pronoun:
                # "he said", or a bare follow-up quote: the last speaker if recent, else
                # (for "he" only) the person named last.
                recent = out and m.start() - out[-1][0] < (1000 if pronoun else 600)
                person = self._recent_person(text, m.start(), seen) if pronoun else None
                if person and (not recent or person[0] > out[-1][0]):
                    speaker = person[1]  # named after the last quote: "he" is this one
                elif recent:
                    speaker = _Speaker(out[-1][1].speaker, out[-1][1].role)
                else:
                    speaker = None
            if speaker is None:
                continue
            speaker = self._resolve(speaker, seen)
            old = seen.pop(speaker.name, None)
            role = speaker.role or (old.role if old else None)
            seen[speaker.name] = _Speaker(speaker.name, role)
            out.append((m.start(), Quote(speaker.name, speaker.role, body)))
        return out

    @staticmethod
    def _after(text: str, end: int) -> _Speaker | None:
        tail = text[end : end + 220]
        quoted = _QUOTED_AS.match(tail)
        if quoted:
            return _clean(quoted.group("speaker"), None)
        m = _AFTER_VERB.match(tail)
        if m:
            return _from_clause(m.group("clause"))
        m = _AFTER_NAME_VERB.match(tail)
        if m:
            return _clean(m.group("speaker"), None) if m.group("speaker")[:2] not in (
                "he", "sh", "He", "Sh") else _Speaker("he", None)
        return None

    @staticmethod
    def _before(text: str, start: int) -> _Speaker | None:
        head = text[max(0, start - 400) : start]
        breaks = list(_SENT_BREAK.finditer(head))
        sentence = head[breaks[-1].end() :] if breaks else head
        quoted = _QUOTED_AS.search(sentence)
        if quoted:
            return _clean(quoted.group("speaker"), None)
        verbs = list(_VERB_IN.finditer(sentence))
        if not verbs:
            return None
        for verb in verbs:
            found = QuoteFinder._subject_of(sentence[: verb.start()].rstrip(" ,"))
            if found:
                return found
        # "Ryanair CEO, Michael O' Leary, justified his choice by saying": the subject.
        for run in _CAP_RUN.finditer(sentence[: verbs[0].start()]):
            found = _clean(run.group(0), None, sentence[: run.start()])
            if _person_like(found, run.group(0), set()):
                return found
        return None

    @staticmethod
    def _subject_of(prefix: str) -> _Speaker | None:
        """The speaker that ends `prefix`, the text right before a reporting verb."""
        if _PRONOUN_END.search(prefix):
            return _Speaker("he", None)
        m = _NAME_ROLE_END.search(prefix)
        if m:
            return _clean(m.group("speaker"), m.group("role"), prefix[: m.start()])
        m = _NAME_END.search(prefix)
        if m:
            return _clean(m.group("speaker"), None, prefix[: m.start()])
        return None

    @staticmethod
    def _recent_person(text: str, start: int, names: dict[str, _Speaker]
                       ) -> tuple[int, _Speaker] | None:
        """The person named last in the 800 characters before `start` ("he" said)."""
        head = text[max(0, start - 800) : start]
        surnames = {n.split()[-1] for n in names if " " in n}
        best: tuple[int, _Speaker] | None = None
        for run in _CAP_RUN.finditer(head):
            found = _clean(run.group(0), None, head[: run.start()])
            if found is not None and _person_like(found, run.group(0), surnames):
                best = (max(0, start - 800) + run.start(), found)
        return best

    @staticmethod
    def _resolve(speaker: _Speaker, names: dict[str, _Speaker]) -> _Speaker:
        """A bare surname is the last full name that ends with it ("Fleitz" -> Fred Fleitz)."""
        if " " in speaker.name:
            if speaker.role is None:  # a known official: the knowledge base has the role
                for prev in reversed(names.values()):
                    if prev.name == speaker.name and prev.role:
                        return _Speaker(speaker.name, prev.role)
            return speaker
        for prev in reversed(names.values()):
            parts = prev.name.split()
            if len(parts) > 1 and speaker.name in (parts[0], parts[-1]):
                return _Speaker(prev.name, speaker.role or prev.role)
        return speaker
