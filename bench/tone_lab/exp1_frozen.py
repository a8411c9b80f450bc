"""1. Frozen all-MiniLM-L6-v2 mean-pooled embeddings + logistic regression,
alone and concatenated with SignalDesk's TF-IDF (+ lexicon/ToneMarkers) features.

C (and the weight of the embedding block) chosen on the dev slice of the train part;
then refit on the whole 80 % train part and scored once on the 20 % test split.
The embeddings are cached in OUT/frozen_emb.npz (reused only for the same sentences).

    OMP_NUM_THREADS=1 nice -n 5 python bench/tone_lab/exp1_frozen.py [--limit 200]
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from common import Split, gold, model_dir, out_dir, parser, record, scores, split, timed
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from tmodel import mean_pool, run_batched, tokenizer
from transformers import AutoModel

from signaldesk.classify import LexiconTone
from signaldesk.classify.stage import tone_features
from signaldesk.classify.tone import ToneMarkers

torch.set_num_threads(1)


def sd_texts(sentences: list[str]) -> list[str]:
    """The text `signaldesk train tone` feeds its TF-IDF: lexicon features + marker words."""
    lex, marks = LexiconTone(), ToneMarkers()
    return [marks.add(tone_features(lex, s)) for s in sentences]


def tfidf(fit_texts: list[str], other: list[list[str]]) -> tuple[csr_matrix, list[csr_matrix]]:
    w = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=100_000)
    c = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
                        max_features=150_000)
    x = hstack([w.fit_transform(fit_texts), c.fit_transform(fit_texts)]).tocsr()
    return x, [hstack([w.transform(t), c.transform(t)]).tocsr() for t in other]


def embeddings(out: Path, every: list[str]) -> dict[str, np.ndarray]:
    """Mean-pooled frozen MiniLM vectors of `every`; the first run also records the speed."""
    cache = out / "frozen_emb.npz"
    if cache.exists():
        z = np.load(cache, allow_pickle=True)
        if list(z["texts"]) == every:
            return dict(zip(every, z["emb"], strict=True))
    model = AutoModel.from_pretrained(str(model_dir())).eval()
    tok = tokenizer()

    def encode() -> np.ndarray:
        return run_batched(lambda i, m: mean_pool(model(input_ids=i, attention_mask=m)
                                                  .last_hidden_state, m).numpy(), tok, every)

    cpu, wall, emb = timed(encode, repeat=1)
    record(out, "minilm-frozen-encode-torch-1thread", sentences=len(every),
           sentences_per_s_cpu=round(len(every) / cpu),
           sentences_per_s_wall=round(len(every) / wall))
    np.savez(cache, texts=np.array(every, dtype=object), emb=emb)
    return dict(zip(every, emb, strict=True))


def main() -> None:
    args = parser(__doc__).parse_args()
    out = out_dir(args)
    s = split(args.limit)
    every = sorted({t for rows in s.values() for t, _ in rows})  # = train ∪ test
    vec = embeddings(out, every)

    def emb(part: str) -> np.ndarray:
        return np.stack([vec[t] for t, _ in s[part]])

    best = choose(s, emb)
    c_emb = max(best["emb"])[1]
    clf = LogisticRegression(C=c_emb, max_iter=5000).fit(emb("train"), gold(s, "train"))
    record(out, "minilm-frozen+LR", C=c_emb, dev_acc=max(best["emb"])[0], limit=args.limit,
           **scores(gold(s, "test"), list(clf.predict(emb("test")))))
    c, alpha = max(best["concat"])[1]
    sd = {p: sd_texts([t for t, _ in s[p]]) for p in ("train", "test")}
    xtr, (xte,) = tfidf(sd["train"], [sd["test"]])
    clf = LogisticRegression(C=c, max_iter=5000).fit(
        hstack([xtr, csr_matrix(emb("train") * alpha)]).tocsr(), gold(s, "train"))
    pred = clf.predict(hstack([xte, csr_matrix(emb("test") * alpha)]).tocsr())
    record(out, "minilm-frozen+tfidf-markers+LR", C=c, alpha=alpha, limit=args.limit,
           dev_acc=max(best["concat"])[0], **scores(gold(s, "test"), list(pred)))


def choose(s: Split, emb: Callable[[str], np.ndarray]) -> dict[str, list[tuple[float, Any]]]:
    """Dev accuracy of every C (embeddings only) and every (C, alpha) (concatenated)."""
    best: dict[str, list[tuple[float, Any]]] = {"emb": [], "concat": []}
    for c in (0.3, 1, 3, 10, 30, 100):
        clf = LogisticRegression(C=c, max_iter=5000).fit(emb("fit"), gold(s, "fit"))
        best["emb"].append((scores(gold(s, "dev"), list(clf.predict(emb("dev"))))["accuracy"], c))
    sd = {p: sd_texts([t for t, _ in s[p]]) for p in ("fit", "dev")}
    xfit, (xdev,) = tfidf(sd["fit"], [sd["dev"]])
    for alpha in (0.5, 1.0, 2.0):
        for c in (3, 10, 30):
            a = hstack([xfit, csr_matrix(emb("fit") * alpha)]).tocsr()
            b = hstack([xdev, csr_matrix(emb("dev") * alpha)]).tocsr()
            clf = LogisticRegression(C=c, max_iter=5000).fit(a, gold(s, "fit"))
            acc = scores(gold(s, "dev"), list(clf.predict(b)))["accuracy"]
            best["concat"].append((acc, (c, alpha)))
    print({k: sorted(v)[-3:] for k, v in best.items()})
    return best


if __name__ == "__main__":
    main()
