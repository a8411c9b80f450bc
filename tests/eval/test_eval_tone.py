"""Quality gates of tone, on real data.

Financial PhraseBank v1.0: accuracy and macro-F1 on a seeded 20 % test split of
Sentences_50Agree (seed 42, shuffled), the protocol of FinBERT (Araci 2019: 0.86 /
0.84; ULMFit 0.83 / 0.79; LSTM 0.71 / 0.64), and on Sentences_AllAgree. Two systems:
(a) the shipped lexicon; (b) the tone model the `train tone` command fits, trained
here on the 80 % train split only (PhraseBank is CC BY-NC-SA: no model trained on it
ships). For (b) AllAgree is scored only on its sentences outside the train split.

The tone model's design (character n-grams, `ToneMarkers`) was chosen on a dev slice
of the 80 % train part, never on the test split: 5-fold CV accuracy there went from
0.799 (word n-grams + lexicon markers) to 0.806 with character 2-5-grams and 0.808
with the markers as well. `test_phrasebank_dev_slice` re-measures one seeded dev slice.

SemEval-2017 Task 5 headlines (training part, 1,142): cosine similarity between
predicted and gold scores in [-1, 1], the task's metric.

Run: .venv/bin/pytest tests/eval/test_eval_tone.py -m eval -s
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score

from signaldesk.classify import LexiconTone, LinearTextModel
from signaldesk.classify.stage import tone_features

pytestmark = pytest.mark.eval

Sentence = tuple[str, str]


def _read(path: Path) -> list[Sentence]:
    rows = []
    for line in path.read_text(encoding="latin-1").splitlines():
        text, sep, label = line.rpartition("@")
        if sep and label.strip() in {"positive", "negative", "neutral"}:
            rows.append((text.strip(), label.strip()))
    return rows


@pytest.fixture(scope="module")
def phrasebank(shared_data: Callable[[str], Path]) -> dict[str, list[Sentence]]:
    folder = shared_data("financial-phrasebank")
    rows = _read(folder / "Sentences_50Agree.txt")
    random.Random(42).shuffle(rows)
    cut = len(rows) // 5
    return {"test": rows[:cut], "train": rows[cut:], "all_agree": _read(
        folder / "Sentences_AllAgree.txt")}


@pytest.fixture(scope="module")
def tone_model(phrasebank: dict[str, list[Sentence]]) -> LinearTextModel:
    lexicon = LexiconTone()
    train = phrasebank["train"]
    texts = [tone_features(lexicon, s) for s, _ in train]
    return LinearTextModel.fit(texts, [[g] for _, g in train], multilabel=False)


def test_phrasebank_dev_slice(phrasebank: dict[str, list[Sentence]]) -> None:
    """The design choice, on a dev slice cut from the train part (the test split unread)."""
    rows = list(phrasebank["train"])
    random.Random(7).shuffle(rows)
    dev, fit = rows[: len(rows) // 5], rows[len(rows) // 5 :]
    lexicon = LexiconTone()
    texts = [tone_features(lexicon, s) for s, _ in fit]
    out = {}
    for analyzer in ("words", "tone"):
        model = LinearTextModel.fit(texts, [[g] for _, g in fit], multilabel=False,
                                    analyzer=analyzer)
        out[analyzer] = _scores([g for _, g in dev], _model_labels(model, [s for s, _ in dev]))
    print(json.dumps({"phrasebank_dev_slice": out}))
    assert out["tone"]["accuracy"] > out["words"]["accuracy"]  # measured 0.8155 vs 0.8103
    assert out["tone"]["accuracy"] >= 0.81


def _scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    return {"n": len(gold), "accuracy": round(float(accuracy_score(gold, pred)), 4),
            "macro_f1": round(float(f1_score(gold, pred, average="macro")), 4)}


def _model_labels(model: LinearTextModel, sentences: list[str]) -> list[str]:
    lexicon = LexiconTone()
    probs = model.predict_proba([tone_features(lexicon, s) for s in sentences])
    return [model.labels[int(i)] for i in probs.argmax(axis=1)]


def test_phrasebank_lexicon(phrasebank: dict[str, list[Sentence]]) -> None:
    lexicon = LexiconTone()
    out = {}
    for part in ("test", "all_agree"):
        rows = phrasebank[part]
        out[part] = _scores([g for _, g in rows], [lexicon.score(s).tone.label for s, _ in rows])
    print(json.dumps({"phrasebank": "lexicon (shipped)", **out}))
    assert out["test"]["accuracy"] >= 0.68  # measured 0.697
    assert out["all_agree"]["accuracy"] >= 0.80  # measured 0.823


def test_phrasebank_trained_model(
    phrasebank: dict[str, list[Sentence]], tone_model: LinearTextModel
) -> None:
    test = phrasebank["test"]
    seen = {s for s, _ in phrasebank["train"]}
    unseen = [(s, g) for s, g in phrasebank["all_agree"] if s not in seen]
    out = {
        "test": _scores([g for _, g in test], _model_labels(tone_model, [s for s, _ in test])),
        "all_agree_unseen": _scores(
            [g for _, g in unseen], _model_labels(tone_model, [s for s, _ in unseen])
        ),
    }
    print(json.dumps({"phrasebank": "linear model fit on the 80% split", **out}))
    # Before characters and markers: 0.771 / 0.736, AllAgree unseen 0.925.
    assert out["test"]["accuracy"] >= 0.78  # measured 0.7843
    assert out["test"]["macro_f1"] >= 0.75  # measured 0.7544
    assert out["all_agree_unseen"]["accuracy"] >= 0.93  # measured 0.9354


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_semeval_headlines_cosine(
    shared_data: Callable[[str], Path], tone_model: LinearTextModel
) -> None:
    path = shared_data("semeval2017-task5-and-fiqa") / "SemEval2017Task5Headlines.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    titles = [str(r["title"]) for r in rows]
    gold = np.array([float(r["sentiment"]) for r in rows])
    lexicon = LexiconTone()
    lex = np.array([lexicon.score(t).tone.score for t in titles])
    probs = tone_model.predict_proba([tone_features(lexicon, t) for t in titles])
    index = {label: j for j, label in enumerate(tone_model.labels)}
    model = probs[:, index["positive"]] - probs[:, index["negative"]]
    out = {"n": len(rows), "lexicon_cosine": round(_cosine(lex, gold), 4),
           "phrasebank_model_cosine": round(_cosine(model, gold), 4)}
    print(json.dumps({"semeval2017_task5_headlines": out}))
    assert out["lexicon_cosine"] >= 0.48  # measured 0.513
    # measured 0.4802 (0.511 before characters and markers: the PhraseBank-fitted model
    # got more PhraseBank-specific; the lexicon, 0.513, stays the better headline reader)
    assert out["phrasebank_model_cosine"] >= 0.48
