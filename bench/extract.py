"""Extraction speed and quality: SignalDesk vs trafilatura (default settings), same pages.

    .venv/bin/python bench/extract.py [--pages N] [--repeat R] [--data DIR]

Each engine runs as a whole process (`--worker NAME`): interpreter start, imports, model
loads, reading the gzipped pages and extracting them; the parent times each process
from spawn to exit and takes the best of R repeats, alternating engines so that load on
a shared machine hits both alike. Workers also score their output with the set's own
metric (see signaldesk.extract.evaluate), so speed and F1 come from the same run.
Prints one JSON object: pages/s for both, the ratio, F1 overall and English-only (the
pages whose reference segments py3langid reads as English), and the 10 worst pages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "trafilatura-eval"


def _signaldesk() -> Any:
    from signaldesk.extract import ExtractFailed, Extractor

    extractor = Extractor()

    def run(page: bytes) -> str | None:
        try:
            return extractor.extract_html(page).text
        except ExtractFailed:
            return None

    return run


def _trafilatura() -> Any:
    import trafilatura

    def run(page: bytes) -> str | None:
        result: str | None = trafilatura.extract(
            page, include_comments=False, include_tables=True, include_formatting=False)
        return result

    return run


def worker(name: str, data: Path, pages: int) -> None:
    """Extract the first `pages` pages; print per-page counts as JSON."""
    from signaldesk.extract.evaluate import count_case, load_cases

    run = {"signaldesk": _signaldesk, "trafilatura": _trafilatura}[name]()
    cases = load_cases(data)[:pages]
    counts = []
    for case in cases:
        try:
            result = run(case.html)
        except Exception:  # the set's rule: a crash is an empty output
            result = None
        counts.append(count_case(case, result))
    json.dump({"counts": counts}, sys.stdout)


def _timed(name: str, data: Path, pages: int) -> tuple[float, list[list[int]]]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--worker", name, "--pages", str(pages), "--data", str(data)],
        check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return seconds, json.loads(done.stdout)["counts"]


def _score(counts: list[list[int]], keep: list[bool] | None = None) -> dict[str, float]:
    from signaldesk.extract.evaluate import Score

    score = Score()
    for index, count in enumerate(counts):
        if keep is None or keep[index]:
            score.add((count[0], count[1], count[2], count[3]))
    return score.as_dict()


def _english(data: Path, pages: int) -> list[bool]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from signaldesk.extract.evaluate import load_cases

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    return [identifier.classify(" ".join(c.with_ + c.without))[0] == "en"
            for c in load_cases(data)[:pages]]


def _worst(data: Path, ours: list[list[int]], theirs: list[list[int]]) -> list[dict[str, Any]]:
    from signaldesk.extract.evaluate import load_cases

    cases = load_cases(data)
    rows = []
    for case, mine, ref in zip(cases, ours, theirs, strict=False):
        rows.append({"file": case.file, "url": case.url, "lost": mine[2] + mine[1],
                     "signaldesk": {"tp": mine[0], "fp": mine[1], "fn": mine[2]},
                     "trafilatura": {"tp": ref[0], "fp": ref[1], "fn": ref[2]}})
    rows.sort(key=lambda row: -row["lost"])
    return rows[:10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=990)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--worker", choices=["signaldesk", "trafilatura"])
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.pages)
        return
    best = {"signaldesk": float("inf"), "trafilatura": float("inf")}
    counts: dict[str, list[list[int]]] = {}
    for repeat in range(args.repeat):
        order = ("signaldesk", "trafilatura") if repeat % 2 == 0 else ("trafilatura", "signaldesk")
        for name in order:
            seconds, counts[name] = _timed(name, args.data, args.pages)
            best[name] = min(best[name], seconds)
    pages = len(counts["signaldesk"])
    english = _english(args.data, pages)
    result = {
        "pages": pages,
        "english_pages": sum(english),
        "pages_per_s": {name: round(pages / s, 2) for name, s in best.items()},
        "ratio": round(best["trafilatura"] / best["signaldesk"], 3),
        "f1": {name: _score(c) for name, c in counts.items()},
        "f1_english": {name: _score(c, english) for name, c in counts.items()},
        "published": {"trafilatura 2.2.0 standard": {"f1": 0.924, "precision": 0.906,
                                                      "recall": 0.943}},
        "worst_signaldesk": _worst(args.data, counts["signaldesk"], counts["trafilatura"]),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
