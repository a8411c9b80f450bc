"""Benchmark of the dedupe index and story assignment; prints JSON.

    .venv/bin/python bench/dedupe.py [--docs 3000] [--sizes 100000,1000000]
    .venv/bin/python bench/dedupe.py --only-store [--store-docs 1000]

1. Real text (Reuters-21578 bodies from ../shared/data, dated 1987): per-article time of
   the near-duplicate check (shingles + MinHash + LSH query + insert) and of story
   assignment (TF-IDF vector + candidate scoring + update), ours vs datasketch 2.0
   MinHash + MinHashLSH (64 permutations, the stage's threshold) on the same shingles.
2. Synthetic signatures at each size (100k, 1M): memory of the index, insert+query time,
   recall of planted near-copies (25 % of the 64 MinHash values changed, i.e. Jaccard
   ~0.75) of documents inserted at every age, and false matches of fresh random
   signatures. datasketch is measured at 100k only (it would take several GB at 1M on
   this shared machine); its per-1M figure is that measurement x 10.
3. Dedupe + cluster with state in a SQLite file (wall time, batches of 32): the stages'
   state written once per stage and batch (`Store.state_put_many`) vs one commit per key
   (as before batching), run twice around the per-key run to show the noise.

Times are CPU seconds of this process (`time.process_time`): the machine is shared and
wall time swings with its load. datasketch is a bench-only extra: `pip install -e .[bench]`.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import html
import json
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from signaldesk.dedupe.index import NearDupIndex
from signaldesk.dedupe.minhash import MinHasher
from signaldesk.dedupe.stage import DedupeStage
from signaldesk.dedupe.text import shingle_hashes
from signaldesk.models import Doc
from signaldesk.pipeline.context import Context
from signaldesk.settings import Settings
from signaldesk.stories.stage import StoryStage

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
T0 = datetime(1987, 3, 1, tzinfo=UTC)
NEAR = DedupeStage().threshold  # the Jaccard threshold the stage uses


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


def reuters(limit: int) -> list[tuple[str, str, datetime]]:
    out: list[tuple[str, str, datetime]] = []
    for path in sorted((DATA / "reuters21578").glob("reut2-*.sgm.gz")):
        with gzip.open(path, "rt", encoding="latin-1") as fh:
            raw = fh.read()
        for block in raw.split("</REUTERS>"):
            body = re.search(r"<BODY>(.*?)</BODY>", block, re.S)
            title = re.search(r"<TITLE>(.*?)</TITLE>", block, re.S)
            date = re.search(r"<DATE>\s*(\d+-\w+-\d{4} [\d:]+)", block)
            if not body or not date:
                continue
            when = datetime.strptime(date.group(1), "%d-%b-%Y %H:%M:%S").replace(tzinfo=UTC)
            text = html.unescape(body.group(1)).replace("\n    ", "\n\n")
            out.append((html.unescape(title.group(1)) if title else "", text, when))
            if len(out) >= limit:
                return out
    return out


def real_text(limit: int) -> dict[str, Any]:
    docs = reuters(limit)
    hasher, index = MinHasher(), NearDupIndex()
    shingles = [shingle_hashes(text) for _, text, _ in docs]
    t = time.process_time()
    shingles = [shingle_hashes(text) for _, text, _ in docs]
    t_shingle = time.process_time() - t
    t = time.process_time()
    dups = 0
    for sh, (_, _, when) in zip(shingles, docs, strict=True):
        minute = int(when.timestamp() // 60)
        sig = hasher.signature(sh)
        if index.query(sig, len(sh), minute, 72 * 60, NEAR) is not None:
            dups += 1
        else:
            index.add(sig, len(sh), minute)
    t_ours = time.process_time() - t
    ctx = Context(settings=Settings(), clock=lambda: T0)
    stage = StoryStage()
    stage.open(ctx)
    t = time.process_time()
    for i, (title, text, when) in enumerate(docs):
        stage.process([Doc(id=str(i), title=title, text=text, published_at=when,
                           fetched_at=when, content_hash=str(i))])
    t_story = time.process_time() - t
    n = len(docs)
    result = {
        "articles": n,
        "near_duplicates_found": dups,
        "stories": len(stage.index.stories),
        "ours_ms_per_article": {
            "shingles": round(1000 * t_shingle / n, 3),
            "minhash_query_insert": round(1000 * t_ours / n, 3),
            "near_dup_check_total": round(1000 * (t_shingle + t_ours) / n, 3),
            "story_assignment": round(1000 * t_story / n, 3),
        },
    }
    result["datasketch"] = datasketch_real(shingles)
    if result["datasketch"].get("ms_per_article"):
        result["speedup_vs_datasketch"] = round(
            result["datasketch"]["ms_per_article"] / (1000 * t_ours / n), 1)
    return result


class PerKeyStore:
    """The SQLite store with `state_put_many` as one `state_put` (one commit) per key:
    how the stages wrote their state before batching, for the comparison."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def state_put_many(self, entries: Any) -> None:
        for ns, key, value in entries:
            self._store.state_put(ns, key, value)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def with_store(limit: int, batch: int = 32) -> dict[str, Any]:
    """Wall ms per article of dedupe + cluster keeping state in a SQLite file: state
    written once per stage and batch (`state_put_many`) vs one commit per key."""
    import tempfile

    from signaldesk.store.sqlite import SQLiteStore

    docs = reuters(limit)
    out: dict[str, Any] = {"articles": len(docs), "batch_size": batch}
    for mode in ("batched", "per_key", "batched_again"):
        with tempfile.TemporaryDirectory() as tmp:
            sqlite = SQLiteStore(str(Path(tmp) / "bench.db"))
            store = PerKeyStore(sqlite) if mode == "per_key" else sqlite
            ctx = Context(settings=Settings(), clock=lambda: T0, store=store)
            stages = [DedupeStage(), StoryStage()]
            for stage in stages:
                stage.open(ctx)
            items = [Doc(id=str(i), title=title, text=text, published_at=when, fetched_at=when,
                         url=f"https://bench.invalid/{i}") for i, (title, text, when)
                     in enumerate(docs)]
            t = time.perf_counter()
            for start in range(0, len(items), batch):
                live = items[start : start + batch]
                for stage in stages:
                    live = [d for d in stage.process(live) if not d.dropped]
            for stage in stages:
                stage.close()
            out[f"{mode}_ms_per_article"] = round(1000 * (time.perf_counter() - t) / len(items), 3)
            sqlite.close()
    best = min(out["batched_ms_per_article"], out["batched_again_ms_per_article"])
    out["speedup_vs_per_key"] = round(out["per_key_ms_per_article"] / best, 2)
    return out


def datasketch_real(shingles: list[np.ndarray]) -> dict[str, Any]:
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        return {"skipped": "datasketch not installed (pip install -e .[bench])"}
    lsh = MinHashLSH(threshold=NEAR, num_perm=64)
    t = time.process_time()
    dups = 0
    for i, sh in enumerate(shingles):
        m = MinHash(num_perm=64)
        m.update_batch([int(x).to_bytes(8, "little") for x in sh])
        if lsh.query(m):
            dups += 1
        else:
            lsh.insert(str(i), m)
    dt = time.process_time() - t
    return {"ms_per_article": round(1000 * dt / len(shingles), 3), "near_duplicates_found": dups}


FOOTER = "Reported by a fictional desk for this benchmark; edited by nobody in particular."


def planted(limit: int = 600) -> dict[str, Any]:
    """Copy-edits of real articles, as a syndicating outlet makes them: an extra paragraph
    (taken from another article), a different footer, the last paragraph cut. Recall of
    MinHash-LSH (ours), SimHash (64 bits, Hamming <= 3, Manku et al. 2007) and datasketch;
    false matches = unrelated real articles flagged (an upper bound: Reuters-21578 holds
    some genuine repeats)."""
    docs = [t for _, t, _ in reuters(12 * limit) if len(t.split()) >= 120][: 2 * limit]
    originals, unrelated = docs[:limit], docs[limit:]
    rng = np.random.default_rng(3)
    copies = []
    for i, text in enumerate(originals):
        paras = [p for p in text.split("\n\n") if p.strip()]
        other = originals[int(rng.integers(0, limit))].split("\n\n")[0]
        body = paras[:-1] if len(paras) > 3 else paras
        copies.append("\n\n".join([*body[:2], other, *body[2:], FOOTER]) if i % 2 else
                      "\n\n".join([*body, other, FOOTER]))
    sh_orig = [shingle_hashes(t) for t in originals]
    sh_copy = [shingle_hashes(t) for t in copies]
    sh_unrel = [shingle_hashes(t) for t in unrelated]
    jac = [_jaccard(a, b) for a, b in zip(sh_orig, sh_copy, strict=True)]
    out: dict[str, Any] = {"pairs": limit, "jaccard_min": round(min(jac), 3),
                           "jaccard_median": round(float(np.median(jac)), 3)}
    hasher, index = MinHasher(), NearDupIndex()
    for sh in sh_orig:
        index.add(hasher.signature(sh), len(sh), 0)
    def ours(sh: np.ndarray) -> int | None:
        m = index.query(hasher.signature(sh), len(sh), 0, 10**9, NEAR)
        return m.row if m else None
    out["minhash_lsh_ours"] = _score(ours, sh_copy, sh_unrel, sh_orig)
    fingerprints = np.array([simhash(sh) for sh in sh_orig], dtype=np.uint64)
    def sim(sh: np.ndarray) -> int | None:
        dist = np.unpackbits((fingerprints ^ simhash(sh)).view(np.uint8).reshape(-1, 8),
                             axis=1).sum(axis=1)
        best = int(np.argmin(dist))
        return best if dist[best] <= 3 else None
    out["simhash_64_k3"] = _score(sim, sh_copy, sh_unrel, sh_orig)
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        return out
    lsh = MinHashLSH(threshold=NEAR, num_perm=64)
    def mh(sh: np.ndarray) -> MinHash:
        m = MinHash(num_perm=64)
        m.update_batch([int(x).to_bytes(8, "little") for x in sh])
        return m
    for i, sh in enumerate(sh_orig):
        lsh.insert(i, mh(sh))
    def ds(sh: np.ndarray) -> int | None:
        hits = lsh.query(mh(sh))
        return min(hits) if hits else None
    out["datasketch_lsh"] = _score(ds, sh_copy, sh_unrel, sh_orig)
    return out


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return len(np.intersect1d(a, b)) / max(1, len(np.union1d(a, b)))


def simhash(shingles: np.ndarray) -> np.uint64:
    bits = np.unpackbits(shingles.astype("<u8").view(np.uint8).reshape(-1, 8), axis=1)
    keep = (bits.sum(axis=0) * 2 > len(shingles)).astype(np.uint8)
    return np.packbits(keep).view("<u8")[0] if len(keep) == 64 else np.uint64(0)


def _score(find: Any, copies: list[np.ndarray], unrelated: list[np.ndarray],
           originals: list[np.ndarray]) -> dict[str, Any]:
    """Recall over all copies and over those with true Jaccard >= NEAR (small edits)."""
    # A hit is the copy's own original, or another original that is a repeat of it
    # (Reuters-21578 carries the same story twice at times: true Jaccard >= 0.5).
    t = time.process_time()
    found = [find(sh) for sh in copies]
    dt = time.process_time() - t
    hit = [row is not None and (row == i or _jaccard(originals[i], originals[row]) >= 0.5)
           for i, row in enumerate(found)]
    hits = sum(hit)
    small = [h for h, o, c in zip(hit, originals, copies, strict=True) if _jaccard(o, c) >= NEAR]
    false = sum(find(sh) is not None for sh in unrelated)
    return {"recall": round(hits / len(copies), 3),
            f"recall_jaccard_ge_{NEAR}": round(sum(small) / max(len(small), 1), 3),
            "false_matches": int(false),
            "of_unrelated": len(unrelated), "query_ms": round(1000 * dt / len(copies), 3)}


def synthetic(size: int, planted: int = 1000, seed: int = 7) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    gc.collect()
    before = rss_mb()
    index = NearDupIndex()
    sigs = rng.integers(0, 2**32, size=(size, 64), dtype=np.uint64).astype(np.uint32)
    t = time.process_time()
    for sig in sigs:
        index.add(sig, 200, 0)
    t_add = time.process_time() - t
    ages = np.linspace(0, size - 1, planted).astype(int)  # oldest to newest
    hits = np.zeros(planted, dtype=bool)
    t = time.process_time()
    for k, row in enumerate(ages):
        copy = sigs[row].copy()
        change = rng.choice(64, size=16, replace=False)
        copy[change] = rng.integers(0, 2**32, size=16, dtype=np.uint64).astype(np.uint32)
        match = index.query(copy, 200, 0, 10**9, NEAR)
        hits[k] = match is not None and match.row == row
    t_query = time.process_time() - t
    fresh = rng.integers(0, 2**32, size=(planted, 64), dtype=np.uint64).astype(np.uint32)
    false = sum(index.query(s, 200, 0, 10**9, NEAR) is not None for s in fresh)
    half = planted // 2
    del sigs
    gc.collect()
    return {
        "size": size,
        "index_mb": round(index.nbytes / 2**20, 1),
        "rss_growth_mb": round(rss_mb() - before, 1),
        "insert_us": round(1e6 * t_add / size, 2),
        "query_us": round(1e6 * t_query / planted, 2),
        "planted_recall": round(float(hits.mean()), 3),
        "planted_recall_older_half": round(float(hits[:half].mean()), 3),
        "planted_recall_newer_half": round(float(hits[half:].mean()), 3),
        "false_matches_per_1000": int(false),
    }


def datasketch_synthetic(size: int) -> dict[str, Any]:
    try:
        from datasketch import LeanMinHash, MinHashLSH
    except ImportError:
        return {"skipped": "datasketch not installed"}
    rng = np.random.default_rng(11)
    sigs = rng.integers(0, 2**32, size=(size, 64), dtype=np.uint64)
    gc.collect()
    before = rss_mb()
    lsh = MinHashLSH(threshold=NEAR, num_perm=64)
    t = time.process_time()
    for i in range(size):
        m = LeanMinHash(seed=1, hashvalues=sigs[i], scheme="legacy")
        lsh.insert(i, m, check_duplication=False)
    dt = time.process_time() - t
    grown = rss_mb() - before
    del lsh
    gc.collect()
    return {"size": size, "rss_growth_mb": round(grown, 1), "insert_us": round(1e6 * dt / size, 2),
            "mb_per_1m_extrapolated": round(grown * 1_000_000 / size)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--store-docs", type=int, default=1000,
                        help="articles for the SQLite-store comparison (0: skip)")
    parser.add_argument("--only-store", action="store_true",
                        help="run only the SQLite-store comparison")
    args = parser.parse_args(argv)
    if args.only_store:
        json.dump({"with_sqlite_store": with_store(args.store_docs)}, sys.stdout, indent=2)
        print()
        return 0
    out: dict[str, Any] = {"real_text": real_text(args.docs), "planted_real": planted()}
    if args.store_docs:
        out["with_sqlite_store"] = with_store(args.store_docs)
    out["synthetic"] = [synthetic(int(s)) for s in args.sizes.split(",")]
    out["datasketch_synthetic"] = datasketch_synthetic(100_000)
    ours_1m = next((s for s in out["synthetic"] if s["size"] == 1_000_000), None)
    ds = out["datasketch_synthetic"]
    if ours_1m and "mb_per_1m_extrapolated" in ds:
        out["memory_per_1m_mb"] = {"ours": ours_1m["index_mb"],
                                   "datasketch": ds["mb_per_1m_extrapolated"],
                                   "ratio": round(ds["mb_per_1m_extrapolated"]
                                                  / ours_1m["index_mb"], 1)}
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
