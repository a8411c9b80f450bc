"""Quality gates of dedupe + story clustering on real data (../shared/data).

* demo-corpus: every built-in duplicate listed in its SOURCES.md must be found (FOMC
  statements as raw page text vs clean text, press conferences as HTML vs PDF text,
  Wikinews 260 vs 3307, Global Voices feed content vs article page); story level gold
  is the FOMC meeting: its statement(s) and press conference(s) form one story.
* wikiref220: 220 articles in 5 topics + noise; topic level, so a sanity check only
  (stories are finer than topics: recall is expected to be low, precision high).

Floors are pinned a little under the measured figures; raising one is a commit,
lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import gzip
import json
import re
import warnings
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from signaldesk.dedupe.stage import DedupeStage
from signaldesk.models import Doc
from signaldesk.pipeline.context import Context
from signaldesk.settings import Settings
from signaldesk.stories.metrics import bcubed, pairwise
from signaldesk.stories.stage import StoryStage

CLOCK = datetime(2026, 1, 1, tzinfo=UTC)


def run(docs: Iterable[Doc]) -> list[Doc]:
    """Dedupe then cluster, in one batch per 32 documents, no store."""
    ctx = Context(settings=Settings(), clock=lambda: CLOCK)
    dedupe, cluster = DedupeStage(), StoryStage()
    dedupe.open(ctx)
    cluster.open(ctx)
    out = list(docs)
    for start in range(0, len(out), 32):
        batch = out[start : start + 32]
        dedupe.process(batch)
        cluster.process([d for d in batch if not d.dropped])
    cluster.close()
    dedupe.close()
    return out


def _day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC, hour=14)


def fomc_docs(root: Path) -> tuple[list[Doc], dict[str, str]]:
    """FOMC statements (raw + clean) and press conferences (HTML + PDF), gold = meeting."""
    docs: list[Doc] = []
    gold: dict[str, str] = {}

    def add(doc_id: str, path: Path, day: str, outlet: str) -> None:
        text = path.read_text(encoding="utf-8", errors="replace")
        docs.append(Doc(id=doc_id, text=text, published_at=_day(day), source=outlet,
                        url=f"https://{outlet}.invalid/{path.name}"))
        gold[doc_id] = day

    for path in sorted((root / "fed-communications/statement").glob("*.txt")):
        day = path.stem.rsplit("_", 1)[1]
        add(f"raw-{day}", path, day, "fed-raw")
    raw_days = {datetime.fromisoformat(g).date() for g in gold.values()}
    for path in sorted((root / "fed-fomc-statements-clean/statements").glob("*")):
        s = path.stem
        day = datetime.fromisoformat(f"{s[:4]}-{s[4:6]}-{s[6:8]}").date()
        # The raw set is dated by meeting, the clean set by release: the same statement
        # can be a day apart (2007-08-16 / 17, 2008-01-21 / 22, 2008-03-10 / 11).
        near = [d for d in raw_days if abs((d - day).days) <= 1]
        add(f"clean-{s}", path, (near[0] if near else day).isoformat(), "fed-clean")
    for path in sorted((root / "fed-communications/press_conference").glob("*.txt")):
        y, m, d = re.findall(r"(\d{4})-(\d{1,2})-(\d{1,2})", path.name)[0]
        day = f"{y}-{int(m):02d}-{int(d):02d}"
        kind = "pdf" if "pdf" in path.name else "html"
        add(f"pc-{kind}-{day}", path, day, f"fed-pc-{kind}")
    docs.sort(key=lambda d: (d.published_at or CLOCK, d.id))
    return docs, gold


def wikinews_docs(root: Path) -> list[Doc]:
    docs = []
    with (root / "wikinews-meantime/articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            docs.append(Doc(id=f"wn-{rec['wikinews_meantime_doc_id']}", title=rec["title"],
                            text=rec["text"], published_at=_day(rec["date"]),
                            source="wikinews", url=rec.get("url_guess")))
    docs.sort(key=lambda d: (d.published_at or CLOCK, d.id))
    return docs


def wikiref_docs(root: Path) -> tuple[list[Doc], dict[str, str]]:
    docs, gold = [], {}
    for path in sorted((root / "WikiRef220").glob("*.txt")):
        label = re.sub(r"[\W\d_]+$", "", re.sub(r"\s*\(\d+\)$", "", path.stem)).lower()
        label = re.sub(r"[._\s\d]+", ".", label).strip(".")
        doc_id = f"wr-{path.stem}"
        docs.append(Doc(id=doc_id, text=path.read_text(encoding="utf-8", errors="replace"),
                        published_at=CLOCK, source="wikiref"))
        gold[doc_id] = label
    return docs, gold


def _import_trafilatura_quietly() -> None:
    """The extract stage imports trafilatura, whose urllib3 warns about optional SOCKS
    support on import; pytest turns warnings into errors (filterwarnings = error)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import trafilatura  # noqa: F401


def predicted(docs: list[Doc]) -> dict[str, str]:
    return {d.id: d.story_id or d.id for d in docs}


@pytest.fixture(scope="module")
def demo(shared_data: Callable[[str], Path]) -> Path:
    return shared_data("demo-corpus")


def globalvoices_docs(root: Path, *, raw_feed_text: bool) -> list[Doc]:
    """The feed's 15 entries (content:encoded) first, then the 15 article pages.

    Both go through trafilatura, as the extract stage does; with `raw_feed_text` the
    feed HTML is flattened with lxml instead, which keeps captions and loses paragraph
    breaks: a harder, near-duplicate version of the same pairs.
    """
    import feedparser
    import lxml.html

    _import_trafilatura_quietly()
    import trafilatura

    gv = root / "globalvoices-2009-06"
    feed = (gv / "feed/test.rss").read_text(encoding="utf-8")
    parsed = feedparser.parse(feed.replace("<BASE_WEBSITE_URL/>", "http://127.0.0.1/").encode())
    docs = []
    for i, entry in enumerate(parsed.entries, 1):
        html = entry.content[0].value
        if raw_feed_text:
            text = lxml.html.fromstring(html).text_content()
        else:
            text = trafilatura.extract(f"<html><body><article>{html}</article></body></html>")
        docs.append(Doc(id=f"feed-{i}", text=text or "", title=entry.title,
                        source="gv-feed", guid=entry.id, url=f"https://feed.invalid/{i}",
                        published_at=CLOCK))
    for i in range(1, len(docs) + 1):
        page = (gv / f"pages/index_{i}.html").read_text(encoding="utf-8")
        text = trafilatura.extract(page, include_comments=False)  # as the extract stage
        docs.append(Doc(id=f"page-{i}", text=text or "",
                        source="gv-site", url=f"https://site.invalid/{i}", published_at=CLOCK))
    return docs


@pytest.mark.eval
def test_fomc_duplicates_all_found_and_stories(demo: Path) -> None:
    docs, gold = fomc_docs(demo)
    out = {d.id: d for d in run(docs)}
    pairs = [(f"raw-{gold[c]}", c) for c in gold
             if c.startswith("clean-") and f"raw-{gold[c]}" in out]
    assert len(pairs) >= 150
    not_deduped = [p for p in pairs if not (out[p[0]].dropped or out[p[1]].dropped)]
    assert not not_deduped, not_deduped  # one of each raw/clean pair is dropped
    pc = [(f"pc-html-{d[7:]}", d) for d in out if d.startswith("pc-pdf-")]
    assert len(pc) == 15
    assert all(out[b].duplicate_of == a for a, b in pc), pc
    wrong = [d.id for d in out.values() if d.duplicate_of and gold[d.duplicate_of] != gold[d.id]]
    assert not wrong, wrong  # no statement is a duplicate of another meeting's
    pred = predicted(list(out.values()))
    pw, b3 = pairwise(gold, pred), bcubed(gold, pred)
    print(f"fomc pairwise {pw} bcubed {b3}")
    assert pw.precision >= FLOORS["fomc_pairwise_p"], pw
    assert pw.f1 >= FLOORS["fomc_pairwise_f1"], pw
    assert b3.f1 >= FLOORS["fomc_bcubed_f1"], b3


@pytest.mark.eval
def test_wikinews_exact_duplicate_and_nothing_else(demo: Path) -> None:
    out = run(wikinews_docs(demo))
    drops = {d.id: d.duplicate_of for d in out if d.dropped}
    assert drops == {"wn-3307": "wn-260"}
    by_id = {d.id: d for d in out}
    assert by_id["wn-3307"].story_id == by_id["wn-260"].story_id is not None


@pytest.mark.eval
@pytest.mark.parametrize("raw_feed_text", [False, True])
def test_globalvoices_feed_entry_vs_article_page(demo: Path, raw_feed_text: bool) -> None:
    out = {d.id: d for d in run(globalvoices_docs(demo, raw_feed_text=raw_feed_text))}
    found = [i for i in range(1, 16) if out[f"page-{i}"].duplicate_of == f"feed-{i}"]
    assert len(found) >= FLOORS["gv_raw" if raw_feed_text else "gv_clean"], found
    assert not any(out[f"feed-{i}"].dropped for i in range(1, 16))
    assert all(out[f"page-{i}"].story_id == out[f"feed-{i}"].story_id for i in found)
    sources = out["feed-1"].sources or out["page-1"].sources
    assert {s.outlet for s in sources} >= {"gv-feed"}


@pytest.mark.eval
def test_wikiref220_topic_sanity(shared_data: Callable[[str], Path]) -> None:
    docs, gold = wikiref_docs(shared_data("wikiref220"))
    pred = predicted(run(docs))
    pw, b3 = pairwise(gold, pred), bcubed(gold, pred)
    print(f"wikiref220 pairwise {pw} bcubed {b3} clusters {len(set(pred.values()))}")
    assert pw.precision >= FLOORS["wikiref_pairwise_p"], pw
    assert pw.f1 >= FLOORS["wikiref_pairwise_f1"], pw
    assert b3.f1 >= FLOORS["wikiref_bcubed_f1"], b3


@pytest.mark.eval
def test_wikiref220_through_extract_and_tag(shared_data: Callable[[str], Path]) -> None:
    """The same through the real pipeline up to `cluster`: entities from the tag stage
    strengthen a text match only when both are about them (relevance > 75), which these
    topic-level articles rarely are, so the figures equal the text-only run."""
    from signaldesk.pipeline.build import build_pipeline

    _import_trafilatura_quietly()
    docs, gold = wikiref_docs(shared_data("wikiref220"))
    with build_pipeline(Settings(), until="cluster", clock=lambda: CLOCK) as pipeline:
        out = list(pipeline.pipe(docs, batch_size=32))
    pred = predicted(out)
    pw, b3 = pairwise(gold, pred), bcubed(gold, pred)
    print(f"wikiref220 full pairwise {pw} bcubed {b3} clusters {len(set(pred.values()))}")
    assert pw.precision >= FLOORS["wikiref_full_pairwise_p"], pw
    assert pw.f1 >= FLOORS["wikiref_full_pairwise_f1"], pw


# Real cross-outlet world news: 16 world-news feeds captured in February 2026
# (fastfeedparser-realworld-feeds). No labels ship with them, so ten unmistakable events
# are labelled here by rules on the headline; every other item still runs through the
# clusterer (and can pull a labelled one away) but is not scored.
WORLD_FEEDS = (
    "08f1ee71883dbcde", "0c1cef22da7ddc10", "14dda539770f94e3", "1796df62c4a287cc",
    "18138c717652f678", "3f9eeff5039a008d", "4288464f77b21d15", "6040d25e925318ed",
    "78f77fae2e1ffc14", "7be307059415227d", "9f9555d69283aeda", "ce5f942d1cd40fc0",
    "d2a188f20637f7a4", "f9c17f360c71def1", "5357198db71ce075", "4bf53cb602417030",
)
EVENT_RULES: dict[str, Callable[[str], object]] = {
    "peru-impeachment": lambda t: "Peru" in t and re.search(r"impeach|Jer[ií]|oust|remov", t),
    "navalny-poison": lambda t: "Navalny" in t,
    "swift-plot": lambda t: "Taylor Swift" in t,
    "jackson-death": lambda t: "Jesse Jackson" in t,
    "pelicot-memoir": lambda t: "Pelicot" in t,
    "canada-shooting": lambda t: "Canada" in t and re.search(r"shoot", t, re.I),
    "france-activist": lambda t: re.search(r"Deranque|Ultra-left", t)
    or ("France" in t and re.search(r"far-right|right-wing activ", t)),
    "bangladesh-pm": lambda t: "Tarique Rahman" in t
    or ("Bangladesh" in t and re.search("sworn|prime minister", t)),
    "macron-india": lambda t: "Macron" in t and re.search("India|Modi", t),
    "ukraine-minister": lambda t: re.search("energy minister", t, re.I),
}


def captured_items(root: Path, feed: str) -> list[Doc]:
    """The entries of one captured feed as Docs (title + summary text), in feed order."""
    import feedparser
    import lxml.html

    with gzip.open(root / "benchmark_data" / f"{feed}.gz") as fh:
        parsed = feedparser.parse(fh.read())
    outlet = str(parsed.feed.get("title", feed))
    docs = []
    for i, entry in enumerate(parsed.entries):
        title = str(entry.get("title", ""))
        summary = str(entry.get("summary", "") or "")
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime(*stamp[:6], tzinfo=UTC) if stamp else None
        docs.append(Doc(id=f"{feed}-{i}", title=title, text=f"{title}\n\n{text}",
                        source=outlet, published_at=when, url=entry.get("link")))
    return docs


def world_docs(root: Path) -> tuple[list[Doc], dict[str, str]]:
    docs, gold = [], {}
    for name in WORLD_FEEDS:
        for doc in captured_items(root, name):
            docs.append(doc)
            for event, rule in EVENT_RULES.items():
                if rule(doc.title or ""):
                    gold[doc.id] = event
    docs.sort(key=lambda d: (d.published_at or CLOCK, d.id))
    return docs, gold


@pytest.mark.eval
def test_world_news_cross_outlet_events(shared_data: Callable[[str], Path]) -> None:
    _import_trafilatura_quietly()
    docs, gold = world_docs(shared_data("fastfeedparser-realworld-feeds"))
    assert len(gold) >= 45 and len(set(gold.values())) == len(EVENT_RULES)
    pred = cluster_captured(docs)
    check_scores("world news", gold, pred, (FLOORS["world_pairwise_p"],
                 FLOORS["world_pairwise_f1"], FLOORS["world_bcubed_f1"]))


def cluster_captured(docs: list[Doc]) -> dict[str, str]:
    """Story of each item of the February 2026 feed captures (extract .. cluster)."""
    from signaldesk.pipeline.build import build_pipeline

    # "Now" is after the capture, so that each item keeps its own publication time.
    after = datetime(2026, 3, 1, tzinfo=UTC)
    with build_pipeline(Settings(), until="cluster", clock=lambda: after) as pipeline:
        return predicted(list(pipeline.pipe(docs, batch_size=32)))


def check_scores(label: str, gold: dict[str, str], pred: dict[str, str],
                 floors: tuple[float, float, float]) -> None:
    """Print pairwise and BCubed figures; hold pairwise P, pairwise F1 and BCubed F1 to
    `floors`, in that order."""
    p_floor, f1_floor, bcubed_floor = floors
    pw, b3 = pairwise(gold, pred), bcubed(gold, pred)
    print(f"{label} pairwise {pw} bcubed {b3}")
    assert pw.precision >= p_floor, pw
    assert pw.f1 >= f1_floor, pw
    assert b3.f1 >= bcubed_floor, b3


PACK = Path(__file__).resolve().parents[2] / "src" / "signaldesk" / "demo" / "pack"


@pytest.mark.eval
def test_demo_pack_copies_updates_and_events() -> None:
    """The demo pack's own labels (fictional text written for the project): every
    syndicated copy is dropped as a copy of its original, every update is a revision of
    its item, no original is dropped (one, rewritten from the wire with half its
    sentences kept, still is), and events become stories."""
    from signaldesk.pipeline.build import build_pipeline

    if not (PACK / "manifest.json").is_file():
        pytest.fail(f"demo pack missing at {PACK}")
    _import_trafilatura_quietly()
    manifest = json.loads((PACK / "manifest.json").read_text(encoding="utf-8"))
    docs, gold = [], {}
    for rec in manifest["documents"]:
        when = datetime.fromisoformat(rec["published_at"].replace("Z", "+00:00"))
        docs.append(Doc(id=rec["id"], html=(PACK / rec["page"]).read_text(encoding="utf-8"),
                        url=rec["url"], source=rec["outlet"], published_at=when,
                        fetched_at=when))
        gold[rec["id"]] = rec["event"]
    docs.sort(key=lambda d: (d.published_at or CLOCK, d.id))
    after = datetime(2030, 1, 1, tzinfo=UTC)
    with build_pipeline(Settings(), until="cluster", clock=lambda: after) as pipeline:
        out = {d.id: d for d in pipeline.pipe(docs, batch_size=32)}
    by_kind: dict[str, list[dict[str, object]]] = {}
    for rec in manifest["documents"]:
        by_kind.setdefault(rec["kind"], []).append(rec)
    copies = by_kind.get("syndicated", [])
    assert [r["id"] for r in copies if out[str(r["id"])].duplicate_of != r["copy_of"]] == []
    updates = by_kind.get("update", [])
    assert [r["id"] for r in updates
            if (out[str(r["id"])].action, out[str(r["id"])].item_id) != ("updated", r["update_of"])
            ] == []
    dropped = [r["id"] for r in by_kind["original"] if out[str(r["id"])].dropped]
    assert len(dropped) <= FLOORS["pack_originals_dropped_max"], dropped
    check_scores("demo pack", gold, predicted(list(out.values())), (FLOORS["pack_pairwise_p"],
                 FLOORS["pack_pairwise_f1"], FLOORS["pack_bcubed_f1"]))


# Measured 2026-11-29: fomc pairwise P 1.000 R 0.849 F1 0.918, BCubed F1 0.973 (the
# misses: 16 press conferences form their own story apart from the statement);
# Global Voices 15/15 both ways; wikiref220 pairwise P 0.957 R 0.457 F1 0.619, BCubed
# F1 0.655 (topic-level gold, stories are finer: 94 clusters for 5 topics + noise).
FLOORS = {
    "fomc_pairwise_p": 0.98,
    "fomc_pairwise_f1": 0.90,
    "fomc_bcubed_f1": 0.95,
    "gv_clean": 15,
    "gv_raw": 15,
    "wikiref_pairwise_p": 0.93,
    "wikiref_pairwise_f1": 0.58,
    "wikiref_bcubed_f1": 0.62,
    # through extract + tag: P 0.957 R 0.457 F1 0.619, BCubed F1 0.655 (94 clusters).
    # Lowered from 0.70 (was P 0.955 R 0.620 F1 0.752): that recall came from boosting
    # any shared entity, which also merged distinct same-country events on the demo pack
    # and real news; the boost now needs both to be about the entity (relevance > 75),
    # which these topic-level articles rarely are. Precision, the point here, holds.
    "wikiref_full_pairwise_p": 0.93,
    "wikiref_full_pairwise_f1": 0.60,
    # world news, 48 items of 10 events over 16 outlets: P 1.000 R 0.843 F1 0.915,
    # BCubed F1 0.954 (was P 0.950 R 0.880 F1 0.913, BCubed 0.948 before the entity
    # overlap became a Jaccard; P 0.946 F1 0.876 with the any-entity boost). The pairwise
    # F1 >= 0.95 goal is not reached: "What Bangladesh's new leader means", a background
    # piece 4 days before the swearing-in (outside the 72 h window), and "Tarique Rahman
    # gets PM Modi's letter" (tagged as about India and Modi; the new PM is not in the
    # knowledge base) now starts its own story, which the next side piece ("Why Jamaat,
    # NCP boycotted ...") joins instead of the main one.
    # demo pack (154 fictional documents, 49 events): 16/16 copies, 8/8 updates, 1 of 130
    # originals dropped; pairwise P 0.882 R 0.995 F1 0.935, BCubed F1 0.973 (was P 0.867
    # F1 0.927, BCubed 0.966; P 0.651 F1 0.787 with the any-entity boost). Still merged:
    # BoJ hike + Japanese bank shares + one JGB yield piece, a company profit warning +
    # the European close.
    "pack_originals_dropped_max": 1,
    "pack_pairwise_p": 0.86,
    "pack_pairwise_f1": 0.91,
    "pack_bcubed_f1": 0.96,
    "world_pairwise_p": 0.98,
    "world_pairwise_f1": 0.90,
    "world_bcubed_f1": 0.94,
}
