"""The bundled demo pack keeps its promises (issue 2, item 7).

Counts, desk coverage, kinds, tiers, fictional notices, feeds that parse, pages that
exist, and a generator that rebuilds the pack byte for byte.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest

from signaldesk.models import DESKS

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "src" / "signaldesk" / "demo" / "pack"
BUILD = REPO / "tools" / "demo_pack" / "build.py"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PACK / "manifest.json").read_text(encoding="utf-8"))
    return data


def test_counts(manifest: dict[str, Any]) -> None:
    assert "fictional" in manifest["notice"].lower()
    assert manifest["day"] == "2026-03-12"
    assert len(manifest["documents"]) >= 150
    assert len(manifest["outlets"]) >= 6
    assert len(manifest["events"]) >= 40
    assert {o["format"] for o in manifest["outlets"]} == {"rss", "atom", "jsonfeed"}


def test_every_desk_is_covered(manifest: dict[str, Any]) -> None:
    desks = {e["desk"] for e in manifest["events"]}
    assert desks == set(DESKS)


def test_each_event_has_one_to_five_outlets(manifest: dict[str, Any]) -> None:
    outlets: dict[str, set[str]] = defaultdict(set)
    for doc in manifest["documents"]:
        outlets[doc["event"]].add(doc["outlet"])
    assert set(outlets) == {e["id"] for e in manifest["events"]}
    assert all(1 <= len(names) <= 5 for names in outlets.values()), outlets
    assert sum(len(names) > 1 for names in outlets.values()) >= 30


def test_kinds_and_tiers(manifest: dict[str, Any]) -> None:
    docs = manifest["documents"]
    by_id = {d["id"]: d for d in docs}
    assert len(by_id) == len(docs)
    kinds = Counter(d["kind"] for d in docs)
    assert kinds["original"] > 0 and kinds["syndicated"] >= 5 and kinds["update"] >= 5
    assert Counter(d["tier"] for d in docs)["premium"] >= 10
    for doc in docs:
        if doc["kind"] == "update":
            first = by_id[doc["update_of"]]
            assert first["url"] == doc["url"] and first["outlet"] == doc["outlet"]
            assert doc["published_at"] > first["published_at"]
            assert doc["page"] != first["page"]
        else:
            assert doc["update_of"] is None


def test_update_changes_content(manifest: dict[str, Any]) -> None:
    by_id = {d["id"]: d for d in manifest["documents"]}
    updates = [d for d in by_id.values() if d["kind"] == "update"]
    assert updates, "the pack must carry stories updated during the day"
    for doc in updates:
        if doc["kind"] == "update":
            before = (PACK / by_id[doc["update_of"]]["page"]).read_text(encoding="utf-8")
            after = (PACK / doc["page"]).read_text(encoding="utf-8")
            assert before != after and doc["headline"] in after


def _body(page: str) -> str:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(page)
    for css in ("div.full-story", "div.article-locked", "div.article-body", "section.story-body"):
        node = tree.css_first(css)
        if node is not None:
            for skip in node.css("p.signoff"):
                skip.decompose()
            return " ".join(node.text(separator=" ").split())
    raise AssertionError("no article body found")


def test_syndicated_copies_are_verbatim(manifest: dict[str, Any]) -> None:
    by_id = {d["id"]: d for d in manifest["documents"]}
    for doc in by_id.values():
        if doc["kind"] != "syndicated":
            continue
        wire = by_id[doc["copy_of"]]
        assert wire["event"] == doc["event"] and wire["outlet"] != doc["outlet"]
        assert doc["url"] != wire["url"]
        mine = _body((PACK / doc["page"]).read_text(encoding="utf-8"))
        theirs = _body((PACK / wire["page"]).read_text(encoding="utf-8"))
        assert mine == theirs


def test_coverage_is_worded_differently(manifest: dict[str, Any]) -> None:
    bodies: dict[str, list[str]] = defaultdict(list)
    for doc in manifest["documents"]:
        if doc["kind"] == "original":
            bodies[doc["event"]].append(_body((PACK / doc["page"]).read_text(encoding="utf-8")))
    for event, texts in bodies.items():
        assert len(set(texts)) == len(texts), event


def test_every_page_exists_and_says_fictional(manifest: dict[str, Any]) -> None:
    pages = manifest["pages"]
    for doc in manifest["documents"]:
        assert doc["url"] in pages
        assert (PACK / pages[doc["url"]]).is_file()
    files = sorted((PACK / "pages").glob("*.html"))
    assert {f"pages/{f.name}" for f in files} == {d["page"] for d in manifest["documents"]}
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert 'class="demo-notice"' in text and "fictional" in text.lower(), path.name


def test_premium_pages_have_paywall(manifest: dict[str, Any]) -> None:
    for doc in manifest["documents"]:
        text = (PACK / doc["page"]).read_text(encoding="utf-8")
        assert ('class="paywall-modal"' in text) == (doc["tier"] == "premium"), doc["id"]
        assert 'class="cookie-banner"' in text and 'class="related"' in text


def test_feeds_parse_and_link_to_pages(manifest: dict[str, Any]) -> None:
    pages = manifest["pages"]
    for outlet in manifest["outlets"]:
        raw = (PACK / outlet["feed"]).read_bytes()
        assert b"fictional" in raw.lower()
        if outlet["format"] == "jsonfeed":
            feed = json.loads(raw)
            assert feed["version"] == "https://jsonfeed.org/version/1.1"
            links = [item["url"] for item in feed["items"]]
        else:
            parsed = feedparser.parse(raw)
            assert not parsed.bozo, parsed.get("bozo_exception")
            assert parsed.version == {"rss": "rss20", "atom": "atom10"}[outlet["format"]]
            links = [entry.link for entry in parsed.entries]
        mine = {d["url"] for d in manifest["documents"] if d["outlet"] == outlet["name"]}
        assert links and set(links) == mine
        assert all(link in pages for link in links)


def test_times_lie_within_the_day(manifest: dict[str, Any]) -> None:
    stamps = [d["published_at"] for d in manifest["documents"]]
    assert all("2026-03-12T06:00:00Z" <= s <= "2026-03-12T22:00:00Z" for s in stamps)


def test_pack_is_small() -> None:
    size = sum(p.stat().st_size for p in PACK.rglob("*") if p.is_file())
    assert size < 3_000_000


def test_generator_is_deterministic(tmp_path: Path) -> None:
    out = tmp_path / "pack"
    subprocess.run([sys.executable, str(BUILD), "--out", str(out)], check=True, capture_output=True)
    built = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    shipped = sorted(p.relative_to(PACK) for p in PACK.rglob("*") if p.is_file())
    assert built == shipped
    for rel in built:
        assert (out / rel).read_bytes() == (PACK / rel).read_bytes(), rel


def test_scoops_carry_attribution_lines(manifest: dict[str, Any]) -> None:
    cited = 0
    for doc in manifest["documents"]:
        text = _body((PACK / doc["page"]).read_text(encoding="utf-8"))
        cited += " citing " in text and " reported" in text
    assert cited >= 5


@pytest.fixture
def generator_on_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Import the generator's modules by their plain names, then forget them again."""
    monkeypatch.syspath_prepend(str(BUILD.parent))
    yield
    for name, module in list(sys.modules.items()):
        if Path(getattr(module, "__file__", None) or "/").parent == BUILD.parent:
            del sys.modules[name]


@pytest.mark.usefixtures("generator_on_path")
def test_generator_refuses_a_broken_spec() -> None:
    import build  # the generator script, importable from its own folder
    import spec

    good = build.all_events()[0]
    too_many = spec.E(
        **{
            **good.__dict__,
            "outlets": ("meridian", "harbor", "kestrel", "northgate", "baltic", "lantern"),
        }
    )
    with pytest.raises(SystemExit, match="1-5 outlets"):
        build.check((too_many,))
    bad_desk = spec.E(**{**good.__dict__, "desk": "sports"})
    with pytest.raises(SystemExit, match="unknown desk"):
        build.check((bad_desk,))
    build.check((good,))
