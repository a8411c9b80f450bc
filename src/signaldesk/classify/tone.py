"""Tone in -1..1 from a finance lexicon, with the words that decided it.

Rules, in order: a move word (`rose`, `fell`) takes its sign from what moved, so
"profit rose" is good and "losses rose" is bad (`bad_when_up` within the six words
before it); other words count +1 / -1 from the positive / negative lists; a negator
in the three words before flips the sign. The score is `(P - N) / (P + N + 1)`, the
label is positive at >= 0.25, negative at <= -0.25, neutral otherwise, and the
confidence grows with the amount and agreement of the evidence.

`ToneMarkers` writes the same kind of evidence as extra words for a trained tone model
to read beside the text: `not_<word>` inside a negation's scope (up to the next clause
break), `fingood`/`finbad` when a figure moves ("operating loss narrowed" is good,
"net sales decreased" bad) and `numup`/`numdown` when a sentence compares two numbers
("to EUR 7 mn from EUR 6.1 mn"). Measured on a dev slice of PhraseBank's train part,
each of the three adds a little and together they add about half a point.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from signaldesk.classify.lexicon import load_data
from signaldesk.classify.text import words
from signaldesk.errors import ConfigError
from signaldesk.models import Tone

__all__ = ["LexiconTone", "ToneMarkers", "ToneResult", "label_for"]

LOOKBACK = 6
NEGATION_SPAN = 3
CUTOFF = 0.25
MARK_SCOPE = 4  # words a negation reaches in the markers
MARK_BEFORE, MARK_AFTER = 6, 3  # where a move looks for the figure that moved
_MARK_TOKEN = re.compile(r"[a-z][a-z'\-]*|\d+(?:[.,]\d+)*%?|[.,;:]")
_NUM = r"(\d[\d.,]*%?)"
# New value first: "to 7 from 6.1", "7 compared with 6.1"; old value first: "from 6.1 to 7".
_NEW_OLD = (
    re.compile(rf"\bto (?:\S+ ){{0,2}}?{_NUM}(?: \S+){{0,3}}? from (?:\S+ ){{0,2}}?{_NUM}"),
    re.compile(
        rf"{_NUM}(?: [a-z]+){{0,4}}?(?: ,)? (?:as )?compared (?:to|with) (?:\S+ ){{0,3}}?{_NUM}"
    ),
)
_OLD_NEW = re.compile(rf"\bfrom (?:\S+ ){{0,2}}?{_NUM}(?: \S+){{0,3}}? to (?:\S+ ){{0,2}}?{_NUM}")


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


class ToneMarkers:
    """Marker words for a trained tone model (see the module doc); lists from tone.json."""

    def __init__(self, data_file: str = "tone.json") -> None:
        data = load_data(data_file)
        try:
            self.up = _words(data["move_up"])
            self.down = _words(data["move_down"])
            self.good = _words(data["metrics"])
            self.bad = {p.split()[-1] for p in _words(data["bad_when_up"])}
            self.negators = {p.split()[0] for p in _words(data["negators"])}
            self.breaks = _words(data["clause_breaks"])
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"classify lexicon {data_file}: missing or bad list {exc}") from exc

    def add(self, text: str) -> str:
        """`text` followed by its marker words."""
        tokens = _MARK_TOKEN.findall(text.lower())
        marks = self._negated(tokens) + self._moves(tokens) + self._numbers(tokens)
        return f"{text} {' '.join(marks)}" if marks else text

    def _negated(self, tokens: list[str]) -> list[str]:
        out, scope = [], 0
        for tok in tokens:
            if tok in self.breaks:
                scope = 0
                continue
            if scope and tok[0].isalpha():
                out.append(f"not_{tok}")
                scope -= 1
            if tok in self.negators or tok.endswith("n't"):
                scope = MARK_SCOPE
        return out

    def _moves(self, tokens: list[str]) -> list[str]:
        out = []
        for i, tok in enumerate(tokens):
            sign = 1 if tok in self.up else -1 if tok in self.down else 0
            if not sign:
                continue
            near = set(tokens[max(0, i - MARK_BEFORE) : i] + tokens[i + 1 : i + 1 + MARK_AFTER])
            way = "up" if sign > 0 else "down"
            if near & self.bad:
                out += ["finbad" if sign > 0 else "fingood", f"badmetric_{way}"]
            elif near & self.good:
                out += ["fingood" if sign > 0 else "finbad", f"goodmetric_{way}"]
            else:
                out.append(f"move_{way}")
        return out

    def _numbers(self, tokens: list[str]) -> list[str]:
        flat = " ".join(tokens)
        pairs = [m.groups() for rx in _NEW_OLD for m in rx.finditer(flat)]
        pairs += [(m.group(2), m.group(1)) for m in _OLD_NEW.finditer(flat)]
        bad = not self.bad.isdisjoint(tokens)
        out = []
        for new, old in pairs:
            a, b = _number(new), _number(old)
            if a is None or b is None or a == b:
                continue
            up = a > b
            out += ["numup" if up else "numdown", "fingood" if up != bad else "finbad"]
        return out


def _number(token: str) -> float | None:
    try:
        return float(token.rstrip("%").replace(",", ""))
    except ValueError:
        return None


def _words(values: object) -> set[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("expected a list of strings")
    return {v.lower() for v in values}
