"""The score stage: relevance, urgency and the evidence behind every score (`why`).

Rules, so that a trader can check them against the item:

* **relevance** (0-100): how much the item matters to a desk. It starts at 100 x the
  best desk score; +10 when the item maps to a tradable instrument; +10 when the
  tagger rates an entity as central (> 75). An item with no desk is capped at 30
  ("not market news").
* **urgency**:
  - *flash*: emergency wording ("emergency", "breaking", "flash", "unscheduled",
    "intermeeting") on a new story (novelty >= 80) that a desk cares about
    (relevance >= 60);
  - *urgent*: a flash candidate on an older story, or surprise wording
    ("unexpectedly", "surprise", "shock", "unprecedented") on a new story
    (novelty >= 60), or a new story with relevance >= 75 and a central-bank stance;
  - *routine*: everything else, and every item with no desk.
  Unknown novelty (no cluster stage ran) counts as new (100): better a false alarm
  than a missed move. Source speed: a copy fetched more than `SLOW_SOURCE_HOURS` (6)
  after its own publication time is old news to the market, so it is at most urgent.
* **per-entity tone**: set by the classify stage on `Entity.tone` (the three most
  relevant entities named in the text, read from the sentences that name them);
  listed here with the item's tone.
* **why**: one line per desk (its score and reasons), the tone with its words, the
  per-entity tones, the stance with its phrases, then the relevance and urgency with
  what set them.
"""

from __future__ import annotations

from typing import ClassVar

from signaldesk.classify.stage import doc_text
from signaldesk.classify.stance import StanceReader
from signaldesk.classify.text import PhraseMatcher
from signaldesk.classify.tone import LexiconTone
from signaldesk.models import Doc, Urgency
from signaldesk.pipeline.stage import Stage

__all__ = ["FLASH_WORDS", "SURPRISE_WORDS", "ScoreStage"]

FLASH_WORDS = ("emergency", "breaking", "flash", "unscheduled", "intermeeting", "inter-meeting")
SURPRISE_WORDS = ("unexpectedly", "unexpected", "surprise", "surprised", "shock", "unprecedented")
NEW_STORY = 80
FRESH_STORY = 60
NO_DESK_CAP = 30
SLOW_SOURCE_HOURS = 6.0


class ScoreStage(Stage):
    name: ClassVar[str] = "score"
    requires: ClassVar[frozenset[str]] = frozenset({"entities", "desks", "novelty", "tone"})
    assigns: ClassVar[frozenset[str]] = frozenset({"relevance", "urgency", "why"})

    def __init__(self) -> None:
        self.flash = PhraseMatcher(FLASH_WORDS)
        self.surprise = PhraseMatcher(SURPRISE_WORDS)
        self.stance = StanceReader()
        self.lexicon = LexiconTone()

    def process_doc(self, doc: Doc) -> None:
        text = doc_text(doc)
        why = [f"desk {d.desk} {d.score:.2f}: {', '.join(d.why) or '-'}" for d in doc.desks]
        if doc.tone is not None:
            words = ", ".join(self.lexicon.score(text).why) or "no tone words"
            why.append(
                f"tone {doc.tone.label} {doc.tone.score:+.2f} "
                f"(confidence {doc.tone.confidence}): {words}"
            )
        why.extend(self._entity_tones(doc))
        if doc.stance is not None:
            found = self.stance.read(text, doc.entities)
            why.append(f"stance {doc.stance}: {', '.join(found.why) if found else 'no phrases'}")
        doc.relevance, reasons = self._relevance(doc)
        why.append(f"relevance {doc.relevance}: {reasons}")
        doc.urgency, reasons = self._urgency(doc, text)
        why.append(f"urgency {doc.urgency}: {reasons}")
        doc.why = why

    @staticmethod
    def _entity_tones(doc: Doc) -> list[str]:
        return [f"tone of {e.id}: {e.tone.label} {e.tone.score:+.2f} "
                f"(confidence {e.tone.confidence})"
                for e in sorted(doc.entities, key=lambda e: (-e.relevance, e.id)) if e.tone]

    def _relevance(self, doc: Doc) -> tuple[int, str]:
        if not doc.desks:
            top = max((e.relevance for e in doc.entities), default=0)
            return min(NO_DESK_CAP, top // 3), f"no desk assigned (capped at {NO_DESK_CAP})"
        best = doc.desks[0]
        value = 100.0 * best.score
        reasons = [f"best desk {best.desk} {best.score:.2f}"]
        if doc.instruments:
            value += 10
            reasons.append(f"instrument {doc.instruments[0].symbol}")
        central = [e for e in doc.entities if e.relevance > 75]
        if central:
            value += 10
            reasons.append(f"central entity {central[0].id}")
        return max(0, min(100, round(value))), ", ".join(reasons)

    def _urgency(self, doc: Doc, text: str) -> tuple[Urgency, str]:
        if not doc.desks:
            return "routine", "no desk"
        novelty = 100 if doc.novelty is None else doc.novelty
        relevance = doc.relevance or 0
        flash = sorted({h.term for h in self.flash.find(text)})
        surprise = sorted({h.term for h in self.surprise.find(text)})
        facts = f"novelty {novelty}, relevance {relevance}"
        lag = _lag_hours(doc)
        if lag is not None and lag > SLOW_SOURCE_HOURS:
            facts += f", seen {lag:.0f} h after publication"
        if flash and novelty >= NEW_STORY and relevance >= 60 and not (
            lag is not None and lag > SLOW_SOURCE_HOURS
        ):
            return "flash", f"{facts}, wording {', '.join(flash)}"
        if flash:
            return "urgent", f"{facts}, wording {', '.join(flash)} on an older story"
        if surprise and novelty >= FRESH_STORY:
            return "urgent", f"{facts}, wording {', '.join(surprise)}"
        if novelty >= NEW_STORY and relevance >= 75 and doc.stance is not None:
            return "urgent", f"{facts}, central-bank stance {doc.stance}"
        return "routine", facts


def _lag_hours(doc: Doc) -> float | None:
    """Hours between the source's publication and when SignalDesk had the copy."""
    seen = doc.first_seen_at or doc.fetched_at
    if seen is None or doc.published_at is None:
        return None
    try:
        return (seen - doc.published_at).total_seconds() / 3600
    except TypeError:  # one naive, one aware datetime: no honest answer
        return None
