"""Training data in, a linear model bundle out: what `signaldesk train` runs.

Training data is JSONL, one example a line: `{"text": ..., "desks": ["fx", ...]}` for
desks (an empty list means "no desk": not market news), `{"text": ..., "label":
"positive"}` for tone. A bad line is reported with its number and skipped; the run
fails only when too few good lines remain.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from signaldesk.classify.model import LinearTextModel, load_bundle, save_bundle
from signaldesk.classify.stage import tone_features
from signaldesk.classify.tone import LexiconTone
from signaldesk.errors import InputError
from signaldesk.models import DESKS

__all__ = ["TONE_LABELS", "Examples", "read_examples", "train", "train_model"]

TONE_LABELS = ("negative", "neutral", "positive")
MIN_EXAMPLES = 10


@dataclass
class Examples:
    texts: list[str] = field(default_factory=list)
    targets: list[list[str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_examples(path: str | Path, task: str) -> Examples:
    """Parse a JSONL training file for `task` ("desks" or "tone")."""
    out = Examples()
    for number, line in _lines(Path(path)):
        try:
            text, target = _parse(line, task)
        except (InputError, json.JSONDecodeError) as exc:
            out.problems.append(f"{path}: line {number}: {exc}")
            continue
        out.texts.append(text)
        out.targets.append(target)
    return out


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, line
    except OSError as exc:
        raise InputError(f"training data {path}: {exc}") from exc


def _parse(line: str, task: str) -> tuple[str, list[str]]:
    data = json.loads(line)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError('expected an object with a "text" string')
    text = data["text"].strip()
    if not text:
        raise InputError("empty text")
    if task == "desks":
        desks = data.get("desks")
        if not isinstance(desks, list) or not all(isinstance(d, str) for d in desks):
            raise InputError('expected "desks": a list of desk names')
        unknown = sorted(set(desks) - set(DESKS))
        if unknown:
            raise InputError(f"unknown desks {unknown}; known: {', '.join(DESKS)}")
        return text, sorted(set(desks))
    label = data.get("label", data.get("tone"))
    if label not in TONE_LABELS:
        raise InputError(f'expected "label": one of {", ".join(TONE_LABELS)}')
    return text, [str(label)]


def train_model(examples: Examples, task: str) -> LinearTextModel:
    """Fit the model of `task` on `examples` (tone reads the lexicon's markers too)."""
    if len(examples.texts) < MIN_EXAMPLES:
        raise InputError(f"only {len(examples.texts)} usable examples; need {MIN_EXAMPLES}")
    if task == "desks":
        return LinearTextModel.fit(examples.texts, examples.targets, multilabel=True)
    lexicon = LexiconTone()
    texts = [tone_features(lexicon, t) for t in examples.texts]
    return LinearTextModel.fit(texts, examples.targets, multilabel=False)


def train(data: str | Path, task: str, output: str | Path) -> tuple[LinearTextModel, Examples]:
    """Train `task` on `data` and store it in the bundle at `output` (keeping other tasks)."""
    examples = read_examples(data, task)
    model = train_model(examples, task)
    bundle = load_bundle(output) if Path(output).exists() else {}
    bundle[task] = model
    save_bundle(output, bundle)
    return model, examples
