"""Benchmark of the brief stage, milliseconds per item on one core; prints JSON.

    .venv/bin/python bench/brief.py [--repeat 3]

Items: the 121 real Wikinews articles of ../shared/data/demo-corpus (CC BY 2.5), as
title + text, with no tagged entities (the stage then scores capitalised names).
Systems, in this run, CPU seconds (`time.process_time`), best of `--repeat`:

* `brief`: `BriefStage.process` (headline, lead, 2-4 bullets, word count);
* `centroid`: the usual extractive baseline, scikit-learn TF-IDF over the article's
  sentences and the 3 sentences closest to the article centroid (our sentence
  splitter, so only the selection differs);
* `lead3`: the first three sentences (the floor any summariser must beat on speed).

Then `brief_with_html`: the 15 real Global Voices article pages (CC BY 3.0, ~130 KB
each, ~1,000 words) extracted first (not timed), then `BriefStage` with the page HTML,
which adds the lookup of the page's own list items. The issue's budget is < 5 ms per item.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from signaldesk.brief import BriefStage
from signaldesk.classify.text import sentences
from signaldesk.extract.stage import ExtractStage
from signaldesk.models import Doc
from signaldesk.pipeline import Context
from signaldesk.settings import Settings

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "demo-corpus"


def _articles() -> list[tuple[str, str]]:
    path = DATA / "wikinews-meantime" / "articles.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(str(r["title"]), str(r["text"])) for r in rows]


def _centroid(text: str) -> list[str]:
    sents = sentences(text)
    if len(sents) <= 3:
        return sents
    x = TfidfVectorizer().fit_transform(sents)
    centre = np.asarray(x.mean(axis=0)).ravel()
    order = np.argsort(-(x @ centre))[:3]
    return [sents[i] for i in sorted(order)]


def _time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = _articles()
    stage = BriefStage()

    def run_brief() -> None:
        docs = [Doc(id=str(i), title=t, text=x) for i, (t, x) in enumerate(articles)]
        stage.process(docs)

    runs = {
        "brief": run_brief,
        "centroid": lambda: [_centroid(x) for _, x in articles],
        "lead3": lambda: [sentences(x)[:3] for _, x in articles],
    }
    ms = {k: 1000 * _time(fn, args.repeat) / len(articles) for k, fn in runs.items()}
    pages = [
        Doc(id=p.name, html=p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted((DATA / "globalvoices-2009-06" / "pages").glob("*.html"))
    ]
    extract = ExtractStage()
    extract.open(Context(settings=Settings()))
    extract.process(pages)
    kept = [d for d in pages if not d.dropped]
    ms["brief_with_html"] = 1000 * _time(lambda: stage.process(kept), args.repeat) / len(kept)
    words = sorted(len(x.split()) for _, x in articles)
    print(json.dumps({
        "items": len(articles), "pages_with_html": len(kept),
        "median_words": words[len(words) // 2], "max_words": words[-1],
        "ms_per_item": {k: round(v, 3) for k, v in ms.items()},
        "brief_vs_centroid_speed": round(ms["centroid"] / ms["brief"], 2),
        "budget_ms": 5.0,
    }, indent=1))


if __name__ == "__main__":
    main()
