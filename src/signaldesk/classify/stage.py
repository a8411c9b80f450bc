"""The classify stage: desks with scores and reasons, tone, and central-bank stance.

The transparent rules (`DeskRules`, `LexiconTone`, `StanceReader`) always run. When
the `desk_model` setting names a model bundle trained by `signaldesk train`, its
desk model decides the desks it was trained on (its probability is the score, its
strongest words the reasons) and the rules keep the others; its tone model, if
present, replaces the lexicon's tone, for the item and for its entities (each read
from the sentences that name it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar

from signaldesk.classify.desks import DeskRules
from signaldesk.classify.model import LinearTextModel, load_bundle
from signaldesk.classify.stance import StanceReader
from signaldesk.classify.text import sentences
from signaldesk.classify.tone import LexiconTone, label_for
from signaldesk.errors import ConfigError
from signaldesk.models import DESKS, DeskScore, Doc, Entity, Tone
from signaldesk.pipeline.context import Context
from signaldesk.pipeline.stage import Stage

__all__ = ["ENTITY_TONES", "ClassifyStage", "doc_text", "entity_sentences", "tone_features"]

ENTITY_TONES = 3  # entities per item that get a tone of their own


def doc_text(doc: Doc) -> str:
    """What the classifiers read: the title, then the body."""
    return "\n\n".join(part for part in (doc.title, doc.text or doc.summary) if part)


def entity_sentences(entities: Sequence[Entity], text: str) -> dict[str, str]:
    """The sentences naming each of the `ENTITY_TONES` most relevant entities named in
    `text` (by name, case-insensitively), joined: what the entity's tone is read from."""
    lowered = [(s, s.lower()) for s in sentences(text)]
    out: dict[str, str] = {}
    for ent in sorted(entities, key=lambda e: (-e.relevance, e.id)):
        if len(out) == ENTITY_TONES:
            break
        name = ent.name.lower()
        about = [s for s, low in lowered if len(name) > 1 and name in low]
        if about:
            out[ent.id] = " ".join(about)
    return out


def tone_features(lexicon: LexiconTone, text: str) -> str:
    """`text` plus one marker word per lexicon hit, so a trained tone model sees the lexicon."""
    result = lexicon.score(text)
    marks = ["tonepos" if w.startswith("+") else "toneneg" for w in result.why]
    return f"{text} {' '.join(marks)}"


def _check(models: dict[str, LinearTextModel], where: str) -> None:
    """Refuse a bundle whose labels the item schema cannot carry (a hand-edited file)."""
    desks = models.get("desks")
    if desks is not None and not set(desks.labels) <= set(DESKS):
        unknown = sorted(set(desks.labels) - set(DESKS))
        raise ConfigError(f"model file {where}: unknown desks {unknown}; retrain it")
    tone = models.get("tone")
    if tone is not None and not set(tone.labels) <= {"positive", "negative", "neutral"}:
        raise ConfigError(f"model file {where}: tone labels {tone.labels} are not tones")


class ClassifyStage(Stage):
    name: ClassVar[str] = "classify"
    requires: ClassVar[frozenset[str]] = frozenset({"text", "entities"})
    assigns: ClassVar[frozenset[str]] = frozenset({"desks", "tone", "stance"})

    def __init__(self, models: dict[str, LinearTextModel] | None = None) -> None:
        self.rules = DeskRules()
        self.lexicon = LexiconTone()
        self.stance = StanceReader()
        self.models: dict[str, LinearTextModel] = dict(models or {})

    def open(self, ctx: Context) -> None:
        super().open(ctx)
        path = ctx.settings.desk_model
        if path and not self.models:
            self.models = ctx.shared(f"classify-model:{path}", lambda: load_bundle(path))
        _check(self.models, path or "the given models")

    def process(self, batch: list[Doc]) -> list[Doc]:
        texts = [doc_text(doc) for doc in batch]
        desks = self._desks(batch, texts)
        pairs = zip(batch, texts, strict=True)
        about = [entity_sentences(doc.entities, text) for doc, text in pairs]
        # One model call for the items and the sentences about their entities.
        tones = iter(self._tones([*texts, *(part for parts in about for part in parts.values())]))
        item_tones = [next(tones) for _ in texts]
        for doc, text, doc_desks, tone, parts in zip(batch, texts, desks, item_tones, about,
                                                     strict=True):
            doc.desks = doc_desks
            doc.tone = tone
            entity_tones = {eid: next(tones) for eid in parts}
            doc.entities = [replace(e, tone=entity_tones.get(e.id)) for e in doc.entities]
            stance = self.stance.read(text, doc.entities)
            doc.stance = stance.stance if stance else None
        return batch

    def process_doc(self, doc: Doc) -> None:
        self.process([doc])

    def _desks(self, batch: Sequence[Doc], texts: Sequence[str]) -> list[list[DeskScore]]:
        model = self.models.get("desks")
        probs = model.predict_proba(texts) if model and texts else None
        out = []
        for i, (doc, text) in enumerate(zip(batch, texts, strict=True)):
            scores = {d.desk: d for d in self.rules.score(text, doc.entities)}
            if model is not None and probs is not None:
                for j, label in enumerate(model.labels):
                    p = float(probs[i, j])
                    terms = model.top_terms(text, label) if p >= self.rules.threshold else []
                    why = (f"model p={p:.2f}", *(f'model term "{t}"' for t in terms))
                    scores[label] = DeskScore(label, round(p, 3), why)
            kept = [d for d in scores.values() if d.score >= self.rules.threshold]
            kept.sort(key=lambda d: (-d.score, DESKS.index(d.desk) if d.desk in DESKS else 99))
            out.append(kept)
        return out

    def _tones(self, texts: Sequence[str]) -> list[Tone]:
        model = self.models.get("tone")
        if model is None or not texts:
            return [self.lexicon.score(t).tone for t in texts]
        probs = model.predict_proba([tone_features(self.lexicon, t) for t in texts])
        index = {label: j for j, label in enumerate(model.labels)}
        out = []
        for row in probs:
            value = float(row[index["positive"]] if "positive" in index else 0.0) - float(
                row[index["negative"]] if "negative" in index else 0.0
            )
            label = model.labels[int(row.argmax())]
            if label not in {"positive", "negative", "neutral"}:
                label = label_for(value)
            out.append(Tone(label, round(value, 3), round(100 * float(row.max()))))
        return out
