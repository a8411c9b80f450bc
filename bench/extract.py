"""Extraction speed and quality: SignalDesk vs trafilatura (default settings), same pages.

    .venv/bin/python bench/extract.py [--pages N] [--repeat R] [--data DIR]
                                      [--fast-path default|on|off|both]

Each engine runs as a whole process (`--worker NAME`): interpreter start, imports, model
loads, reading the gzipped pages and extracting them; the parent times each process
from spawn to exit and takes the best of R repeats, alternating engines so that load on
a shared machine hits both alike. Workers print their texts and the parent scores them
with the set's own metric (see signaldesk.extract.evaluate), untimed, so speed and F1
come from the same run and the metric's cost counts for neither engine.
Prints one JSON object: pages/s for both, the ratio, F1 overall and English-only (the
pages whose reference segments py3langid reads as English), and the 10 worst pages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

_ENGINES = ["signaldesk", "signaldesk-fast-path-on", "signaldesk-fast-path-off", "trafilatura"]
_ENGINES_FOR = {"default": ["signaldesk"], "on": ["signaldesk-fast-path-on"],
                "off": ["signaldesk-fast-path-off"],
                "both": ["signaldesk-fast-path-on", "signaldesk-fast-path-off"]}
DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "trafilatura-eval"


def _signaldesk(fast_path: bool | None = None) -> Any:
    from signaldesk.extract import ExtractFailed, Extractor

    extractor = Extractor() if fast_path is None else Extractor(fast_path=fast_path)

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
    """Extract the first `pages` pages; print the texts as JSON (the parent scores them,
    so that the metric's own cost is not timed as either engine's)."""
    from signaldesk.extract.evaluate import load_cases

    run = {"signaldesk": _signaldesk, "trafilatura": _trafilatura,
           "signaldesk-fast-path-off": lambda: _signaldesk(fast_path=False),
           "signaldesk-fast-path-on": lambda: _signaldesk(fast_path=True)}[name]()
    cases = load_cases(data)[:pages]
    texts = []
    for case in cases:
        try:
            result = run(case.html)
        except Exception:  # the set's rule: a crash is an empty output
            result = None
        texts.append(result)
    json.dump({"texts": texts}, sys.stdout)


def _timed(name: str, data: Path, pages: int) -> tuple[float, float, list[str | None]]:
    """Wall seconds, CPU seconds and per-page texts of one worker process."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--worker", name, "--pages", str(pages), "--data", str(data)],
        check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user
           + after.children_system - before.children_system)
    texts: list[str | None] = json.loads(done.stdout)["texts"]
    return seconds, cpu, texts


def _counts(data: Path, texts: dict[str, list[str | None]]) -> dict[str, list[list[int]]]:
    """Per-page (tp, fp, fn, tn) of every engine's texts, with the set's own metric."""
    from signaldesk.extract.evaluate import count_case, load_cases

    cases = load_cases(data)
    return {name: [list(count_case(case, text)) for case, text in zip(cases, found, strict=False)]
            for name, found in texts.items()}


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
    parser.add_argument("--fast-path", choices=["default", "on", "off", "both"],
                        default="default",
                        help="bench the Extractor with its lexbor fast path as configured by "
                             "default, forced on or off, or both on and off")
    parser.add_argument("--worker", choices=_ENGINES)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.data, args.pages)
        return
    names = [*_ENGINES_FOR[args.fast_path], "trafilatura"]
    best = dict.fromkeys(names, float("inf"))
    times: dict[str, dict[str, float]] = {name: {"wall": float("inf"), "cpu": float("inf")}
                                          for name in names}
    texts: dict[str, list[str | None]] = {}
    for repeat in range(args.repeat):
        order = names if repeat % 2 == 0 else names[::-1]
        for name in order:
            seconds, cpu, texts[name] = _timed(name, args.data, args.pages)
            best[name] = min(best[name], seconds)
            times[name]["cpu"] = min(times[name]["cpu"], cpu)
    counts = _counts(args.data, texts)
    ours = names[0]
    pages = len(counts[ours])
    english = _english(args.data, pages)
    result = {
        "pages": pages,
        "english_pages": sum(english),
        "pages_per_s": {name: round(pages / s, 2) for name, s in best.items()},
        "ratio": {name: round(best["trafilatura"] / s, 3) for name, s in best.items()},
        # CPU seconds of each worker process (user + system): steadier than the wall clock
        # on a machine shared with other jobs.
        "cpu_ratio": {name: round(times["trafilatura"]["cpu"] / t["cpu"], 3)
                      for name, t in times.items()},
        "f1": {name: _score(c) for name, c in counts.items()},
        "f1_english": {name: _score(c, english) for name, c in counts.items()},
        "published": {"trafilatura 2.2.0 standard": {"f1": 0.924, "precision": 0.906,
                                                      "recall": 0.943}},
        "worst_signaldesk": _worst(args.data, counts[ours], counts["trafilatura"]),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
