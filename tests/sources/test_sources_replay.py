"""ReplaySource on a tiny pack written here, and on the bundled demo pack."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from signaldesk.errors import InputError
from signaldesk.sources.replay import ReplaySource

PACK = Path(__file__).resolve().parents[2] / "src" / "signaldesk" / "demo" / "pack"

RSS = """<rss version="2.0"><channel><title>Pinecone Post (fictional)</title>
<item><title>Feed title A</title><link>https://pine.example/a</link><guid>pa</guid>
<description>Feed body A</description><pubDate>Thu, 12 Mar 2026 09:00:00 GMT</pubDate></item>
<item><title>Feed title B</title><link>https://pine.example/b</link><guid>pb</guid>
<description>Feed body B</description><pubDate>Thu, 12 Mar 2026 08:00:00 GMT</pubDate></item>
</channel></rss>"""

JSONFEED = {"version": "https://jsonfeed.org/version/1.1", "title": "Oak Wire (fictional)",
            "items": [{"id": "oak-1", "url": "https://oak.example/1", "title": "Oak one",
                       "content_html": "<p>Oak body</p>",
                       "date_published": "2026-03-12T08:30:00Z"}]}


def make_pack(root: Path, broken_outlet: bool = False) -> Path:
    (root / "feeds").mkdir(parents=True)
    (root / "pages").mkdir()
    (root / "feeds" / "pine.xml").write_text(RSS, encoding="utf-8")
    (root / "feeds" / "oak.json").write_text(json.dumps(JSONFEED), encoding="utf-8")
    (root / "feeds" / "bad.xml").write_text("<html>not a feed</html>", encoding="utf-8")
    (root / "pages" / "a.html").write_text("<html><body><p>Page A (fictional)</p></body></html>",
                                           encoding="utf-8")
    (root / "pages" / "a-u1.html").write_text("<html><body><p>Page A, updated</p></body></html>",
                                              encoding="utf-8")
    outlets = [{"name": "Pinecone Post", "format": "rss", "feed": "feeds/pine.xml",
                "tier": "free"},
               {"name": "Oak Wire", "format": "jsonfeed", "feed": "feeds/oak.json",
                "tier": "premium"}]
    if broken_outlet:
        outlets.append({"name": "Broken", "format": "rss", "feed": "feeds/bad.xml"})
    manifest = {
        "notice": "fictional", "day": "2026-03-12", "outlets": outlets,
        "pages": {"https://pine.example/a": "pages/a.html"},
        "documents": [
            {"id": "pine-a", "outlet": "Pinecone Post", "url": "https://pine.example/a",
             "published_at": "2026-03-12T09:00:00Z", "tier": "free", "kind": "original"},
            {"id": "pine-a-u1", "outlet": "Pinecone Post", "url": "https://pine.example/a",
             "published_at": "2026-03-12T10:00:00Z", "tier": "premium", "kind": "update",
             "page": "pages/a-u1.html", "headline": "Updated headline"},
        ],
    }
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root


def test_replay_order_html_and_sleeps(tmp_path: Path) -> None:
    slept: list[float] = []
    now = [0.0]

    def fake_sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    replay = ReplaySource(make_pack(tmp_path), speed=60.0, sleep=fake_sleep,
                          clock=lambda: now[0])
    docs = []
    for doc in replay.docs():
        docs.append(doc)
        now[0] += 5.0  # processing takes 5 s of the next gap, which is not added to it
    assert [d.guid for d in docs[:2]] == ["pb", "oak-1"]  # in published_at order
    assert [d.id for d in docs[2:]] == ["pine-a", "pine-a-u1"]  # manifest ids kept
    assert docs[0].title == "Feed title B" and docs[0].html == "Feed body B"  # no page: feed
    assert docs[1].source == "Oak Wire" and docs[1].tier == "premium"
    assert docs[1].html == "<p>Oak body</p>"
    assert docs[2].html is not None and "Page A (fictional)" in docs[2].html
    assert docs[3].html is not None and "updated" in docs[3].html
    assert docs[3].title == "Updated headline" and docs[3].tier == "premium"
    assert docs[2].guid == docs[3].guid == "pa"  # the update keeps the story's guid
    assert docs[3].published_at == datetime(2026, 3, 12, 10, 0, tzinfo=UTC)
    assert slept == [25.0, 25.0, 55.0]  # 30, 30 and 60 minutes at 60x, less processing
    assert replay.span_s() == 7200.0 and replay.duration() == 120.0
    assert replay.speed_for(60.0) == 120.0
    assert replay.errors == []


def test_replay_async_and_fresh_copies(tmp_path: Path) -> None:
    slept: list[float] = []

    async def fake(s: float) -> None:
        slept.append(s)

    replay = ReplaySource(make_pack(tmp_path), speed=0, asleep=fake)

    async def collect() -> list[str]:
        return [d.id async for d in replay.adocs()]

    ids = asyncio.run(collect())
    assert len(ids) == 4 and slept == [] and replay.duration() == 0.0
    first = next(iter(replay.docs()))
    first.title = "changed"
    assert next(iter(replay.docs())).title != "changed"


def test_a_broken_outlet_is_reported_and_the_rest_plays(tmp_path: Path) -> None:
    replay = ReplaySource(make_pack(tmp_path, broken_outlet=True), speed=0)
    assert len(replay) == 4
    assert len(replay.errors) == 1 and "Broken" in replay.errors[0]


def test_missing_manifest_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"manifest\.json"):
        ReplaySource(tmp_path)


def test_bundled_demo_pack_plays_every_document() -> None:
    if not (PACK / "manifest.json").exists():
        pytest.fail("the demo pack is missing from src/signaldesk/demo/pack")
    manifest = json.loads((PACK / "manifest.json").read_text(encoding="utf-8"))
    replay = ReplaySource(PACK, speed=0)
    docs = list(replay.docs())
    assert replay.errors == []
    assert len(docs) >= len(manifest["documents"])
    assert {d.id for d in docs} >= {d["id"] for d in manifest["documents"]}
    assert all(d.html for d in docs)
    times = [d.published_at for d in docs]
    assert None not in times and times == sorted(times)  # type: ignore[type-var]
