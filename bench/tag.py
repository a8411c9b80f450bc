"""Benchmark of entity tagging; prints JSON.

    .venv/bin/python bench/tag.py [--mb 2] [--repeat 3]

Text: Reuters-21578 article bodies from ../shared/data (real 1987 newswire), about
`--mb` megabytes. One core (single process). Figures are MB of text per CPU-second of
this process (`time.process_time`, so other jobs on a shared machine do not count),
the best of `--repeat` runs:

* `gazetteer`: our matcher alone (ahocorasick-rs leftmost-longest over every alias of
  the knowledge base + word-boundary filter + case rules), the part the issue's
  5 MB/s goal is about;
* `mentions`: plus context rules, role phrases and coreference (`Tagger.mentions`);
* `tag_stage`: everything the tag stage does per document (entities, relevance,
  instruments, quotes, attribution);
* `regex_trie_baseline`: the strongest plain-regex alternative: every alias folded into
  one trie-shaped stdlib `re` pattern (shared prefixes factored out, longest first,
  case-insensitive, word boundaries), followed by the same case rules;
* `regex_flat_baseline`: the naive flat alternation of every alias, on a tenth of the
  text (it is two orders of magnitude slower).
pyahocorasick is not a project dependency, so the regexes are the baselines measured
in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from signaldesk.knowledge import load_kb
from signaldesk.models import Doc
from signaldesk.tag import DocTagger, Gazetteer, Tagger
from signaldesk.tag.matcher import case_ok

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "reuters21578"
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


def load_texts(megabytes: float) -> list[str]:
    texts: list[str] = []
    size = 0
    for path in sorted(DATA.glob("reut2-*.sgm.gz")):
        with gzip.open(path, "rt", encoding="latin-1") as fh:
            raw = fh.read()
        for m in _BODY.finditer(raw):
            body = html.unescape(m.group(1)).strip()
            texts.append(body)
            size += len(body.encode("utf-8"))
            if size >= megabytes * 1e6:
                return texts
    return texts


def best_rate(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    total = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()  # CPU time of this process: "per core" on a shared box
        for text in texts:
            fn(text)
        best = min(best, time.process_time() - start)
    return round(total / best, 2)


def _trie_pattern(words: list[str]) -> str:
    """A regex equivalent to the alternation of `words`, with shared prefixes factored."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return emit(trie)


def regex_baseline(trie: bool) -> Callable[[str], object]:
    kb = load_kb()
    by_lower: dict[str, str] = {}
    for a in kb.aliases:
        by_lower.setdefault(a.text.lower(), a.text)
    words = sorted(by_lower, key=len, reverse=True)
    body = _trie_pattern(words) if trie else "|".join(map(re.escape, words))
    pattern = re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.I)

    def run(text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in pattern.finditer(text)
                if case_ok(by_lower[m.group(0).lower()], m.group(0))]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = load_texts(args.mb)
    kb = load_kb()
    gazetteer, tagger, doc_tagger = Gazetteer(kb), Tagger(kb), DocTagger(kb)
    day = date(1987, 3, 1)

    def stage(text: str) -> None:
        doc_tagger.tag(Doc(id="b", text=text), day)

    started = time.perf_counter()
    trie_baseline = regex_baseline(trie=True)
    baseline_build = round(time.perf_counter() - started, 2)
    flat_baseline = regex_baseline(trie=False)
    result = {
        "texts": len(texts),
        "megabytes": round(sum(len(t.encode("utf-8")) for t in texts) / 1e6, 2),
        "aliases": len(kb.aliases),
        "mb_per_s": {
            "gazetteer": best_rate(gazetteer.find, texts, args.repeat),
            "mentions": best_rate(lambda t: tagger.mentions(t, day), texts, args.repeat),
            "tag_stage": best_rate(stage, texts, args.repeat),
            "regex_trie_baseline": best_rate(trie_baseline, texts, args.repeat),
            "regex_flat_baseline": best_rate(flat_baseline, texts[: len(texts) // 10], 1),
        },
        "regex_trie_compile_s": baseline_build,
    }
    rates = result["mb_per_s"]
    assert isinstance(rates, dict)
    base = rates["regex_trie_baseline"]
    result["gazetteer_vs_regex_trie"] = round(rates["gazetteer"] / base, 2)
    result["mentions_vs_regex_trie"] = round(rates["mentions"] / base, 2)
    result["tag_stage_vs_regex_trie"] = round(rates["tag_stage"] / base, 2)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
