"""Tone in -1..1 from a finance lexicon, with the words that decided it.

Rules, in order: a move word (`rose`, `fell`) takes its sign from what moved, so
"profit rose" is good and "losses rose" is bad (`bad_when_up` within the six words
before it); other words count +1 / -1 from the positive / negative lists; a negator
in the three words before flips the sign. The score is `(P - N) / (P + N + 1)`, the
label is positive at >= 0.25, negative at <= -0.25, neutral otherwise, and the
confidence grows with the amount and agreement of the evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from signaldesk.classify.lexicon import load_data
from signaldesk.classify.text import words
from signaldesk.errors import ConfigError
from signaldesk.models import Tone

__all__ = ["LexiconTone", "ToneResult", "label_for"]

LOOKBACK = 6
NEGATION_SPAN = 3
CUTOFF = 0.25


@dataclass(frozen=True, slots=True)
class ToneResult:
    tone: Tone
    why: tuple[str, ...]


def label_for(score: float) -> str:
    if score >= CUTOFF:
        return "positive"
    if score <= -CUTOFF:
        return "negative"
    return "neutral"


class LexiconTone:
    """The transparent default tone model."""

    def __init__(self, data_file: str = "tone.json") -> None:
        data = load_data(data_file)
        try:
            self.positive = _words(data["positive"])
            self.negative = _words(data["negative"])
            self.up = _words(data["up"])
            self.down = _words(data["down"])
            self.bad_when_up = {p.split()[-1] for p in _words(data["bad_when_up"])}
            self.negators = {p.split()[0] for p in _words(data["negators"])}
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"classify lexicon {data_file}: missing or bad list {exc}") from exc

    def score(self, text: str) -> ToneResult:
        tokens = words(text)
        pos = neg = 0
        why: list[str] = []
        for i, tok in enumerate(tokens):
            sign = self._sign(tokens, i, tok)
            if not sign:
                continue
            if any(t in self.negators for t in tokens[max(0, i - NEGATION_SPAN) : i]):
                sign = -sign
            if sign > 0:
                pos += 1
            else:
                neg += 1
            if len(why) < 4:
                why.append(f'{"+" if sign > 0 else "-"}"{tok}"')
        value = (pos - neg) / (pos + neg + 1)
        label = label_for(value)
        agreement = abs(pos - neg) / (pos + neg) if pos + neg else 1.0
        confidence = round(100 * agreement * (1 - math.exp(-(pos + neg + 1) / 2)))
        return ToneResult(Tone(label, round(value, 3), max(0, min(100, confidence))), tuple(why))

    def _sign(self, tokens: list[str], i: int, tok: str) -> int:
        if tok in self.up or tok in self.down:
            before = tokens[max(0, i - LOOKBACK) : i]
            flipped = any(t in self.bad_when_up for t in before)
            sign = 1 if tok in self.up else -1
            return -sign if flipped else sign
        if tok in self.bad_when_up and any(
            t in self.up or t in self.down for t in tokens[i + 1 : i + 1 + LOOKBACK]
        ):
            return 0  # the move after it carries the sign ("losses narrowed")
        if tok in self.positive:
            return 1
        if tok in self.negative:
            return -1
        return 0


def _words(values: object) -> set[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("expected a list of strings")
    return {v.lower() for v in values}
