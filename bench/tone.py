"""Benchmark of tone scoring, sentences per second on one core; prints JSON.

    .venv/bin/python bench/tone.py [--repeat 3]

Sentences: Financial PhraseBank 50Agree (4,846 real financial news sentences, from
../shared/data). Systems, all in this run, each timed on every sentence one batch
at a time (CPU seconds, `time.process_time`, best of `--repeat`):

* `lexicon`: the shipped `LexiconTone`, one sentence at a time (what runs without a model);
* `trained`: the model `signaldesk train tone` fits (lexicon and `ToneMarkers` marker words,
  TF-IDF over word 1-2-grams and character 2-5-grams inside words, logistic regression,
  exported weights), fitted here on a seeded 80 % split; batched by 256. Character
  n-gram counting (scikit-learn's Python analyzer) is most of its time;
* `baseline`: the usual scikit-learn pipeline, `TfidfVectorizer` + `LogisticRegression`
  on the same split, `predict_proba` batched by 256 — the strongest alternative that
  runs on this machine (no PyPI package ships finance-sentiment weights without torch).

Accuracy on the 20 % split is printed beside each speed, so speed is never bought blind.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from signaldesk.classify import LexiconTone, LinearTextModel
from signaldesk.classify.stage import tone_features

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "financial-phrasebank"
BATCH = 256


def _rows() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "Sentences_50Agree.txt").read_text(encoding="latin-1").splitlines():
        text, sep, label = line.rpartition("@")
        if sep:
            rows.append((text.strip(), label.strip()))
    random.Random(42).shuffle(rows)
    return rows


def _best(fn: Callable[[], list[str]], repeat: int) -> tuple[float, list[str]]:
    best, out = float("inf"), []
    for _ in range(repeat):
        start = time.process_time()
        out = fn()
        best = min(best, time.process_time() - start)
    return best, out


def _batched(texts: Sequence[str], fn: Callable[[list[str]], list[str]]) -> list[str]:
    out: list[str] = []
    for i in range(0, len(texts), BATCH):
        out.extend(fn(list(texts[i : i + BATCH])))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = _rows()
    cut = len(rows) // 5
    test, train = rows[:cut], rows[cut:]
    texts = [s for s, _ in rows]
    lexicon = LexiconTone()
    model = LinearTextModel.fit(
        [tone_features(lexicon, s) for s, _ in train], [[g] for _, g in train], multilabel=False
    )
    baseline = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        LogisticRegression(C=10, max_iter=2000),
    ).fit([s for s, _ in train], [g for _, g in train])

    def run_lexicon() -> list[str]:
        return [lexicon.score(s).tone.label for s in texts]

    def run_trained() -> list[str]:
        def batch(chunk: list[str]) -> list[str]:
            probs = model.predict_proba([tone_features(lexicon, s) for s in chunk])
            return [model.labels[int(i)] for i in probs.argmax(axis=1)]
        return _batched(texts, batch)

    def run_baseline() -> list[str]:
        return _batched(texts, lambda chunk: [str(x) for x in baseline.predict(chunk)])

    gold = dict(test)
    result: dict[str, object] = {"sentences": len(texts), "cpu": "process_time, 1 core"}
    for name, fn in (("lexicon", run_lexicon), ("trained", run_trained),
                     ("baseline", run_baseline)):
        seconds, labels = _best(fn, args.repeat)
        by_text = dict(zip(texts, labels, strict=True))
        accuracy = sum(by_text[s] == g for s, g in gold.items()) / len(gold)
        result[name] = {"sentences_per_s": round(len(texts) / seconds),
                        "accuracy_20pct_split": round(accuracy, 4)}
    speeds = {k: v["sentences_per_s"] for k, v in result.items() if isinstance(v, dict)}
    result["trained_vs_baseline_speed"] = round(speeds["trained"] / speeds["baseline"], 2)
    result["lexicon_vs_baseline_speed"] = round(speeds["lexicon"] / speeds["baseline"], 2)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
