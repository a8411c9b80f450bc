"""From text to entities: gazetteer matches, context rules, coreference, roles, relevance."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from signaldesk.knowledge import KnowledgeBase
from signaldesk.models import Entity
from signaldesk.tag.disambig import accept, after_first_name
from signaldesk.tag.matcher import Gazetteer, Mention

AddFn = Callable[[str, int, int, str], None]
# Currency words many countries share; the default (MXN for "peso") yields to the text's.
_GENERIC = frozenset({"peso", "pesos", "rupee", "rupees", "franc", "francs", "crown", "crowns",
                      "dinar", "dinars", "riyal", "riyals", "shilling", "shillings", "lira"})
_COUNTRY_ROLES = frozenset(
    {"head-of-state", "head-of-government", "finance-minister", "foreign-minister"}
)
_CB_BACKREF = re.compile(r"\b[Tt]he (?:central bank|bank's policy board|bank)\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


@dataclass
class Found:
    """Where an entity was found in one document."""

    entity_id: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, form

    @property
    def first(self) -> int:
        return min(s for s, _, _ in self.spans)


class Tagger:
    """Finds knowledge-base entities in a text. One per run; holds the compiled gazetteer."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.gazetteer = Gazetteer(kb)

    def mentions(self, text: str, day: date) -> dict[str, Found]:
        """Entity id -> its spans, after context rules, roles and coreference."""
        found: dict[str, Found] = {}

        def add(eid: str, start: int, end: int, form: str) -> None:
            found.setdefault(eid, Found(eid)).spans.append((start, end, form))

        cb_mentions: list[tuple[int, str]] = []
        for m in self.gazetteer.find(text):
            if not accept(text, m):
                continue
            eid = m.entity_id
            assert eid is not None  # accept() rejects blockers
            if eid.startswith("role:"):
                self._role(text, m, day, add)
                continue
            add(eid, m.start, m.end, m.alias.form)
            if eid.startswith("cb:"):
                cb_mentions.append((m.end, eid))
        self._surnames(text, found)
        self._central_bank_backrefs(text, cb_mentions, add)
        self._local_currency(text, found)
        self._implied_countries(found, day)
        return found

    def _local_currency(self, text: str, found: dict[str, Found]) -> None:
        """A bare "peso" or "rupee" is the one of the country the text is about."""
        countries = sorted(
            (e for e in found if e.startswith("country:")), key=lambda e: -len(found[e].spans)
        )
        for eid in [e for e in found if e.startswith("currency:")]:
            generic = [sp for sp in found[eid].spans if text[sp[0] : sp[1]].lower() in _GENERIC]
            if not generic:
                continue
            word = text[generic[0][0] : generic[0][1]].lower().rstrip("s")
            for country in countries:
                local = self.kb.get(country).links.get("currency")
                if local and local != eid and word in self.kb.get(local).name.lower():
                    found[eid].spans = [sp for sp in found[eid].spans if sp not in generic]
                    found.setdefault(local, Found(local)).spans.extend(generic)
                    if not found[eid].spans:
                        del found[eid]
                    break

    def implied_country(self, eid: str, day: date) -> str | None:
        """The country an entity stands for: a central bank's, an index's, an official's."""
        if eid.startswith(("cb:", "bond:", "index:")):
            return self.kb.get(eid).links.get("country")
        if eid.startswith("person:"):
            for tenure in self.kb.roles_of(eid, day):
                kind, _, code = tenure.role.partition(":")
                if kind in ("cb-governor", "cb-board"):
                    return self.kb.get(f"cb:{code}").links.get("country")
                if kind in _COUNTRY_ROLES and f"country:{code}" in self.kb:
                    return f"country:{code}"
        return None

    def implied_bank(self, eid: str, day: date) -> str | None:
        """The central bank a person speaks for on `day` (governor or board member)."""
        if eid.startswith("person:"):
            for tenure in self.kb.roles_of(eid, day):
                kind, _, code = tenure.role.partition(":")
                if kind in ("cb-governor", "cb-board") and f"cb:{code}" in self.kb:
                    return f"cb:{code}"
        return None

    def _implied_countries(self, found: dict[str, Found], day: date) -> None:
        """"BoJ holds", "Putin said": the country (and a speaker's central bank) is
        implied; it counts, marked `implied`, so "every BoJ speaker" finds Ueda's items."""
        for eid in [e for e in found if not e.startswith("country:")]:
            spans = [(s, e, "implied") for s, e, _ in found[eid].spans]
            for implied in (self.implied_country(eid, day), self.implied_bank(eid, day)):
                if implied and implied != eid:
                    found.setdefault(implied, Found(implied)).spans.extend(spans)

    def _role(self, text: str, m: Mention, day: date, add: AddFn) -> None:
        """A role phrase counts for its subject; it names the holder unless a name follows."""
        role_ent = self.kb.get(m.alias.entity_id or "")
        subject = role_ent.links.get("subject")
        if subject and subject in self.kb:
            add(subject, m.start, m.end, "role")
        following = text[m.end : m.end + 2]
        if following[:1] == " " and following[1:2].isupper():
            return  # "BoJ Governor Kazuo Ueda": the name itself is matched
        holder = self.kb.holder(role_ent.attrs["role"], day)
        if holder is not None:
            add(holder.id, m.start, m.end, "role")

    def _surnames(self, text: str, found: dict[str, Found]) -> None:
        """A surname alone, after the full name, is the same person ("Fleitz said")."""
        for eid in [e for e in found if e.startswith("person:")]:
            full = [s for s, _, form in found[eid].spans if form not in ("surname", "role")]
            if not full:
                continue
            first_full = min(full)
            surname = self.kb.get(eid).attrs.get("surname", "")
            if len(surname) < 3:
                continue
            covered = sorted((s, e) for s, e, _ in found[eid].spans)
            starts = [s for s, _ in covered]
            for m in re.finditer(rf"\b{re.escape(surname)}\b", text[first_full:]):
                start = first_full + m.start()
                i = bisect_right(starts, start) - 1  # the span that starts last before it
                if i >= 0 and covered[i][0] <= start < covered[i][1]:
                    continue  # inside "Fred Fleitz" itself
                if not after_first_name(text, start):
                    found[eid].spans.append((start, start + len(surname), "surname"))

    @staticmethod
    def _central_bank_backrefs(text: str, cbs: list[tuple[int, str]], add: AddFn) -> None:
        """"the central bank" after a named central bank refers to the last one named."""
        if not cbs:
            return
        ends = [end for end, _ in cbs]  # in text order already
        for m in _CB_BACKREF.finditer(text):
            i = bisect_right(ends, m.start()) - 1
            if i >= 0:
                add(cbs[i][1], m.start(), m.end(), "coref")


def relevance(found: Found, title_ids: set[str], lead_end: int, text: str,
              quoted: bool = False) -> int:
    """0-100, RavenPack-style: > 75 means the item is significantly about the entity.

    Headline presence weighs most, then the lead, then the number of mentions and
    whether the entity opens a sentence (a rough stand-in for being the subject).
    """
    mentions = len(found.spans)
    in_lead = found.first < lead_end
    subject = any(s <= len(text) and _SENTENCE_START.search(text[max(0, s - 3) : s])
                  for s, _, _ in found.spans)
    score = 20.0
    score += 40 if found.entity_id in title_ids else 0
    score += 20 if in_lead else 0
    score += min(25.0, 6.0 * (mentions - 1))
    score += 8 if subject else 0
    score += 12 if quoted else 0  # a quoted speaker is a protagonist of the item
    if all(form in ("demonym", "capital", "place", "coref", "role", "implied")
           for _, _, form in found.spans):
        score *= 0.8  # only implied ("Japanese officials", "Tokyo said")
    return max(1, min(100, round(score)))


def to_entities(kb: KnowledgeBase, found: dict[str, Found], title_found: dict[str, Found], *,
                lead_end: int, text: str, speakers: frozenset[str] = frozenset()) -> list[Entity]:
    """`models.Entity` per found entity (body or title), most relevant first."""
    merged: dict[str, Found] = defaultdict(lambda: Found(""))
    for eid, f in found.items():
        merged[eid] = f
    for eid, f in title_found.items():
        if eid not in merged:
            merged[eid] = Found(eid, [(10**9, 10**9, form) for _, _, form in f.spans])
    out = []
    for eid, f in merged.items():
        ent = kb.get(eid)
        score = relevance(f, set(title_found), lead_end, text, ent.name in speakers)
        out.append(Entity(eid, ent.name, ent.type, score, len(f.spans)))
    out.sort(key=lambda e: (-e.relevance, -e.mentions, e.id))
    return out
