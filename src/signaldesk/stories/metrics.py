"""Clustering quality: pairwise and BCubed precision, recall and F1.

Pairwise: over all pairs of documents, a pair is predicted positive when both share a
predicted cluster and truly positive when both share a gold cluster. BCubed (Bagga and
Baldwin 1998; Amigó et al. 2009): per document, precision is the share of its
predicted cluster that shares its gold label, recall the share of its gold cluster
that shares its predicted label; averaged over documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float


def _prf(p: float, r: float) -> PRF:
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def pairwise(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> PRF:
    """Pairwise P/R/F1 over the documents in `gold` (every one must be in `pred`)."""
    joint = Counter((gold[d], pred[d]) for d in gold)
    g = Counter(gold[d] for d in gold)
    p = Counter(pred[d] for d in gold)

    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    tp, pred_pos, gold_pos = pairs(joint), pairs(p), pairs(g)  # type: ignore[arg-type]
    return _prf(tp / pred_pos if pred_pos else 1.0, tp / gold_pos if gold_pos else 1.0)


def bcubed(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> PRF:
    """BCubed P/R/F1 over the documents in `gold`."""
    joint = Counter((gold[d], pred[d]) for d in gold)
    g = Counter(gold[d] for d in gold)
    p = Counter(pred[d] for d in gold)
    n = len(gold) or 1
    prec = sum(joint[(gold[d], pred[d])] / p[pred[d]] for d in gold) / n
    rec = sum(joint[(gold[d], pred[d])] / g[gold[d]] for d in gold) / n
    return _prf(prec, rec)
