"""The seed item (../shared/seed): entities, instruments, attribution and quote."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from signaldesk.models import Doc
from signaldesk.pipeline import Context, Pipeline
from signaldesk.settings import Settings
from signaldesk.tag import TagStage


def _seed_doc(shared_dir: Path) -> Doc:
    raw = (shared_dir / "seed" / "000_18edca71a986250d.txt").read_text("utf-8")
    body = raw[raw.index("Reuters reporting") : raw.index("230 words")].strip()
    title = raw.split("\n")[2].strip()
    return Doc(id="seed", text=body, title=title, source="MNI",
               published_at=datetime(2024, 7, 2, tzinfo=UTC))


def test_seed_fields(shared_dir: Path) -> None:
    expected = json.loads((shared_dir / "seed" / "expected.json").read_text("utf-8"))
    doc = _seed_doc(shared_dir)
    with Pipeline([TagStage()], Context(Settings())) as pipe:
        pipe(doc)
    countries = {e.id.split(":")[1] for e in doc.entities if e.type == "country"}
    assert set(expected["countries"]) <= countries
    people = {e.name for e in doc.entities if e.type == "person"}
    assert set(expected["people"]) <= people
    symbols = {i.symbol for i in doc.instruments}
    assert symbols & set(expected["instruments_any_of"])
    usdjpy = next(i for i in doc.instruments if i.symbol == "USDJPY")
    assert usdjpy.via == "country:JP > currency:JPY > USDJPY"
    assert doc.attribution is not None
    assert doc.attribution.outlet == expected["attribution"]["outlet"]
    assert doc.attribution.sourcing == expected["attribution"]["sourcing"]
    want = expected["quotes"][0]
    assert any(q.speaker == want["speaker"] and q.role and want["role_contains"] in q.role
               and q.text.startswith(want["text_starts"]) for q in doc.quotes), doc.quotes
    # The item is about Trump, Japan and South Korea (in the headline): relevance > 75.
    top = {e.id for e in doc.entities if e.relevance > 75}
    assert {"person:donald-trump", "country:JP", "country:KR"} <= top
    assert "country:CN" not in top
