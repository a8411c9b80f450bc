"""The transparent desk rules: entity evidence plus lexicon phrases, with reasons.

Every desk sums the weights of the evidence found for it (a phrase's weight grows
by `repeat_bonus` per extra mention, up to three) and maps the sum to a score with
`1 - exp(-sum)`, so that independent pieces of evidence add up and no score reaches
1. A desk is assigned at `threshold` (0.5, i.e. about 0.7 of evidence). The `why`
of a desk names its strongest pieces of evidence: `entity cb:BOJ`, `term "rate hike"`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from signaldesk.classify.lexicon import load_data, weights
from signaldesk.classify.text import PhraseMatcher
from signaldesk.errors import ConfigError
from signaldesk.models import DESKS, DeskScore, Entity

__all__ = ["DeskRules"]

MAX_WHY = 4


@dataclass(frozen=True, slots=True)
class _DeskLexicon:
    terms: dict[str, float]
    case_terms: dict[str, float]
    entity_types: dict[str, float]
    entity_ids: dict[str, float]


class DeskRules:
    """Scores all desks of one text from its phrases and its entities."""

    def __init__(self, data_file: str = "desks.json") -> None:
        data = load_data(data_file)
        self.threshold = float(data.get("threshold", 0.5))
        self.repeat_bonus = float(data.get("repeat_bonus", 0.5))
        desks = data.get("desks")
        if not isinstance(desks, dict) or set(desks) - set(DESKS):
            raise ConfigError(f"classify lexicon {data_file}: 'desks' must map known desks")
        self.lexicons = {
            desk: _DeskLexicon(
                terms=weights(spec.get("terms", {}), f"{data_file}:{desk}.terms"),
                case_terms=weights(spec.get("case_terms", {}), f"{data_file}:{desk}.case_terms"),
                entity_types=weights(spec.get("entity_types", {}), f"{data_file}:{desk}.types"),
                entity_ids=weights(spec.get("entity_ids", {}), f"{data_file}:{desk}.ids"),
            )
            for desk, spec in desks.items()
        }
        self._terms = PhraseMatcher(t for lex in self.lexicons.values() for t in lex.terms)
        self._case = PhraseMatcher(
            (t for lex in self.lexicons.values() for t in lex.case_terms), case_sensitive=True
        )

    def evidence(self, text: str, entities: Sequence[Entity]) -> dict[str, list[tuple[float, str]]]:
        """Per desk, the (weight, reason) pairs found, strongest first."""
        found: dict[str, list[tuple[float, str]]] = {d: [] for d in self.lexicons}
        terms = Counter(h.term.lower() for h in self._terms.find(text))
        acronyms = Counter(h.term for h in self._case.find(text))
        for desk, lex in self.lexicons.items():
            for term, count in terms.items():
                if term in lex.terms:
                    found[desk].append((self._repeat(lex.terms[term], count), f'term "{term}"'))
            for term, count in acronyms.items():
                if term in lex.case_terms:
                    weight = self._repeat(lex.case_terms[term], count)
                    found[desk].append((weight, f'term "{term}"'))
            found[desk].extend(_entity_evidence(lex, entities))
            # Stop phrases (weight 0) only hide shorter phrases; they are no evidence.
            found[desk] = sorted((p for p in found[desk] if p[0] > 0), key=lambda p: -p[0])
        return found

    def score(self, text: str, entities: Sequence[Entity] = ()) -> list[DeskScore]:
        """Every desk's score and reasons, best first (assigned or not)."""
        out = []
        for desk, pairs in self.evidence(text, entities).items():
            total = sum(w for w, _ in pairs)
            why = tuple(reason for _, reason in pairs[:MAX_WHY])
            out.append(DeskScore(desk, round(1.0 - math.exp(-total), 3), why))
        out.sort(key=lambda d: (-d.score, DESKS.index(d.desk)))
        return out

    def assign(self, text: str, entities: Sequence[Entity] = ()) -> list[DeskScore]:
        """Only the desks at or above the threshold, best first."""
        return [d for d in self.score(text, entities) if d.score >= self.threshold]

    def _repeat(self, weight: float, count: int) -> float:
        return weight * (1.0 + self.repeat_bonus * (min(count, 3) - 1))


def _entity_evidence(lex: _DeskLexicon, entities: Sequence[Entity]) -> list[tuple[float, str]]:
    out = []
    for ent in entities:
        weight = lex.entity_types.get(ent.type, 0.0)
        local = ent.id.partition(":")[2].lower()
        for fragment, w in lex.entity_ids.items():
            hit = ent.id == fragment if ":" in fragment else fragment in local
            if hit:
                weight = max(weight, w)
        if weight > 0:
            # An entity the tagger rates as central to the item counts for more.
            boost = 1.0 + max(0, min(ent.relevance, 100) - 50) / 100
            out.append((weight * boost, f"entity {ent.id}"))
    return out
