"""`signaldesk demo --no-serve`: the whole pack through the whole pipeline into a store."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from signaldesk.cli import main
from signaldesk.store.base import ItemQuery
from signaldesk.store.sqlite import SQLiteStore


def test_demo_replays_the_pack_into_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert main(["--set", f"db={db}", "demo", "--no-serve"]) == 0
    counts = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    manifest = json.loads(
        (Path(__file__).resolve().parents[2] / "src/signaldesk/demo/pack/manifest.json").read_text(
            encoding="utf-8"
        )
    )
    assert counts["documents"] >= len(manifest["documents"])
    assert counts["replay_errors"] == 0
    # syndicated wire copies are folded into their stories, not shown as items
    syndicated = sum(1 for d in manifest["documents"] if d["kind"] == "syndicated")
    assert counts.get("dedupe/duplicate", 0) >= syndicated
    assert counts["items"] + counts.get("dedupe/duplicate", 0) == counts["documents"]

    store = SQLiteStore(str(db))
    try:
        items: list[dict[str, object]] = []
        cursor = None
        while True:
            page = store.list_items(ItemQuery(limit=100, cursor=cursor))
            items.extend(page.items)
            if not page.next:
                break
            cursor = page.next
        assert len(items) == counts["items"] - _revisions(store, items)
        tiers = Counter(str(i["tier"]) for i in items)
        assert tiers["premium"] > 0 and tiers["free"] > 0
        stories = {i["story_id"] for i in items}
        assert 30 <= len(stories) < len(items)
        desks = {d["desk"] for i in items for d in i["desks"]}  # type: ignore[attr-defined]
        assert {"central-banks", "fx", "energy", "political-risk", "credit"} <= desks
        updated = [i for i in items if i["revision"] != 1]
        assert updated, "the pack's updates should arrive as revisions"
    finally:
        store.close()


def _revisions(store: SQLiteStore, items: list[dict[str, object]]) -> int:
    """Extra revisions: stored as history of an item, not as items of their own."""
    return sum(len(store.item_history(str(i["item_id"]))) - 1 for i in items)


def test_a_broken_pack_stops_the_replay_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from signaldesk.demo.cli import _replay
    from signaldesk.demo.run import DemoFeeder
    from signaldesk.settings import Settings

    store = SQLiteStore(":memory:")
    try:
        _replay(DemoFeeder(Settings(), store, None, pack=tmp_path))
    finally:
        store.close()
    err = capsys.readouterr().err
    assert "demo replay stopped" in err and "manifest" in err
