"""Every `process` output line matches the documented item schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from signaldesk.cli import main
from signaldesk.demo import PACK_DIR
from signaldesk.schema import BAD_LINE_SCHEMA, ITEM_FIELDS, ITEM_SCHEMA
from signaldesk.sources.replay import ReplaySource

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture(scope="module")
def output(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    work = tmp_path_factory.mktemp("schema")
    lines = []
    for doc in list(ReplaySource(PACK_DIR, speed=-1).docs())[:60]:
        record = {
            "id": doc.id,
            "html": doc.html,
            "url": doc.url,
            "title": doc.title,
            "source": doc.source,
            "tier": doc.tier,
            "guid": doc.guid,
            "published_at": doc.published_at.isoformat() if doc.published_at else None,
        }
        lines.append(json.dumps(record))
    lines.insert(5, '{"id": "broken", "html": ')
    (work / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = work / "out.jsonl"
    assert main(["process", "--input", str(work / "in.jsonl"), "--output", str(out)]) == 0
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def test_every_line_validates(output: list[dict[str, object]]) -> None:
    assert len(output) == 61
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    items = jsonschema.Draft202012Validator(ITEM_SCHEMA, format_checker=checker)
    bad = jsonschema.Draft202012Validator(BAD_LINE_SCHEMA)
    for record in output:
        (bad if record.get("dropped") == "bad_input" else items).validate(record)
    kept = [r for r in output if not r.get("dropped")]
    assert len(kept) > 40
    assert all(2 <= len(r["bullets"]) <= 4 for r in kept if (r["word_count"] or 0) > 80)  # type: ignore[arg-type]
    assert any(r.get("duplicate_of") and r.get("story_id") for r in output)


def test_schema_rejects_a_wrong_item(output: list[dict[str, object]]) -> None:
    item = dict(next(r for r in output if not r.get("dropped")))
    item["desks"] = [{"desk": "sports", "score": 2, "why": []}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(item, ITEM_SCHEMA)


def test_readme_documents_every_field() -> None:
    text = README.read_text(encoding="utf-8")
    for name in ITEM_FIELDS:
        assert f"| `{name}` |" in text, f"README's item schema lacks {name}"
