"""The trafilatura evaluation set's own metric, for the quality gate and the benchmark.

Mirrors `tests/eval_common.py` of adbar/trafilatura: per page, each "with" segment found
in the whitespace-normalised output is a true positive (else a false negative), each
"without" segment found is a false positive; counts are summed over the corpus and P,
R, F1 computed from the sums. A crash (here: a refusal, `ExtractFailed`) is an empty
output. The reference runs trafilatura with include_comments=False, include_tables=True.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Case", "Score", "count_case", "english_cases", "load_cases", "score_cases", "subset",
           "token_f1"]

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Case:
    url: str
    file: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    date: str | None
    html: bytes


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, counts: tuple[int, int, int, int]) -> None:
        self.tp += counts[0]
        self.fp += counts[1]
        self.fn += counts[2]
        self.tn += counts[3]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"f1": round(self.f1, 4), "precision": round(self.precision, 4),
                "recall": round(self.recall, 4)}


def load_cases(folder: Path) -> list[Case]:
    """Every page of the set, in evaldata.json order, with its gzipped HTML read."""
    data: dict[str, dict[str, Any]] = json.loads(
        (folder / "evaldata.json").read_text(encoding="utf-8"))
    cases = []
    for url, item in data.items():
        for sub in ("cache", "eval"):
            path = folder / sub / f"{item['file']}.gz"
            if path.is_file():
                with gzip.open(path) as handle:
                    html = handle.read()
                break
        else:
            continue
        cases.append(Case(url=url, file=item["file"], with_=tuple(item["with"]),
                          without=tuple(item["without"]), date=item.get("date") or None,
                          html=html))
    return cases


def count_case(case: Case, result: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page, exactly as the set's eval_common.count_item."""
    if result is None:
        return 0, 0, len(case.with_), len(case.without)
    text = norm(result)
    tp = sum(1 for seg in case.with_ if norm(seg) in text)
    fp = sum(1 for seg in case.without if norm(seg) in text)
    return tp, fp, len(case.with_) - tp, len(case.without) - fp


def score_cases(cases: Iterable[Case], run: Callable[[bytes], str | None]) -> Score:
    score = Score()
    for case in cases:
        score.add(count_case(case, run(case.html)))
    return score


def english_cases(cases: Iterable[Case], classify: Callable[[str], str]) -> list[Case]:
    """The pages whose reference segments are English (the set has no language field)."""
    return [c for c in cases if classify(" ".join(c.with_ + c.without)) == "en"]


def token_f1(result: str | None, reference: str) -> tuple[float, float, float]:
    """Bag-of-words precision, recall, F1 of an extraction against a reference text.

    For the demo-corpus pages, whose reference is a whole cleaned text rather than
    segments; the same family of measure as the ScrapingHub article-extraction benchmark.
    """
    got = Counter(_WORD.findall((result or "").lower()))
    want = Counter(_WORD.findall(reference.lower()))
    common = sum((got & want).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision = common / sum(got.values())
    recall = common / sum(want.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def subset(cases: list[Case], size: int, seed: int) -> list[Case]:
    """A fixed, seeded sample of the cases (in corpus order), for a gate that must stay fast."""
    keep = set(random.Random(seed).sample(range(len(cases)), min(size, len(cases))))
    return [case for index, case in enumerate(cases) if index in keep]
