"""The tag stage: entities, instruments, quotes and attribution for each document."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from signaldesk.knowledge import KnowledgeBase, load_kb
from signaldesk.models import Doc
from signaldesk.pipeline.context import Context
from signaldesk.pipeline.stage import Stage
from signaldesk.tag.attribution import Attributor
from signaldesk.tag.instruments import InstrumentMap, InstrumentMapper
from signaldesk.tag.quotes import QuoteFinder
from signaldesk.tag.tagger import Tagger, to_entities

LEAD_CHARS = 400  # without paragraphs, the lead is taken as the first this many characters


# Offices in order of rank, for people who hold several at once.
_ROLE_RANK = {kind: rank for rank, kind in enumerate(
    ("head-of-state", "head-of-government", "cb-governor", "org-head", "finance-minister",
     "foreign-minister", "cb-board"))}

class DocTagger:
    """Everything the stage does to one document, usable without a pipeline."""

    def __init__(self, kb: KnowledgeBase, mapping: InstrumentMap | None = None) -> None:
        self.kb = kb
        self.tagger = Tagger(kb)
        self.mapper = InstrumentMapper(kb, mapping or InstrumentMap.load())
        self.quotes = QuoteFinder()
        self.attribution = Attributor()

    def tag(self, doc: Doc, today: date) -> None:
        text = doc.text or ""
        day = doc.published_at.date() if doc.published_at else today
        found = self.tagger.mentions(text, day)
        title_found = self.tagger.mentions(doc.title, day) if doc.title else {}
        lead_end = self._lead_end(doc, text)
        people = [self.kb.get(eid) for eid in found if eid.startswith("person:")]
        doc.quotes = self.quotes.find(text, [(p.name, self._role(p.id, day)) for p in people])
        speakers = frozenset(q.speaker for q in doc.quotes)
        doc.entities = to_entities(
            self.kb, found, title_found, lead_end=lead_end, text=text, speakers=speakers
        )
        doc.instruments = self.mapper.map(doc.entities)
        doc.attribution = self.attribution(text, doc.source)

    @staticmethod
    def _lead_end(doc: Doc, text: str) -> int:
        if doc.paragraphs:
            first = doc.paragraphs[0]
            pos = text.find(first)
            if pos >= 0:
                return pos + len(first)
        return min(len(text), LEAD_CHARS)

    def _role(self, person_id: str, day: date) -> str | None:
        """The title of the highest office held that day (Qatar's prime minister is also
        its foreign minister: the quote says "Prime Minister")."""
        now = self.kb.roles_of(person_id, day)
        if not now:
            return None
        rank = len(_ROLE_RANK)  # any other office ranks last
        return min(now, key=lambda t: _ROLE_RANK.get(t.role.split(":", 1)[0], rank)).title


class TagStage(Stage):
    """Tags entities with relevance, maps them to instruments, finds quotes and attribution.

    `instrument_map`: a JSON mapping file replacing the packaged default (see
    `signaldesk.tag.instruments`).
    """

    name: ClassVar[str] = "tag"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset(
        {"entities", "instruments", "quotes", "attribution"}
    )

    def __init__(self, instrument_map: str | Path | None = None) -> None:
        self.instrument_map = instrument_map
        self._tagger: DocTagger | None = None

    def open(self, ctx: Context) -> None:
        super().open(ctx)
        kb = ctx.shared("kb", load_kb)
        self._tagger = DocTagger(kb, InstrumentMap.load(self.instrument_map))

    def process_doc(self, doc: Doc) -> None:
        if self._tagger is None:
            raise RuntimeError("TagStage.open(ctx) must be called before process")
        self._tagger.tag(doc, self.ctx.clock().date())
